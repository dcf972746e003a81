import { compile, convert, type HtmlToTextOptions } from 'html-to-text';
import { defaultConcurrency } from '../src/config/load-config.js';
import type { FeedSource } from '../src/core/types.js';
import { type FeedFetchResult, type FeedFetchState, fetchFeeds } from '../src/feeds/poll-feeds.js';
import type { FeedKind, HostFeed } from './feed-host.js';
import { type FeedHost, startFeedHost } from './feed-host-client.js';
import { generateArticles, generateWatchlist } from './generate.js';
import { type BenchContext, cpuMs, type Figure, figure, sampleRss, timePasses } from './harness.js';
import { pollCycleOnEngines } from './store-engines.js';

// One poll cycle over 500 loopback feeds through fetchFeeds, the function the bot's cycle calls: 5% hang after
// their headers, 5% answer 500, 5% take 2 s, the rest answer at once (half of them honour conditional requests
// and answer 304 the second time; the other half send no validators and publish a story in between). A good cycle
// costs about one per-request timeout, because the hung feeds wait out their deadlines side by side.

const FEEDS = 500;
const ITEMS = 50;
const SLOW_MS = 2_000;
/** Concurrency the cycle is run with: the setting a 500-feed deployment should use (VENDORWATCH_FETCH_CONCURRENCY). */
const BENCH_CONCURRENCY = 64;
/**
 * Feeds of the store-engine comparison (pollCycleOnEngines), every one answering at once: about 1,000 new items per
 * cycle in either mode (10 items a feed in quick mode, 50 otherwise), as a PostgreSQL cycle is several times slower.
 */
const storeEngineFeeds = (quick: boolean) => (quick ? 100 : 20);

interface CycleRun {
  ms: number;
  /** CPU time of this process (the client) during the cycle. */
  cpuMs: number;
  bytes: number;
  results: FeedFetchResult[];
  states: Map<string, FeedFetchState>;
  peakRssMb: number;
}

/** The bot's default schedule: the next cycle runs ten minutes later, when a first failure's backoff has expired. */
const NEXT_CYCLE_MS = 10 * 60 * 1000;

async function runCycle(
  feeds: FeedSource[],
  states: Map<string, FeedFetchState>,
  timeoutMs: number,
  concurrency: number,
  clockOffsetMs = 0,
): Promise<CycleRun> {
  const rss = sampleRss();
  const started = performance.now();
  const cpuStarted = cpuMs();
  const now = () => new Date(Date.now() + clockOffsetMs);
  const results = await fetchFeeds(feeds, states, { concurrency, fetch: { timeoutMs }, now });
  const ms = performance.now() - started;
  const cpu = cpuMs() - cpuStarted;
  const peakRssMb = rss.stop();
  const next = new Map(results.map((r) => [r.feed.url, r.nextState]));
  return { ms, cpuMs: cpu, bytes: results.reduce((sum, r) => sum + r.bytes, 0), results, states: next, peakRssMb };
}

function describe(results: FeedFetchResult[]): string {
  const counts = new Map<string, number>();
  for (const r of results) {
    const key = r.outcome === 'error' ? `error:${r.error?.code ?? '?'}` : r.outcome;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([k, v]) => `${k} ${v}`).join(', ');
}

/**
 * The sequential baseline: the same feeds fetched one after another. In quick mode a stratified sample of each kind
 * is fetched one by one and the mean time of each kind multiplied by how many feeds have it.
 */
async function sequentialBaseline(hostFeeds: HostFeed[], timeoutMs: number, quick: boolean): Promise<{ ms: number; note: string }> {
  const sources = hostFeeds.map((f, i) => ({ name: `feed ${i}`, url: f.url, tags: [] }));
  if (!quick) {
    const started = performance.now();
    await fetchFeeds(sources, new Map(), { concurrency: 1, fetch: { timeoutMs } });
    return { ms: performance.now() - started, note: `all ${sources.length} feeds fetched one after another` };
  }
  const perKind: Partial<Record<FeedKind, number>> = { hang: 1, slow: 1, error: 3, 'not-modified': 10, changing: 10 };
  let total = 0;
  const parts: string[] = [];
  for (const [kind, take] of Object.entries(perKind) as [FeedKind, number][]) {
    const ofKind = sources.filter((_, i) => hostFeeds[i]?.kind === kind);
    const sample = ofKind.slice(0, take);
    const started = performance.now();
    await fetchFeeds(sample, new Map(), { concurrency: 1, fetch: { timeoutMs } });
    const mean = (performance.now() - started) / sample.length;
    total += mean * ofKind.length;
    parts.push(`${kind} ${sample.length}/${ofKind.length}`);
  }
  return {
    ms: total,
    note: `quick mode: extrapolated from a stratified sample fetched one by one (${parts.join(', ')}): mean per kind × feeds of that kind`,
  };
}

