import { createDetectionEngine } from '../src/app/detection-engine.js';
import type { ArticleDetection } from '../src/detection/detector.js';
import { IncidentGrouper } from '../src/detection/grouping.js';
import { createVendorMatcher } from '../src/detection/matching/vendor-matcher.js';
import { type IncidentSignature, orgRef } from '../src/detection/signature.js';
import type { DetectionEngine } from '../src/incidents/incident-tracker.js';
import { coin, createRandom, type GeneratedArticle, generateArticles, generateWatchlist, organisationName } from './generate.js';
import { type BenchContext, cpuMs, type Figure, figure, startClock } from './harness.js';
import { triageOnEngines } from './store-engines.js';

// The whole detection path as the bot runs it (src/app/detection-engine.ts: normalise, classify, match, facts,
// summary, then grouping) over a stream of generated articles against the 1,000-vendor watchlist. Two questions:
// how many articles a second, and whether grouping slows down as incidents pile up (it must not be quadratic).

interface StreamRun {
  wallMs: number;
  cpuMs: number;
  /** The smaller of the two (see startClock). */
  costMs: number;
  /** Ms per article (min of wall and CPU) of each consecutive window of `window` articles. */
  windows: number[];
  breaches: number;
  incidents: number;
  signatures: IncidentSignature[];
}

function runStream(engine: DetectionEngine, articles: GeneratedArticle[], window: number): StreamRun {
  const windows: number[] = [];
  const signatures: IncidentSignature[] = [];
  let breaches = 0;
  let incidents = 0;
  const started = performance.now();
  const cpuStarted = cpuMs();
  const clock = startClock();
  for (let i = 0; i < articles.length; i++) {
    const article = articles[i] as GeneratedArticle;
    const detection = engine.detect(article);
    if (detection.breach) {
      breaches += 1;
      for (const group of engine.group(article, detection)) {
        if (!group.isNew) continue;
        incidents += 1;
        if (signatures.length < 400) signatures.push(group.signature as IncidentSignature);
      }
    }
    if ((i + 1) % window === 0) windows.push(clock.lap() / window);
  }
  const wallMs = performance.now() - started;
  return { wallMs, cpuMs: cpuMs() - cpuStarted, costMs: Math.min(wallMs, cpuMs() - cpuStarted), windows, breaches, incidents, signatures };
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
      signature: {
        ...template,
        primary,
        orgs: [primary, ...template.orgs.slice(1, 3)],
        months: [month],
        years: [],
        published: null,
        articles: 1,
      },
    });
  }
  return out;
}

