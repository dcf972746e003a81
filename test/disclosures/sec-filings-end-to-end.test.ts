// Issue 16 through the running bot: SEC EDGAR's current 8-K Atom, each cyber filing's index page and document,
// served on loopback at EDGAR's paths, polled as a feeds-file entry of type `sec-8k`, stored with its provenance,
// detected, grouped with the news reports of the same breach and alerted in Slack with the filing's link.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildAlertView } from '../../src/incidents/alert-view.js';
import { provenanceOf } from '../../src/sources/provenance.js';
import { FIXTURE_FEEDS, SEED_OUTLETS } from '../support/app-harness.js';
import {
  alertBlocksText,
  CONTACT,
  type DisclosureHarness,
  SEC_USER_AGENT,
  SOURCE_FIXTURES,
  startDisclosureHarness,
} from './support/disclosure-harness.js';
import {
  CARECLOUD_8K,
  edgarAtom,
  type Filing,
  filingFolder,
  filingRoutes,
  indexPath,
  QUILLFEATHER_EARNINGS,
  recording,
  TALLOWBROOK_BUYBACK,
} from './support/edgar.js';

const ATOM_PATH = '/cgi-bin/browse-edgar';
const seedFeeds = SEED_OUTLETS.map((name) => ({
  name: `seed ${name}`,
  path: `/${name}`,
  route: { kind: 'feed' as const, file: join(FIXTURE_FEEDS, name) },
}));

const VENDORS = [
  {
    name: 'CareCloud',
    aliases: ['CareCloud Inc.', 'MTBC'],
    domains: ['carecloud.com'],
    category: 'EHR',
    criticality: 'high',
    sec_cik: '1582982',
  },
  { name: 'Quillfeather Analytics', category: 'analytics', criticality: 'medium' },
  { name: 'Tallowbrook Industries', category: 'supplies', criticality: 'medium' },
  { name: 'Epic Systems', aliases: ['Epic'], products: ['MyChart'], category: 'EHR', criticality: 'high' },
];

let running: DisclosureHarness | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

/** The EDGAR feed entry; its Atom is routed once the server's address (the Atom's links) is known. */
function edgarFeed(path = ATOM_PATH) {
  return { name: 'SEC EDGAR 8-K filings', path, type: 'sec-8k' as const, route: { kind: 'feed' as const, body: '' } };
}

/** Starts the bot with the seed outlets and an EDGAR Atom of `filings`, whose links point at the loopback server. */
async function startWithEdgar(filings: Filing[], env: NodeJS.ProcessEnv = {}, vendors: Record<string, unknown>[] = VENDORS, seed = true) {
  running = await startDisclosureHarness({
    feeds: [...(seed ? seedFeeds : []), edgarFeed()],
    vendors,
    start: new Date('2026-04-01T09:00:00Z'),
    env,
    routes: (base) => ({
      [ATOM_PATH]: { kind: 'feed', body: edgarAtom(base, filings), contentType: 'application/atom+xml' },
      ...filingRoutes(filings),
    }),
  });
  return running;
}

const edgarRequests = (run: DisclosureHarness) =>
  run.publishers.requests.filter((request) => request.path.startsWith(ATOM_PATH) || request.path.startsWith('/Archives/'));

