import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { expectedAlerts, vendorIncidentsSchema } from '../../scripts/corpus-labels.js';
import type { Article } from '../../src/core/types.js';
import { createDetector } from '../../src/detection/detector.js';
import { IncidentGrouper } from '../../src/detection/grouping.js';
import { loadWatchlist } from '../../src/watchlist/load-watchlist.js';
import { detectionFixtures } from './support/fixtures.js';

// Incidents, outlets and vendor names the rules were not written against (the second half was scored blind before
// any rule changed). The floors say the rules generalise; the dev corpus alone could be memorised.

const lineSchema = z.object({
  id: z.string(),
  url: z.string(),
  source: z.string(),
  published: z.string().nullable(),
  title: z.string(),
  text: z.string(),
  labels: z.object({
    breach: z.boolean(),
    healthcare: z.boolean(),
    incident: z.string().nullable(),
    watchlist_matches: z.array(z.string()),
    watchlist_related: z.array(z.string()),
    vendor_incidents: vendorIncidentsSchema,
  }),
  vendor_incidents: vendorIncidentsSchema,
});

interface Score {
  tp: number;
  fp: number;
  fn: number;
}

function f1({ tp, fp, fn }: Score): number {
  return tp === 0 ? (fp + fn === 0 ? 1 : 0) : (2 * tp) / (2 * tp + fp + fn);
}

function count(score: Score, got: Set<string>, want: Set<string>): void {
  for (const g of got) score[want.has(g) ? 'tp' : 'fp'] += 1;
  for (const w of want) if (!got.has(w)) score.fn += 1;
}

