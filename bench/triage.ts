import type { Detection } from '../src/core/types.js';
import { createDetectionEngine } from '../src/app/detection-engine.js';
import { createVendorMatcher } from '../src/detection/matching/vendor-matcher.js';
import { type IncidentSignature, orgRef } from '../src/detection/signature.js';
import { coin, createRandom, generateArticles, generateWatchlist, type GeneratedArticle, organisationName } from './generate.js';
import { type BenchContext, type Figure, figure } from './harness.js';

// The whole detection path as the bot runs it (src/app/detection-engine.ts: normalise, classify, match, facts,
// summary, then grouping) over a stream of generated articles against the 1,000-vendor watchlist. Two questions:
// how many articles a second, and whether grouping slows down as incidents pile up (it must not be quadratic).

function runStream(engine: ReturnType<typeof createDetectionEngine>, articles: GeneratedArticle[]): { totalMs: number; perArticleMs: number[]; groupMs: number; breaches: number } {
  const perArticleMs: number[] = new Array(articles.length);
  let groupMs = 0;
  let breaches = 0;
  const started = performance.now();
  for (let i = 0; i < articles.length; i++) {
    const article = articles[i] as GeneratedArticle;
    const t0 = performance.now();
    const detection: Detection = engine.detect(article);
    if (detection.breach) {
      breaches += 1;
      const t1 = performance.now();
      engine.group(article, detection);
      groupMs += performance.now() - t1;
    }
    perArticleMs[i] = performance.now() - t0;
  }
  return { totalMs: performance.now() - started, perArticleMs, groupMs, breaches };
}

/**
 * `count` stored incidents shaped like the ones detection writes, each about a different organisation. Names share
 * first words with the probe articles' victims ("Riverton …"): crowded postings are the grouper's worst case.
 */
function storedIncidents(templates: IncidentSignature[], count: number, seed: number): { key: string; signature: IncidentSignature }[] {
  const random = createRandom(seed);
  const out: { key: string; signature: IncidentSignature }[] = [];
  for (let i = 0; i < count; i++) {
    const template = templates[i % templates.length] as IncidentSignature;
    const [place, ...kind] = organisationName(random).split(' ');
    const name = `${place} ${coin(random)} ${kind.join(' ')}`;
    const primary = orgRef(name);
    const month = 2024 * 12 + Math.floor(random() * 30);
    out.push({
      key: `bench-incident-${i}`,
      signature: { ...template, primary, orgs: [primary, ...template.orgs.slice(1, 3)], months: [month], years: [], published: null, articles: 1 },
    });
  }
  return out;
}

