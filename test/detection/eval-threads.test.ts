import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { countAlertThreads, describeThreadMisses, type ThreadArticle } from '../../scripts/alert-threads.js';
import { appendCapture, captureName } from '../support/secret-scan/capture.js';

// `npm run eval` counts alert threads as a channel sees them. A handmade labelled corpus with the bot's decisions
// written out, so the expected threads can be read off by hand: one incident split into two threads, an alert to
// a vendor that is only a customer, an alert on a non-breach, a missed vendor, a roundup of two incidents, and two
// reports whose input order is the reverse of their dates.

const breach = (incident: string, matches: string[], vendorIncidents?: Record<string, string>): ThreadArticle['label'] => ({
  breach: true,
  incident,
  matches,
  ...(vendorIncidents ? { vendorIncidents } : {}),
});
const notBreach: ThreadArticle['label'] = { breach: false, incident: null, matches: [] };

const corpus: ThreadArticle[] = [
  // Acme's breach: first report, a follow-up that joins its thread, and a lawsuit months later split into a second
  // thread (the channel sees Acme alerted twice for one incident).
  { id: 'a1', published: '2025-03-01', alerts: [{ vendor: 'Acme', incident: 'p-acme' }], label: breach('acme-2025-03', ['Acme']) },
  { id: 'a2', published: '2025-03-04', alerts: [{ vendor: 'Acme', incident: 'p-acme' }], label: breach('acme-2025-03', ['Acme']) },
  { id: 'a3', published: '2025-09-20', alerts: [{ vendor: 'Acme', incident: 'p-acme-lawsuit' }], label: breach('acme-2025-03', ['Acme']) },
  // Gamma (not primary: its software vendor Beta was breached) is alerted; Beta is never alerted.
  { id: 'b1', published: '2025-04-02', alerts: [{ vendor: 'Gamma', incident: 'p-gamma' }], label: breach('beta-2025-04', ['Beta']) },
  // A vulnerability advisory alerts Delta: no breach at all.
  { id: 'd1', published: '2025-04-05', alerts: [{ vendor: 'Delta', incident: 'p-delta' }], label: notBreach },
  // A thread of three reports, the first of another incident and two of Omega's: the majority decides.
  { id: 'o1', published: '2025-05-01', alerts: [{ vendor: 'Omega', incident: 'p-omega' }], label: breach('other-2025-05', []) },
  { id: 'o2', published: '2025-05-02', alerts: [{ vendor: 'Omega', incident: 'p-omega' }], label: breach('omega-2025-05', ['Omega']) },
  { id: 'o3', published: '2025-05-03', alerts: [{ vendor: 'Omega', incident: 'p-omega' }], label: breach('omega-2025-05', ['Omega']) },
  // A roundup of two incidents alerts Sigma and Tau under one predicted key; Tau's own report comes later under
  // another key, which duplicates Tau's thread from the roundup.
  {
    id: 'r1',
    published: '2025-06-01',
    alerts: [
      { vendor: 'Sigma', incident: 'p-roundup' },
      { vendor: 'Tau', incident: 'p-roundup' },
    ],
    label: breach('sigma-2025-06', ['Sigma', 'Tau'], { Tau: 'tau-2025-06' }),
  },
  { id: 't1', published: '2025-06-02', alerts: [{ vendor: 'Tau', incident: 'p-tau' }], label: breach('tau-2025-06', ['Tau']) },
  // Input order is the reverse of the dates: the channel posts the 2025-07-01 report first, so the thread of
  // 'p-kappa-late' is the duplicate.
  { id: 'k2', published: '2025-07-09', alerts: [{ vendor: 'Kappa', incident: 'p-kappa-late' }], label: breach('kappa-2025-07', ['Kappa']) },
  { id: 'k1', published: '2025-07-01', alerts: [{ vendor: 'Kappa', incident: 'p-kappa' }], label: breach('kappa-2025-07', ['Kappa']) },
  // Zeta's breach is never alerted.
  { id: 'z1', published: '2025-08-01', alerts: [], label: breach('zeta-2025-08', ['Zeta']) },
  // A non-breach that raises nothing changes nothing.
  { id: 'n1', published: null, alerts: [], label: notBreach },
];