export async function runPollCycleBench(context: BenchContext): Promise<Figure[]> {
  const timeoutMs = context.quick ? 3_000 : 5_000;
  // Quick mode keeps 500 feeds and every kind, with shorter feeds: parsing 50-item feeds is most of a cycle's CPU.
  const items = context.quick ? 10 : ITEMS;
  const host: FeedHost = await startFeedHost({ feeds: FEEDS, items, itemChars: 600, vendors: 1_000, mix: 'poll', slowMs: SLOW_MS });
  try {
    const feeds: FeedSource[] = host.feeds.map((f, i) => ({ name: `feed ${i}`, url: f.url, tags: [] }));
    const idleRssMb = process.memoryUsage().rss / 1024 / 1024;
    // Warm-up: a few feeds, so the first measured cycle does not pay for loading undici and the parser.
    await fetchFeeds(feeds.filter((_, i) => host.feeds[i]?.kind === 'not-modified').slice(0, 20), new Map(), { fetch: { timeoutMs } });

    const figures: Figure[] = [];
    if (!context.quick) {
      // What the bot uses for this many feeds when VENDORWATCH_FETCH_CONCURRENCY is not set.
      const configDefault = defaultConcurrency(feeds.length);
      const atDefault = await runCycle(feeds, new Map(), timeoutMs, configDefault);
      context.log(`poll at default concurrency ${configDefault}: ${atDefault.ms.toFixed(0)} ms (${describe(atDefault.results)})`);
      figures.push(
        figure({
          name: 'poll.cycle_vs_timeout_default_concurrency',
          value: atDefault.ms,
          unit: 'ms',
          baseline: 'per-request timeout, ms',
          baselineValue: timeoutMs,
          check: { kind: 'ratio-at-most', limit: 1.5 },
          note: `fetchFeeds concurrency ${configDefault} (the default of VENDORWATCH_FETCH_CONCURRENCY for this many feeds)`,
        }),
      );
    }

    const first = await runCycle(feeds, new Map(), timeoutMs, BENCH_CONCURRENCY);
    context.log(
      `poll cycle 1 at concurrency ${BENCH_CONCURRENCY}: ${first.ms.toFixed(0)} ms, ${(first.bytes / 1e6).toFixed(1)} MB (${describe(first.results)}), peak RSS ${first.peakRssMb.toFixed(0)} MB`,
    );
    const sequential = await sequentialBaseline(host.feeds, timeoutMs, context.quick);
    context.log(`poll sequential baseline: ${(sequential.ms / 1000).toFixed(1)} s (${sequential.note})`);

    await host.advance();
    const requestsBefore = await host.requests();
    // Cycle 2 is the next scheduled one, ten minutes on: validators are sent, and failed feeds are due again.
    const second = await runCycle(feeds, first.states, timeoutMs, BENCH_CONCURRENCY, NEXT_CYCLE_MS);
    const secondRequests = (await host.requests()) - requestsBefore;
    context.log(
      `poll cycle 2: ${second.ms.toFixed(0)} ms, ${(second.bytes / 1e6).toFixed(2)} MB, ${secondRequests} requests (${describe(second.results)})`,
    );

    const kindOf = new Map(host.feeds.map((f) => [f.url, f.kind]));
    const bytesOf = (run: CycleRun, kinds: FeedKind[]) =>
      run.results.filter((r) => kinds.includes(kindOf.get(r.feed.url) as FeedKind)).reduce((sum, r) => sum + r.bytes, 0);
    const validating: FeedKind[] = ['not-modified', 'slow'];
    const changingShare =
      host.feeds.filter((f) => f.kind === 'changing').length / host.feeds.filter((f) => f.kind !== 'hang' && f.kind !== 'error').length;
    figures.push(
      figure({
        name: 'poll.cycle_vs_timeout',
        value: first.ms,
        unit: 'ms',
        baseline: 'per-request timeout, ms',
        baselineValue: timeoutMs,
        check: { kind: 'ratio-at-most', limit: 1.5 },
        note: `${FEEDS} feeds × ${items} items, concurrency ${BENCH_CONCURRENCY}, one loopback port per feed${context.quick ? ' (quick mode: 10 items per feed)' : ''}`,
      }),
      figure({
        name: 'poll.cycle_cpu',
        value: first.cpuMs,
        unit: 'ms CPU',
        baseline: 'cycle wall time, ms',
        baselineValue: first.ms,
        check: null,
        note: 'client CPU during cycle 1 (fetch, decode, parse): near or above the timeout means the cycle is CPU-bound',
      }),
      figure({
        name: 'poll.speedup_vs_sequential',
        value: first.ms,
        unit: 'ms',
        baseline: 'same feeds one after another, ms',
        baselineValue: sequential.ms,
        ratio: sequential.ms / first.ms,
        check: { kind: 'ratio-at-least', limit: 20 },
        note: `ratio = sequential / cycle; ${sequential.note}`,
      }),
      figure({
        name: 'poll.second_cycle_bytes',
        value: second.bytes,
        unit: 'bytes',
        baseline: 'first cycle, bytes',
        baselineValue: first.bytes,
        check: { kind: 'ratio-at-most', limit: 0.1 },
        note: `body bytes; ${Math.round(changingShare * 100)}% of the answering feeds send no validators and changed, so they must be downloaded again`,
      }),
      figure({
        name: 'poll.second_cycle_bytes_validating_feeds',
        value: bytesOf(second, validating),
        unit: 'bytes',
        baseline: 'first cycle, same feeds, bytes',
        baselineValue: bytesOf(first, validating),
        check: null,
        note: 'only the feeds that send ETag/Last-Modified: what conditional requests save',
      }),
      figure({
        name: 'poll.second_cycle_time',
        value: second.ms,
        unit: 'ms',
        baseline: 'first cycle, ms',
        baselineValue: first.ms,
        check: null,
        note: `${secondRequests} requests, run as the next scheduled cycle (10 minutes later): failed feeds are retried, so the hung ones bound it`,
      }),
      figure({
        name: 'poll.peak_rss',
        value: Math.max(first.peakRssMb, second.peakRssMb),
        unit: 'MB',
        baseline: 'RSS before the cycles, MB',
        baselineValue: idleRssMb,
        check: null,
        note: 'client process only (servers run in a child process)',
      }),
    );
    figures.push(measureHtmlToText());
    // The cycle with its store, on SQLite and on PostgreSQL: only feeds that answer at once, so the store shows.
    const answering = feeds.filter((_, i) => ['not-modified', 'changing'].includes(host.feeds[i]?.kind as FeedKind));
    figures.push(
      ...(await pollCycleOnEngines(context, answering.slice(0, storeEngineFeeds(context.quick)), generateWatchlist(1_000), timeoutMs)),
    );
    return figures;
  } finally {
    await host.stop();
  }
}