export async function runTriageBench(context: BenchContext): Promise<Figure[]> {
  const vendors = generateWatchlist(10_000).slice(0, 1_000);
  const streamLength = context.quick ? 2_000 : 10_000;
  const articles = generateArticles(streamLength, { vendors, seed: 21, breachShare: 0.4, distinctVictims: true });
  const bytes = articles.reduce((sum, a) => sum + Buffer.byteLength(a.title) + Buffer.byteLength(a.text), 0);

  // Warm-up on other articles, so the stream measures steady-state code rather than the JIT's first look.
  const warm = createDetectionEngine(vendors, []);
  runStream(warm, generateArticles(300, { vendors, seed: 99, breachShare: 0.4 }));

  const engine = createDetectionEngine(vendors, []);
  const stream = runStream(engine, articles);
  const perSecond = (articles.length / stream.totalMs) * 1000;

  // Baseline for the whole path: the vendor matcher alone over the same texts (the part the matcher benchmark covers).
  const matcher = createVendorMatcher(vendors);
  let sink = 0;
  const matchStarted = performance.now();
  for (const a of articles) sink += matcher.find(`${a.title}\n${a.text}`).length;
  const matchMs = performance.now() - matchStarted;
  const matchPerSecond = (articles.length / matchMs) * 1000;
  context.log(`triage: ${perSecond.toFixed(0)} articles/s over ${articles.length} (${(bytes / 1e6).toFixed(1)} MB, ${stream.breaches} breaches, grouping ${stream.groupMs.toFixed(0)} ms), matcher alone ${matchPerSecond.toFixed(0)}/s`);

  const window = Math.min(1_000, Math.floor(articles.length / 4));
  const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
  const firstMs = mean(stream.perArticleMs.slice(0, window));
  const lastMs = mean(stream.perArticleMs.slice(-window));

  // Stored incidents: the same probe articles against an engine pre-loaded with 1,000 and with 10,000 incidents.
  const templates: IncidentSignature[] = [];
  const templateEngine = createDetectionEngine(vendors, []);
  for (const a of generateArticles(200, { vendors, seed: 31, breachShare: 1 })) {
    const detection = templateEngine.detect(a);
    const group = detection.breach ? templateEngine.group(a, detection) : null;
    if (group) templates.push(group.signature as IncidentSignature);
  }
  // Probe victims are "<place> <kind>" names: they share first words and acronyms with the stored incidents.
  const probe = generateArticles(context.quick ? 400 : 1_000, { vendors, seed: 41, breachShare: 0.6 });
  const atSize = (size: number) => {
    const stored = storedIncidents(templates, size, 51);
    const loadStarted = performance.now();
    const preloaded = createDetectionEngine(vendors, stored);
    const loadMs = performance.now() - loadStarted;
    // Twice, keeping the second: the first pass pays for the JIT on this engine's closures.
    runStream(createDetectionEngine(vendors, stored), probe.slice(0, 100));
    const run = runStream(preloaded, probe);
    return { perArticle: run.totalMs / probe.length, groupPerBreach: run.groupMs / Math.max(1, run.breaches), loadMs };
  };
  const small = atSize(1_000);
  const large = atSize(10_000);
  context.log(
    `triage stored incidents: ${small.perArticle.toFixed(3)} ms/article at 1,000, ${large.perArticle.toFixed(3)} at 10,000; grouping ${(small.groupPerBreach * 1000).toFixed(0)} µs vs ${(large.groupPerBreach * 1000).toFixed(0)} µs per breach`,
  );
  if (sink === -1) context.log('unreachable');

  const quickNote = context.quick ? `quick mode: ${articles.length} articles instead of 10,000` : undefined;
  return [
    figure({
      name: 'triage.throughput',
      value: perSecond,
      unit: 'articles/s',
      baseline: 'vendor matcher alone, articles/s',
      baselineValue: matchPerSecond,
      check: { kind: 'value-at-least', limit: 1_000 },
      ...(quickNote ? { note: quickNote } : {}),
    }),
    figure({
      name: 'triage.stream_growth',
      value: lastMs,
      unit: 'ms/article',
      baseline: `first ${window} articles of the stream, ms/article`,
      baselineValue: firstMs,
      check: { kind: 'ratio-at-most', limit: 2 },
      note: `last ${window} vs first ${window} of ${articles.length}`,
    }),
    figure({
      name: 'triage.stored_incidents_10k_vs_1k',
      value: large.perArticle,
      unit: 'ms/article',
      baseline: '1,000 stored incidents, ms/article',
      baselineValue: small.perArticle,
      check: { kind: 'ratio-at-most', limit: 2 },
    }),
    figure({
      name: 'triage.grouping_10k_vs_1k',
      value: large.groupPerBreach * 1000,
      unit: 'µs/breach article',
      baseline: '1,000 stored incidents, µs/breach article',
      baselineValue: small.groupPerBreach * 1000,
      check: { kind: 'ratio-at-most', limit: 2 },
      note: 'grouping step alone; names share first words with stored incidents (crowded postings)',
    }),
    figure({
      name: 'triage.load_10k_incidents',
      value: large.loadMs,
      unit: 'ms',
      baseline: 'loading 1,000 stored incidents, ms',
      baselineValue: small.loadMs,
      check: null,
      note: 'engine start: signatures validated and indexed',
    }),
  ];
}