export async function runTriageBench(context: BenchContext): Promise<Figure[]> {
  const vendors = generateWatchlist(10_000).slice(0, 1_000);
  const streamLength = context.quick ? 800 : 10_000;
  const window = context.quick ? 200 : 1_000;
  const articles = generateArticles(streamLength, { vendors, seed: 21, breachShare: 0.4, distinctVictims: true });
  const bytes = articles.reduce((sum, a) => sum + Buffer.byteLength(a.title) + Buffer.byteLength(a.text), 0);

  // The bot's own wiring. Warmed up on other articles first, so the stream measures steady-state code. The JIT needs
  // far more than the 200 articles the engine itself sees: after them V8 was still compiling detection's large
  // functions, and a first pass over the stream ran at under half the speed of a second one. So a throwaway engine
  // warms the code on 2,000 articles first; the measured engine and its grouper start as before.
  runStream(
    createDetectionEngine(vendors, []),
    generateArticles(2_000, { vendors, seed: 98, breachShare: 0.4, distinctVictims: true }),
    2_000,
  );
  const engine = createDetectionEngine(vendors, []);
  runStream(engine, generateArticles(200, { vendors, seed: 99, breachShare: 0.4 }), 200);
  const stream = runStream(engine, articles, window);
  const perSecond = (articles.length / stream.costMs) * 1000;
  const wallPerSecond = (articles.length / stream.wallMs) * 1000;
  const cpuPerSecond = (articles.length / stream.cpuMs) * 1000;

  // Baseline for the whole path: the vendor matcher alone over the same texts (what the matcher benchmark covers).
  const matcher = createVendorMatcher(vendors);
  let sink = 0;
  const matchClock = startClock();
  for (const a of articles) sink += matcher.find(`${a.title}\n${a.text}`).length;
  const matchPerSecond = (articles.length / matchClock.elapsed()) * 1000;
  context.log(
    `triage: ${perSecond.toFixed(0)} articles/s (${cpuPerSecond.toFixed(0)}/s by CPU, ${wallPerSecond.toFixed(0)}/s by wall) over ${articles.length} (${(bytes / 1e6).toFixed(1)} MB, ${stream.breaches} breaches), matcher alone ${matchPerSecond.toFixed(0)}/s`,
  );
  const firstMs = stream.windows[0] ?? 0;
  const lastMs = stream.windows[stream.windows.length - 1] ?? 0;

  // Stored incidents: the same probe articles grouped by an engine pre-loaded with 1,000 and with 10,000
  // incidents. Detection does not depend on the grouper, so each probe article is detected once and the grouping
  // step is timed alone; the whole path per article is detection plus grouping.
  const templates = stream.signatures;
  // Probe victims are "<place> <kind>" names: they share first words and acronyms with the stored incidents.
  const probe = generateArticles(context.quick ? 200 : 1_000, { vendors, seed: 41, breachShare: 0.6 });
  const detectClock = startClock();
  const probeDetections = probe.map((a) => ({ article: a, detection: engine.detect(a) }));
  const detectPerArticle = detectClock.elapsed() / probe.length;
  const probeBreaches = probeDetections.filter((p) => p.detection.breach);
  const atSize = (size: number) => {
    const stored = storedIncidents(templates, size, 51);
    const loadStarted = performance.now();
    const grouper = new IncidentGrouper(stored);
    const loadMs = performance.now() - loadStarted;
    // Twice over the probe, keeping the second: the first pays for the JIT and for merging into stored incidents.
    let groupCpu = 0;
    for (let pass = 0; pass < 2; pass++) {
      const fresh = pass === 0 ? grouper : new IncidentGrouper(stored);
      const clock = startClock();
      for (const { article, detection } of probeBreaches) fresh.assign(article, detection as ArticleDetection);
      groupCpu = clock.elapsed();
    }
    const groupPerBreach = groupCpu / Math.max(1, probeBreaches.length);
    return { perArticle: detectPerArticle + groupCpu / probe.length, groupPerBreach, loadMs };
  };
  const small = atSize(1_000);
  const large = atSize(10_000);
  context.log(
    `triage stored incidents: ${small.perArticle.toFixed(3)} ms/article at 1,000, ${large.perArticle.toFixed(3)} at 10,000; grouping ${(small.groupPerBreach * 1000).toFixed(0)} µs vs ${(large.groupPerBreach * 1000).toFixed(0)} µs per breach article`,
  );
  if (sink === -1) context.log('unreachable');

  // Triage with its store (IncidentTracker over stored items), on SQLite and on PostgreSQL. Fewer articles than the
  // stream: on PostgreSQL each costs several times as much.
  const engineArticles = generateArticles(context.quick ? 200 : 500, { vendors, seed: 61, breachShare: 0.4, distinctVictims: true });
  const engineFigures = await triageOnEngines(context, engineArticles, vendors);

  const quickNote = context.quick ? `quick mode: ${articles.length} articles instead of 10,000` : undefined;
  return [
    figure({
      name: 'triage.throughput',
      value: perSecond,
      unit: 'articles/s',
      baseline: 'vendor matcher alone, articles/s',
      baselineValue: matchPerSecond,
      check: { kind: 'value-at-least', limit: 1_000 },
      note: `min(wall, CPU) time; ${wallPerSecond.toFixed(0)}/s by wall clock, ${cpuPerSecond.toFixed(0)}/s by CPU time in this run${quickNote ? `; ${quickNote}` : ''}`,
    }),
    figure({
      name: 'triage.stream_growth',
      value: lastMs,
      unit: 'ms/article',
      baseline: `first ${window} articles of the stream, ms/article`,
      baselineValue: firstMs,
      check: { kind: 'ratio-at-most', limit: 2 },
      note: `ms per article, last ${window} vs first ${window} of ${articles.length}; ${stream.incidents} incidents by the end`,
    }),
    figure({
      name: 'triage.stored_incidents_10k_vs_1k',
      value: large.perArticle,
      unit: 'ms/article',
      baseline: '1,000 stored incidents, ms/article',
      note: 'detection of the probe articles plus grouping them',
      baselineValue: small.perArticle,
      check: { kind: 'ratio-at-most', limit: 2 },
    }),
    figure({
      name: 'triage.grouping_10k_vs_1k',
      value: large.groupPerBreach * 1000,
      unit: 'µs/breach article',
      baseline: '1,000 stored incidents, µs/breach article',
      baselineValue: small.groupPerBreach * 1000,
      check: null,
      note: 'grouping step alone; probe names share first words with stored incidents (crowded postings)',
    }),
    figure({
      name: 'triage.load_10k_incidents',
      value: large.loadMs,
      unit: 'ms',
      baseline: 'loading 1,000 stored incidents, ms',
      baselineValue: small.loadMs,
      check: null,
      note: 'IncidentGrouper start: stored signatures validated and indexed',
    }),
    ...engineFigures,
  ];
}