describe('alert threads as a channel sees them', () => {
  const count = countAlertThreads(corpus);

  it('counts posted, right, wrong, duplicated and missed threads of a handmade labelled corpus', () => {
    expect({
      posted: count.posted,
      right: count.right,
      wrong: count.wrong,
      duplicated: count.duplicated,
      missed: count.missed,
    }).toEqual({ posted: 10, right: 5, wrong: 2, duplicated: 3, missed: 2 });
  });

  it('judges each thread in the order the channel posts it', () => {
    expect(count.threads.map((t) => `${t.vendor} ${t.incident} [${t.articles.join(',')}] ${t.labelIncident} ${t.verdict}`)).toEqual([
      'Acme p-acme [a1,a2] acme-2025-03 right',
      'Gamma p-gamma [b1] beta-2025-04 wrong',
      'Delta p-delta [d1] null wrong',
      'Omega p-omega [o1,o2,o3] omega-2025-05 right',
      'Sigma p-roundup [r1] sigma-2025-06 right',
      'Tau p-roundup [r1] tau-2025-06 right',
      'Tau p-tau [t1] tau-2025-06 duplicated',
      'Kappa p-kappa [k1] kappa-2025-07 right',
      'Kappa p-kappa-late [k2] kappa-2025-07 duplicated',
      'Acme p-acme-lawsuit [a3] acme-2025-03 duplicated',
    ]);
  });

  it('lists the labelled vendor incidents that no right thread covers', () => {
    expect(count.missedPairs).toEqual([
      { vendor: 'Beta', incident: 'beta-2025-04' },
      { vendor: 'Zeta', incident: 'zeta-2025-08' },
    ]);
    expect(describeThreadMisses(count)).toContain('wrong thread Gamma / p-gamma (b1): labelled beta-2025-04, where Gamma is not a primary');
  });
});

describe('npm run eval', () => {
  it('prints the alert threads line after the incident grouping line, its verdicts adding up to the threads posted', async () => {
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const script = join(import.meta.dirname, '..', '..', 'scripts', 'eval.ts');
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', tsx, script, '--quiet'], { timeout: 60_000 });
    const name = captureName('spawn-eval');
    appendCapture(name, 'stdout', stdout);
    appendCapture(name, 'stderr', stderr);
    const lines = stdout.split('\n');
    const at = lines.findIndex((l) => l.startsWith('alert threads '));
    expect(lines[at - 1]).toMatch(/^incident grouping {2}precision /);
    const m = /^alert threads {6}posted (\d+) {2}right (\d+) {2}wrong (\d+) {2}duplicated (\d+) {2}missed (\d+)$/.exec(lines[at] ?? '');
    expect(m, lines[at]).not.toBeNull();
    const [posted, right, wrong, duplicated] = m!.slice(1, 5).map(Number);
    expect(posted).toBeGreaterThan(0);
    expect(right! + wrong! + duplicated!).toBe(posted);
  });
});

describe('npm run eval reads a roundup label wherever the corpus writes it', () => {
  const roundup = {
    id: 'r1',
    url: 'https://ledger.example/7',
    source: 'The Ledger',
    published: '2025-06-10',
    title: 'The Ledger: a billing vendor lawsuit and a staffing firm breach',
    text: "THE LEDGER\n1. First lawsuit over the billing vendor breach\nA proposed class action was filed last week against Brightwater Billing, the billing vendor whose file transfer server was accessed in February.\n2. Staffing firm reports intrusion\nPalisade Staffing said an attacker got into its credentialing portal in May and copied nurses' licence records.",
  };
  const labels = {
    breach: true,
    healthcare: true,
    organisations: ['Brightwater Billing'],
    incident: 'brightwater-billing-2025-02',
    watchlist_matches: ['Brightwater Billing'],
    watchlist_related: [],
  };
  const vendorIncidents = { 'Palisade Staffing': 'palisade-staffing-2025-05' };
  const watchlist = [
    { name: 'Brightwater Billing', aliases: [], products: [], domains: [], criticality: 'high', category: 'medical billing' },
    { name: 'Palisade Staffing', aliases: [], products: [], domains: [], criticality: 'medium', category: 'staffing' },
  ];

  async function alertsLine(article: object): Promise<string> {
    const dir = mkdtempSync(join(tmpdir(), 'vw-eval-'));
    writeFileSync(join(dir, 'watchlist.json'), JSON.stringify(watchlist));
    writeFileSync(join(dir, 'articles.jsonl'), `${JSON.stringify(article)}\n`);
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const script = join(import.meta.dirname, '..', '..', 'scripts', 'eval.ts');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', tsx, script, '--corpus', dir, '--quiet'], {
      timeout: 60_000,
    });
    rmSync(dir, { recursive: true, force: true });
    return stdout.split('\n').find((l) => l.startsWith('vendor alerts')) ?? '';
  }

  it('counts the vendor of a separate incident as an expected alert, inside labels or beside them', async () => {
    const inside = await alertsLine({ ...roundup, labels: { ...labels, vendor_incidents: vendorIncidents } });
    const beside = await alertsLine({ ...roundup, labels, vendor_incidents: vendorIncidents });
    expect(inside).toMatch(/precision 1\.000 {2}recall 1\.000 .*\(tp 2, fp 0, fn 0\)/);
    expect(beside).toBe(inside);
  });
});