/**
 * The profile finding behind the cycle's CPU time: src/feeds/normalise.ts calls html-to-text's convert(html,
 * options) for every item, which compiles the options (selector decision tree) on each call. Measured here against
 * compiling them once with compile(options), the library's documented way to convert many documents.
 */
function measureHtmlToText(): Figure {
  const options: HtmlToTextOptions = {
    wordwrap: false,
    limits: { maxInputLength: 200_000, maxDepth: 64, maxChildNodes: 2000, ellipsis: ' …' },
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      ...['img', 'picture', 'svg', 'iframe', 'noscript', 'form'].map((selector) => ({ selector, format: 'skip' })),
      ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } })),
      { selector: 'table', format: 'block' },
      { selector: 'tr', format: 'block' },
      { selector: 'th', format: 'inline' },
      { selector: 'td', format: 'inline' },
    ],
  };
  const texts = generateArticles(300, { vendors: generateWatchlist(100), seed: 5, targetChars: 600 }).map((a) => `<p>${a.text}</p>`);
  let sink = 0;
  const perCall = timePasses(() => {
    for (const text of texts) sink += convert(text, options).length;
  }, 500);
  const compiled = compile(options);
  const once = timePasses(() => {
    for (const text of texts) sink += compiled(text).length;
  }, 500);
  const same = texts.every((t) => convert(t, options) === compiled(t));
  return figure({
    name: 'poll.html_to_text_per_item',
    value: (perCall.cpuMsPerPass * 1000) / texts.length,
    unit: 'µs/item',
    baseline: 'options compiled once, µs/item',
    baselineValue: (once.cpuMsPerPass * 1000) / texts.length + (sink === -1 ? 1 : 0),
    check: null,
    note: `convert(html, options) per item, as src/feeds/normalise.ts does; identical output: ${same}`,
  });
}