describe('SEC 8-K filings through the running bot', () => {
  it("the four seed reports and CareCloud's Item 1.05 8-K give one CareCloud alert, whose sources include the filing's link marked as an SEC filing", async () => {
    const run = await startWithEdgar([CARECLOUD_8K, QUILLFEATHER_EARNINGS, TALLOWBROOK_BUYBACK]);
    const h = run.harness;
    await h.app.runCycle({ backfill: true });

    const filingLink = `${run.base}${indexPath(CARECLOUD_8K)}`;
    const items = await h.app.store.items.byIds(Array.from({ length: await h.app.store.items.count() }, (_, i) => i + 1));
    const filing = items.find((item) => item.guid === `sec-filing:${CARECLOUD_8K.accession}`);
    expect(filing?.provenance).toBe('sec-filing');
    expect(filing?.canonicalUrl).toBe(filingLink);
    expect(filing?.party).toEqual({ name: 'CareCloud, Inc.', cik: '0001582982' });
    expect(filing?.facts).toEqual({ form: '8-K', items: ['1.05', '9.01'] });
    expect(filing?.text).toContain('detected unauthorized access to one of the six environments');
    // News items are stored as news.
    expect(items.filter((item) => item.provenance === 'news').length).toBeGreaterThanOrEqual(4);

    const careCloud = (await h.app.store.incidents.all()).filter((incident) => incident.vendor === 'CareCloud');
    expect(careCloud).toHaveLength(1);
    expect(h.topLevelPosts().filter((post) => post.text.startsWith('CareCloud'))).toHaveLength(1);
    const view = await buildAlertView(h.app.store, careCloud[0]!.id, h.app.vendors, h.clock.now());
    const sec = view?.sources.find((source) => provenanceOf(source) === 'sec-filing');
    expect(sec?.url).toBe(filingLink);
    // The strongest source first: the filing before the press.
    expect(view?.sources[0] && provenanceOf(view.sources[0])).toBe('sec-filing');
    expect(view?.sources.filter((source) => provenanceOf(source) === 'news').length).toBeGreaterThanOrEqual(4);
    const [alert] = alertBlocksText(h);
    expect(alert).toContain(`*SEC filing* · <${filingLink}|SEC EDGAR 8-K filings>`);
    expect(alert).toContain('*News* · ');

    // Items 2.02/9.01 and an 8.01 about a share buyback alert nobody, though both filers are on the watchlist.
    expect(h.topLevelPosts()).toHaveLength(1);
    for (const vendor of ['Quillfeather Analytics', 'Tallowbrook Industries']) {
      expect((await h.app.store.incidents.all()).filter((incident) => incident.vendor === vendor)).toEqual([]);
    }
    // The 2.02 filing was never followed; the 8.01 was (it might have been an incident) and read as a buyback.
    const paths = edgarRequests(run).map((request) => request.path);
    expect(paths.some((path) => path.includes(filingFolder(QUILLFEATHER_EARNINGS)))).toBe(false);
    expect(paths.filter((path) => path.includes(filingFolder(TALLOWBROOK_BUYBACK)))).toHaveLength(2);
    expect(paths.filter((path) => path.includes(filingFolder(CARECLOUD_8K)))).toHaveLength(2);
  });

  it('every request of the sec-8k source (the Atom, each index page, each document) carries the contact in its User-Agent', async () => {
    const run = await startWithEdgar([CARECLOUD_8K, QUILLFEATHER_EARNINGS, TALLOWBROOK_BUYBACK]);
    await run.harness.app.runCycle({ backfill: true });
    const requests = edgarRequests(run);
    expect(requests).toHaveLength(5);
    for (const request of requests) expect(request.headers['user-agent']).toBe(SEC_USER_AGENT);
    // News publishers get the ordinary User-Agent, contact included.
    const news = run.publishers.requests.find((request) => request.path === `/${SEED_OUTLETS[0]}`);
    expect(news?.headers['user-agent']).toMatch(new RegExp(`^Vendorwatch/\\S+ \\(\\+https://\\S+; ${CONTACT}\\)$`));
  });

  it('two sec-8k sources on one host, following 16 filings between them, never send that host more than 10 requests in any second', async () => {
    const log: { path: string; at: number; userAgent: string | undefined }[] = [];
    const filings = (first: number): Filing[] =>
      Array.from({ length: 8 }, (_, i) => {
        const n = first + i;
        const cik = String(1990100 + n).padStart(10, '0');
        return {
          form: '8-K',
          company: `Test Filer ${n} Corp`,
          cik,
          accession: `${cik}-26-${String(n).padStart(6, '0')}`,
          filed: '2026-03-30',
          items: [['1.05', 'Material Cybersecurity Incidents']],
          document: {
            name: `tf${n}-8k.htm`,
            html: `<html><body><p><b>Item 1.05 Material Cybersecurity Incidents.</b></p><p>Test Filer ${n} Corp detected unauthorized access to its order systems on March 20, 2026.</p></body></html>`,
          },
        };
      });
    const a = filings(1);
    const b = filings(101);
    running = await startDisclosureHarness({
      feeds: [
        { name: 'EDGAR A', path: '/edgar/a.atom', type: 'sec-8k', route: { kind: 'feed', body: '' } },
        { name: 'EDGAR B', path: '/edgar/b.atom', type: 'sec-8k', route: { kind: 'feed', body: '' } },
      ],
      vendors: [{ name: 'Unrelated Vendor', criticality: 'low' }],
      start: new Date('2026-04-01T09:00:00Z'),
      routes: (base) => ({
        '/edgar/a.atom': recording(log, () => edgarAtom(base, a), 'application/atom+xml'),
        '/edgar/b.atom': recording(log, () => edgarAtom(base, b), 'application/atom+xml'),
        ...filingRoutes([...a, ...b], (route) => recording(log, () => (route.kind === 'feed' ? String(route.body) : ''))),
      }),
    });
    const started = performance.now();
    const report = await running.harness.app.runCycle({ backfill: true });
    expect(report.feedsOk).toBe(2);
    expect(log).toHaveLength(2 + 16 * 2);
    expect(new Set(log.map((entry) => entry.userAgent))).toEqual(new Set([SEC_USER_AGENT]));
    const times = log.map((entry) => entry.at).sort((x, y) => x - y);
    let busiest = 0;
    for (let i = 0; i < times.length; i++) {
      let count = 0;
      for (let j = i; j < times.length && (times[j] as number) - (times[i] as number) < 1000; j++) count++;
      busiest = Math.max(busiest, count);
    }
    expect(busiest).toBeLessThanOrEqual(10);
    // 34 requests, 10 per 1.5 s window, take at least three full windows after the first ten.
    expect(performance.now() - started).toBeGreaterThanOrEqual(4500);
    // Every filing was read from its document, none given up.
    const texts = (
      await running.harness.app.store.items.byIds(Array.from({ length: await running.harness.app.store.items.count() }, (_, i) => i + 1))
    ).map((item) => item.text);
    expect(texts.filter((text) => text.includes('detected unauthorized access to its order systems'))).toHaveLength(16);
  }, 30_000);

  it('without VENDORWATCH_CONTACT, the SEC source sends nothing and its feed health names VENDORWATCH_CONTACT; the other feeds are polled', async () => {
    const run = await startWithEdgar([CARECLOUD_8K], { VENDORWATCH_CONTACT: '' });
    const h = run.harness;
    const report = await h.app.runCycle({ backfill: true });
    expect(edgarRequests(run)).toEqual([]);
    expect(report.feedsFailed).toBe(1);
    expect(report.feedsOk).toBe(SEED_OUTLETS.length);
    const feed = (await h.app.store.feeds.all()).find((record) => record.name === 'SEC EDGAR 8-K filings');
    expect(feed?.lastErrorCode).toBe('refused');
    expect(feed?.lastError).toContain('VENDORWATCH_CONTACT');
    // Refused before any request, so it is tried again next cycle (no backoff to sit out once the setting is fixed).
    expect(feed?.nextAttemptAt).toBeNull();
  });

  it("a filer known by its CIK alone (the watchlist's sec_cik) alerts its vendor, though EDGAR names it differently", async () => {
    const northwind: Filing = {
      form: '8-K',
      company: 'Northwind Health Systems, Inc.',
      cik: '0001987001',
      accession: '0001987001-26-000011',
      filed: '2026-03-30',
      items: [['1.05', 'Material Cybersecurity Incidents']],
      document: { name: 'nwhs-20260330.htm', html: readFileSync(join(SOURCE_FIXTURES, 'edgar', 'nwhs-20250314.htm'), 'utf8') },
    };
    const run = await startWithEdgar(
      [northwind],
      {},
      [
        { name: 'Contoso Scheduling', category: 'scheduling', criticality: 'high', sec_cik: '0001987001' },
        { name: 'Fabrikam Billing', category: 'billing', criticality: 'high', sec_cik: '1987999' },
      ],
      false,
    );
    const h = run.harness;
    await h.app.runCycle({ backfill: true });
    const incidents = (await h.app.store.incidents.all()).filter((incident) => incident.vendor !== null);
    expect(incidents.map((incident) => incident.vendor)).toEqual(['Contoso Scheduling']);
    expect(h.topLevelPosts()).toHaveLength(1);
    expect(h.topLevelPosts()[0]?.text).toMatch(/^Contoso Scheduling \(high\) reported breached/);
  });

  it('a filing document larger than the size cap is not read: the filing counts on its feed entry and says so', async () => {
    const huge: Filing = {
      ...CARECLOUD_8K,
      document: { name: 'ccld-20260327.htm', html: `${CARECLOUD_8K.document!.html}<!-- ${'x'.repeat(20_000)} -->` },
    };
    const run = await startWithEdgar([huge], { VENDORWATCH_MAX_FEED_BYTES: '8192' }, VENDORS, false);
    await run.harness.app.runCycle({ backfill: true });
    const [item] = await run.harness.app.store.items.byIds([1]);
    expect(item?.provenance).toBe('sec-filing');
    expect(item?.text).toContain("The filing's own document could not be read (the document could not be fetched: the body is");
    expect(item?.text).toContain('more than the 8192 allowed');
    expect(item?.text).not.toContain('six environments');
  });

  it('a sec-8k source follows the address policy: under public-only, a loopback EDGAR is never reached', async () => {
    const run = await startWithEdgar([CARECLOUD_8K], { VENDORWATCH_FEED_ADDRESS_POLICY: 'public-only' }, VENDORS, false);
    const report = await run.harness.app.runCycle({ backfill: true });
    expect(report.feedsFailed).toBe(1);
    expect(edgarRequests(run)).toEqual([]);
    const feed = (await run.harness.app.store.feeds.all())[0];
    expect(feed?.lastErrorCode).toBe('address_refused');
  });
});