function runCorpus(name: string) {
  const dir = join(detectionFixtures, name);
  const detector = createDetector(loadWatchlist(join(dir, 'watchlist.json')));
  const grouper = new IncidentGrouper();
  const lines = readFileSync(join(dir, 'articles.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => lineSchema.parse(JSON.parse(l)));
  const breach: Score = { tp: 0, fp: 0, fn: 0 };
  const alerts: Score = { tp: 0, fp: 0, fn: 0 };
  const related: Score = { tp: 0, fp: 0, fn: 0 };
  const grouping: Score = { tp: 0, fp: 0, fn: 0 };
  let healthcareRight = 0;
  const keys: { key: string | null; label: string | null }[] = [];
  const misses: string[] = [];
  for (const line of lines) {
    const article: Article = {
      id: line.id,
      url: line.url,
      source: line.source,
      published: line.published,
      title: line.title,
      text: line.text,
    };
    const detection = detector.detect(article);
    const { labels } = line;
    if (detection.breach !== labels.breach) misses.push(`${line.id} breach ${detection.breach}`);
    if (detection.breach && labels.breach) breach.tp += 1;
    else if (detection.breach) breach.fp += 1;
    else if (labels.breach) breach.fn += 1;
    if (labels.breach && detection.healthcare === labels.healthcare) healthcareRight += 1;
    const primary = detection.alert ? detection.vendors.filter((v) => v.role === 'primary').map((v) => v.name) : [];
    count(alerts, new Set(primary), expectedAlerts(line));
    if (labels.breach)
      count(related, new Set(detection.vendors.filter((v) => v.role === 'related').map((v) => v.name)), new Set(labels.watchlist_related));
    keys.push({ key: grouper.assign(article, detection).key, label: labels.incident });
  }
  for (let i = 0; i < keys.length; i += 1) {
    for (let j = i + 1; j < keys.length; j += 1) {
      const same = keys[i]!.key !== null && keys[i]!.key === keys[j]!.key;
      const should = keys[i]!.label !== null && keys[i]!.label === keys[j]!.label;
      if (same && should) grouping.tp += 1;
      else if (same) grouping.fp += 1;
      else if (should) grouping.fn += 1;
    }
  }
  const breaches = lines.filter((l) => l.labels.breach).length;
  return { lines, breach, alerts, related, grouping, healthcare: healthcareRight / breaches, misses };
}

// The out-of-sample set, and the tuning corpus of issue 15 (every failure class with counter-examples): each must
// stay at its floor. The held-out blind-2 set is measured with `npm run eval`, never asserted on here.
// round-3 (grouping-heavy, written to be hard) and blind-2 to -12 (each held out until its first honest score,
// tuning data since) hold lower floors: they guard the rules' gains on them, not a finished score.
describe.each([
  { name: 'out-of-sample', relatedFloor: 0.9, floor: 0.9 },
  { name: 'round-2', relatedFloor: null, floor: 0.9 },
  { name: 'round-3', relatedFloor: null, floor: 0.75 },
  { name: 'blind-2', relatedFloor: null, floor: 0.88 },
  { name: 'blind-3', relatedFloor: null, floor: 0.85 },
  { name: 'blind-4', relatedFloor: null, floor: 0.55 },
  { name: 'blind-5', relatedFloor: null, floor: 0.85 },
  { name: 'blind-6', relatedFloor: null, floor: 0.85 },
  { name: 'blind-7', relatedFloor: null, floor: 0.85 },
  { name: 'blind-8', relatedFloor: null, floor: 0.9 },
  { name: 'blind-9', relatedFloor: null, floor: 0.9 },
  // Its authors judged operations suppliers (staffing, parking, catering) by what their data was: a few healthcare
  // labels hang on that judgement.
  { name: 'blind-10', relatedFloor: null, floor: 0.9, healthcareFloor: 0.85 },
  // Its roundups label the lead item's incident even when another item is the watchlist vendor's.
  { name: 'blind-11', relatedFloor: null, floor: 0.75 },
  // Blind sets tuned on only briefly after their first scores.
  { name: 'blind-12', relatedFloor: null, floor: 0.75, healthcareFloor: 0.8 },
  { name: 'blind-13', relatedFloor: null, floor: 0.75 },
  { name: 'blind-14', relatedFloor: null, floor: 0.9 },
  { name: 'blind-15', relatedFloor: null, floor: 0.9 },
  // Tuned on only briefly after its first score.
  { name: 'blind-16', relatedFloor: null, floor: 0.8, healthcareFloor: 0.85 },
  { name: 'blind-17', relatedFloor: null, floor: 0.9 },
  { name: 'blind-18', relatedFloor: null, floor: 0.9 },
  // Tuned on only briefly after their first scores.
  { name: 'blind-19', relatedFloor: null, floor: 0.85, healthcareFloor: 0.9 },
  { name: 'blind-20', relatedFloor: null, floor: 0.7, healthcareFloor: 0.9 },
  { name: 'blind-21', relatedFloor: null, floor: 0.75, healthcareFloor: 0.9 },
  { name: 'blind-22', relatedFloor: null, floor: 0.8 },
] as { name: string; relatedFloor: number | null; floor: number; healthcareFloor?: number }[])(
  '$name corpus',
  ({ name, relatedFloor, floor, healthcareFloor = 0.9 }) => {
    const result = runCorpus(name);

    it('is large and varied enough to mean something', () => {
      expect(result.lines.length).toBeGreaterThanOrEqual(30);
      const breaches = result.lines.filter((l) => l.labels.breach).length;
      expect(breaches).toBeGreaterThanOrEqual(15);
      expect(result.lines.length - breaches).toBeGreaterThanOrEqual(10);
      if (relatedFloor !== null) expect(result.lines.filter((l) => l.labels.watchlist_related.length > 0).length).toBeGreaterThanOrEqual(5);
    });

    it('finds breaches with F1 of at least 0.9', () => {
      expect(f1(result.breach), result.misses.join('; ')).toBeGreaterThanOrEqual(0.9);
    });

    it('tells healthcare breaches from others on most breaches (90% unless the corpus says otherwise)', () => {
      expect(result.healthcare).toBeGreaterThanOrEqual(healthcareFloor);
    });

    it('alerts the breached watchlist vendor with precision of at least 0.9 and recall at its floor', () => {
      const { tp, fp, fn } = result.alerts;
      expect(tp / (tp + fp)).toBeGreaterThanOrEqual(0.9);
      expect(tp / (tp + fn)).toBeGreaterThanOrEqual(floor);
    });

    if (relatedFloor !== null)
      it('names platform and customer vendors as related with F1 at its floor', () => {
        expect(f1(result.related)).toBeGreaterThanOrEqual(relatedFloor);
      });

    it('groups the reports of one incident with pairwise F1 at its floor', () => {
      expect(f1(result.grouping)).toBeGreaterThanOrEqual(floor);
    });
  },
);
