// `npm run eval -- [--corpus DIR] [--quiet]`: runs triage over DIR/articles.jsonl with DIR/watchlist.json and scores it
// against the labels: breach precision/recall/F1, healthcare accuracy on breaches, vendor alerts (article × primary
// vendor), incident grouping (pairs of articles in one incident) and alert threads as a channel sees them
// (scripts/alert-threads.ts), then lists every miss with its `why`.
// DIR is relative to the repository and defaults to the out-of-sample corpus inside it, so the command works in any
// checkout; `--corpus ../shared/eval/dev` scores the dev corpus kept outside the repository.

import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createTriage, type TriageResult } from '../src/detection/triage.js';
import { loadWatchlist } from '../src/watchlist/load-watchlist.js';
import { countAlertThreads, describeThreadMisses, type ThreadArticle } from './alert-threads.js';
import { expectedAlerts, roundupIncidents, vendorIncidentsSchema } from './corpus-labels.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_CORPUS = 'test/detection/fixtures/out-of-sample';

const labelledSchema = z.object({
  id: z.string(),
  published: z.string().nullish(),
  labels: z.object({
    breach: z.boolean(),
    healthcare: z.boolean(),
    incident: z.string().nullable(),
    watchlist_matches: z.array(z.string()).default([]),
    watchlist_related: z.array(z.string()).default([]),
    note: z.string().nullish(),
    // Only for a roundup of several incidents (see corpus-labels.ts).
    vendor_incidents: vendorIncidentsSchema,
  }),
  vendor_incidents: vendorIncidentsSchema,
});

interface Score {
  tp: number;
  fp: number;
  fn: number;
}

const prf = ({ tp, fp, fn }: Score) => {
  const p = tp + fp === 0 ? 1 : tp / (tp + fp);
  const r = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f = p + r === 0 ? 0 : (2 * p * r) / (p + r);
  return { p, r, f };
};
const fmt = (x: number) => x.toFixed(3);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { corpus: { type: 'string' }, quiet: { type: 'boolean' }, show: { type: 'string', multiple: true } },
    strict: true,
  });
  const dir = resolve(root, values.corpus ?? DEFAULT_CORPUS);
  const vendors = loadWatchlist(join(dir, 'watchlist.json'));
  const lines = readFileSync(join(dir, 'articles.jsonl'), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const triage = createTriage({ vendors });

  const breach: Score = { tp: 0, fp: 0, fn: 0 };
  const alerts: Score = { tp: 0, fp: 0, fn: 0 };
  // Related vendors (platform, affected customer or partner) of the articles labelled breaches.
  const related: Score = { tp: 0, fp: 0, fn: 0 };
  let hcRight = 0;
  let hcTotal = 0;
  const misses: string[] = [];
  const predicted: { id: string; incident: string | null; label: string | null }[] = [];
  const channel: ThreadArticle[] = [];
  const started = performance.now();

  lines.forEach((line, i) => {
    const labelled = labelledSchema.parse(JSON.parse(line));
    const out = triage.run(line, i + 1);
    if ('error' in out) {
      misses.push(`${labelled.id}: error ${out.error}`);
      return;
    }
    const result: TriageResult = out;
    // `--show <id>` prints one article's whole result, to read why it went as it did.
    if (values.show?.includes(labelled.id)) console.log(`${labelled.id}: ${JSON.stringify(result, null, 2)}`);
    const L = { ...labelled.labels, vendor_incidents: roundupIncidents(labelled) };
    const problems: string[] = [];
    if (result.breach && L.breach) breach.tp += 1;
    else if (result.breach) {
      breach.fp += 1;
      problems.push('breach false positive');
    } else if (L.breach) {
      breach.fn += 1;
      problems.push('breach missed');
    }
    if (L.breach) {
      hcTotal += 1;
      if (result.healthcare === L.healthcare) hcRight += 1;
      else problems.push(`healthcare ${result.healthcare}, label ${L.healthcare}`);
    }
    const got = new Set(result.alert ? result.vendors.filter((v) => v.role === 'primary').map((v) => v.name) : []);
    const want = expectedAlerts(labelled);
    for (const v of got) {
      if (want.has(v)) alerts.tp += 1;
      else {
        alerts.fp += 1;
        problems.push(`false alert ${v}`);
      }
    }
    for (const v of want) {
      if (!got.has(v)) {
        alerts.fn += 1;
        problems.push(`missed alert ${v}`);
      }
    }
    if (L.breach) {
      const gotRelated = new Set(result.vendors.filter((v) => v.role === 'related').map((v) => v.name));
      const wantRelated = new Set(L.watchlist_related);
      for (const v of gotRelated) {
        if (wantRelated.has(v)) related.tp += 1;
        else {
          related.fp += 1;
          problems.push(`related ${v}, not labelled`);
        }
      }
      for (const v of wantRelated) {
        if (!gotRelated.has(v)) {
          related.fn += 1;
          problems.push(`missed related ${v}`);
        }
      }
    }
    predicted.push({ id: labelled.id, incident: result.incident, label: L.incident });
    channel.push({
      id: labelled.id,
      published: labelled.published ?? null,
      // A roundup alerts each vendor of a separate incident into that incident's thread.
      alerts: [...got].map((vendor) => ({
        vendor,
        incident: result.separate_incidents?.find((s) => s.vendor === vendor)?.incident ?? result.incident,
      })),
      label: { breach: L.breach, incident: L.incident, matches: [...want], vendorIncidents: L.vendor_incidents },
    });
    if (problems.length > 0) {
      misses.push(`${labelled.id}: ${problems.join('; ')}\n    why: ${result.why.join(' | ')}${L.note ? `\n    note: ${L.note}` : ''}`);
    }
  });
  const elapsed = performance.now() - started;

  // Pairwise grouping: every pair of articles is "together" or not, in the labels and in the output.
  const grouping: Score = { tp: 0, fp: 0, fn: 0 };
  const groupMisses: string[] = [];
  for (let i = 0; i < predicted.length; i += 1) {
    for (let j = i + 1; j < predicted.length; j += 1) {
      const a = predicted[i]!;
      const b = predicted[j]!;
      const same = a.incident !== null && a.incident === b.incident;
      const should = a.label !== null && a.label === b.label;
      if (same && should) grouping.tp += 1;
      else if (same) {
        grouping.fp += 1;
        groupMisses.push(`${a.id}+${b.id} grouped as ${a.incident}, labels ${a.label} / ${b.label}`);
      } else if (should) {
        grouping.fn += 1;
        groupMisses.push(`${a.id}+${b.id} apart (${a.incident} / ${b.incident}), label ${a.label}`);
      }
    }
  }

  const b = prf(breach);
  const v = prf(alerts);
  const g = prf(grouping);
  const out = process.stdout;
  out.write(`corpus: ${dir} (${lines.length} articles, ${vendors.length} vendors, ${(elapsed / lines.length).toFixed(2)} ms/article)\n\n`);
  out.write(
    `breach             precision ${fmt(b.p)}  recall ${fmt(b.r)}  F1 ${fmt(b.f)}  (tp ${breach.tp}, fp ${breach.fp}, fn ${breach.fn})\n`,
  );
  out.write(`healthcare         accuracy on breaches ${fmt(hcTotal ? hcRight / hcTotal : 1)}  (${hcRight}/${hcTotal})\n`);
  out.write(
    `vendor alerts      precision ${fmt(v.p)}  recall ${fmt(v.r)}  F1 ${fmt(v.f)}  (tp ${alerts.tp}, fp ${alerts.fp}, fn ${alerts.fn})\n`,
  );
  const r = prf(related);
  out.write(
    `vendor related     precision ${fmt(r.p)}  recall ${fmt(r.r)}  F1 ${fmt(r.f)}  (tp ${related.tp}, fp ${related.fp}, fn ${related.fn})\n`,
  );
  out.write(
    `incident grouping  precision ${fmt(g.p)}  recall ${fmt(g.r)}  F1 ${fmt(g.f)}  (pairs tp ${grouping.tp}, fp ${grouping.fp}, fn ${grouping.fn})\n`,
  );
  const threads = countAlertThreads(channel);
  out.write(
    `alert threads      posted ${threads.posted}  right ${threads.right}  wrong ${threads.wrong}  duplicated ${threads.duplicated}  missed ${threads.missed}\n`,
  );
  if (!values.quiet) {
    out.write(`\nmisses (${misses.length}):\n`);
    for (const m of misses) out.write(`  ${m}\n`);
    out.write(`\ngrouping misses (${groupMisses.length}):\n`);
    for (const m of groupMisses.slice(0, 200)) out.write(`  ${m}\n`);
    const threadMisses = describeThreadMisses(threads);
    out.write(`\nalert thread misses (${threadMisses.length}):\n`);
    for (const m of threadMisses) out.write(`  ${m}\n`);
  }
}

try {
  await main();
} catch (error) {
  process.stderr.write(`eval: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
