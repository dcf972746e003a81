import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDetectionEngine } from '../src/app/detection-engine.js';
import type { FeedItem, Vendor } from '../src/core/types.js';
import { fingerprintItem } from '../src/feeds/normalise.js';
import { IncidentTracker } from '../src/incidents/incident-tracker.js';
import { silentLogger } from '../src/log.js';
import { SqliteAsyncStore } from '../src/store/sqlite-async-store.js';
import { Store } from '../src/store/store.js';
import { startFeedHost } from './feed-host-client.js';
import { generateArticles, generateWatchlist, toWatchlistFile } from './generate.js';
import { type BenchContext, type Figure, figure } from './harness.js';

// Memory of the real command: `node bin/vendorwatch.js poll --once`, spawned with a 10,000-vendor watchlist file and
// 1,000 loopback feeds, its peak RSS read from /usr/bin/time -v (or /proc/PID/status VmHWM when time is missing).
// The baseline is the same command with the bundled example watchlist and a single feed. Then the SQLite store's
// size after 30 simulated days of items run through the real detection and incident tracker.

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'vendorwatch.js');
const TIME = '/usr/bin/time';

/**
 * What production runs is the compiled build, so that is what is measured: `npm run build` (tsc into dist/) first,
 * so bin/vendorwatch.js runs these sources. A failed build is logged; bin then runs what dist/ held before, or
 * nothing. Returns a label for the note.
 */
async function ensureCompiledBuild(context: BenchContext): Promise<() => string> {
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const built = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, encoding: 'utf8' });
  if (built.status !== 0) context.log(`memory: npm run build failed, dist/ may be stale or missing:\n${built.stdout}${built.stderr}`);
  return () => (built.status === 0 ? 'compiled build' : 'compiled build of an earlier tree (the build failed)');
}

interface PollRun {
  peakMb: number;
  ms: number;
  exitCode: number | null;
  stderrTail: string;
}

/** An old-generation cap the 10,000-vendor, 1,000-feed first poll fits in (found by trying; it exits 0 at 160). */
const CAPPED_HEAP_MB = 192;

/** Runs `vendorwatch poll --once` with `env` and returns its peak RSS. */
async function measurePoll(env: Record<string, string>): Promise<PollRun> {
  const useTime = existsSync(TIME);
  const command = useTime ? TIME : process.execPath;
  const args = useTime ? ['-v', process.execPath, BIN, 'poll', '--once'] : [BIN, 'poll', '--once'];
  // Only what the command needs: no tokens from the caller's environment reach it, so no adapter starts.
  const childEnv: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...env };
  const started = performance.now();
  const child = spawn(command, args, { cwd: ROOT, env: childEnv, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-20_000);
  });
  let polledPeakKb = 0;
  const poll = useTime
    ? null
    : setInterval(() => {
        try {
          const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
          const match = /VmHWM:\s+(\d+)\s+kB/.exec(status);
          if (match) polledPeakKb = Math.max(polledPeakKb, Number(match[1]));
        } catch {
          // Gone already.
        }
      }, 20);
  const exitCode = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  if (poll) clearInterval(poll);
  const ms = performance.now() - started;
  const fromTime = /Maximum resident set size \(kbytes\):\s*(\d+)/.exec(stderr);
  const peakKb = fromTime ? Number(fromTime[1]) : polledPeakKb;
  return {
    peakMb: peakKb / 1024,
    ms,
    exitCode,
    stderrTail: stderr
      .split('\n')
      .filter((l) => !/^\s/.test(l))
      .slice(-5)
      .join('\n'),
  };
}

async function pollMemory(context: BenchContext, work: string): Promise<Figure[]> {
  const feedCount = 1_000;
  const items = context.quick ? 1 : 20;
  const vendors = generateWatchlist(10_000);
  const watchlistPath = join(work, 'watchlist.json');
  writeFileSync(watchlistPath, JSON.stringify(toWatchlistFile(vendors)));
  const host = await startFeedHost({ feeds: feedCount, items, itemChars: 600, vendors: 10_000, mix: 'healthy', slowMs: 0 });
  try {
    const feedsPath = join(work, 'feeds.json');
    writeFileSync(feedsPath, JSON.stringify(host.feeds.map((f, i) => ({ name: `Bench feed ${i}`, url: f.url }))));
    const common = { LOG_LEVEL: 'error', VENDORWATCH_FETCH_TIMEOUT_MS: '30000' };
    const measured = await ensureCompiledBuild(context);

    const baseline = await measurePoll({
      ...common,
      VENDORWATCH_FEEDS: host.feeds[0]?.url ?? '',
      VENDORWATCH_DB: join(work, 'baseline.db'),
    });
    const large = await measurePoll({
      ...common,
      VENDORWATCH_WATCHLIST: watchlistPath,
      VENDORWATCH_FEEDS: feedsPath,
      VENDORWATCH_DB: join(work, 'large.db'),
    });
    context.log(
      `memory: poll --once peak ${large.peakMb.toFixed(0)} MB in ${(large.ms / 1000).toFixed(1)} s (exit ${large.exitCode}); baseline ${baseline.peakMb.toFixed(0)} MB in ${(baseline.ms / 1000).toFixed(1)} s (exit ${baseline.exitCode})`,
    );
    if (large.exitCode !== 0) context.log(`memory: poll --once failed:\n${large.stderrTail}`);
    // The peak only means something if the command really fetched and stored the feeds.
    const check = Store.open(join(work, 'large.db'));
    const storedItems = check.items.count();
    check.close();
    // The peak above is mostly garbage V8 lets pile up before a full collection (its heap grows to a few times the
    // live size). The same run with the old generation capped shows the live set, and what a memory-limited
    // container that sets the Node heap size to its memory gets.
    const capped = await measurePoll({
      ...common,
      NODE_OPTIONS: `--max-old-space-size=${CAPPED_HEAP_MB}`,
      VENDORWATCH_WATCHLIST: watchlistPath,
      VENDORWATCH_FEEDS: feedsPath,
      VENDORWATCH_DB: join(work, 'capped.db'),
    });
    context.log(
      `memory: with --max-old-space-size=${CAPPED_HEAP_MB}: peak ${capped.peakMb.toFixed(0)} MB in ${(capped.ms / 1000).toFixed(1)} s (exit ${capped.exitCode})`,
    );
    const parts: Figure[] = [
      figure({
        name: 'memory.poll_once_peak_rss_heap_capped',
        value: capped.peakMb,
        unit: 'MB',
        baseline: 'same command, heap not capped, MB',
        baselineValue: large.peakMb,
        check: null,
        note: `NODE_OPTIONS=--max-old-space-size=${CAPPED_HEAP_MB}; ${(capped.ms / 1000).toFixed(1)} s against ${(large.ms / 1000).toFixed(1)} s uncapped, exit ${capped.exitCode}`,
      }),
    ];
    const ran = measured();
    context.log(`memory: measured the ${ran}`);
    if (!context.quick) {
      // Where the peak comes from: the watchlist alone (one feed), and the feeds alone (example watchlist).
      const vendorsOnly = await measurePoll({
        ...common,
        VENDORWATCH_WATCHLIST: watchlistPath,
        VENDORWATCH_FEEDS: host.feeds[0]?.url ?? '',
        VENDORWATCH_DB: join(work, 'vendors.db'),
      });
      const feedsOnly = await measurePoll({ ...common, VENDORWATCH_FEEDS: feedsPath, VENDORWATCH_DB: join(work, 'feeds.db') });
      context.log(
        `memory: 10,000 vendors and 1 feed ${vendorsOnly.peakMb.toFixed(0)} MB; example watchlist and ${feedCount} feeds ${feedsOnly.peakMb.toFixed(0)} MB`,
      );
      parts.push(
        figure({
          name: 'memory.poll_once_10k_vendors_1_feed',
          value: vendorsOnly.peakMb,
          unit: 'MB',
          baseline: 'example watchlist and 1 feed, MB',
          baselineValue: baseline.peakMb,
          check: null,
          note: 'what the 10,000-vendor watchlist adds (loading, matcher build, detection engine)',
        }),
        figure({
          name: 'memory.poll_once_1000_feeds_example_watchlist',
          value: feedsOnly.peakMb,
          unit: 'MB',
          baseline: 'example watchlist and 1 feed, MB',
          baselineValue: baseline.peakMb,
          check: null,
          note: `what ${feedCount} feeds × ${items} items add (fetch, parse, store, detect)`,
        }),
      );
    }
    return [
      figure({
        name: 'memory.poll_once_peak_rss',
        value: large.peakMb,
        unit: 'MB',
        baseline: 'same command, example watchlist and 1 feed, MB',
        baselineValue: baseline.peakMb,
        check: { kind: 'value-at-most', limit: 250 },
        note: `10,000 vendors, ${feedCount} loopback feeds × ${items} items, first poll; ${storedItems} items stored; ${(large.ms / 1000).toFixed(1)} s, exit ${large.exitCode}; ${existsSync(TIME) ? '/usr/bin/time -v' : 'VmHWM polled'}; ${ran}`,
      }),
      ...parts,
    ];
  } finally {
    await host.stop();
  }
}

/**
 * The store after `days` days of `perDay` items each: stored, detected and grouped by the real tracker, as poll
 * cycles do. Assumption: 200 new items a day (what about 60 busy security and healthcare feeds publish).
 */
async function storeSize(context: BenchContext, work: string): Promise<Figure[]> {
  const perDay = 200;
  const days = context.quick ? 2 : 30;
  const vendors: Vendor[] = generateWatchlist(10_000).slice(0, 1_000);
  const path = join(work, 'store.db');
  const store = Store.open(path);
  const feeds = Array.from({ length: 50 }, (_, i) => ({ name: `Bench feed ${i}`, url: `https://feed${i}.example.org/rss`, tags: [] }));
  const records = store.feeds.sync(feeds);
  const engine = createDetectionEngine(vendors, store.incidents.signatures());
  const tracker = new IncidentTracker(
    SqliteAsyncStore.wrap(store),
    engine,
    new Map(vendors.map((v) => [v.name, v])),
    async () => [],
    silentLogger,
  );
  const articles = generateArticles(perDay * days, { vendors, seed: 61, breachShare: 0.3, targetChars: 1_200 });
  let payload = 0;
  const start = Date.UTC(2026, 0, 1);
  for (let day = 0; day < days; day++) {
    const at = new Date(start + day * 86_400_000);
    const batch = articles.slice(day * perDay, (day + 1) * perDay);
    for (let f = 0; f < records.length; f++) {
      const record = records[f];
      if (!record) continue;
      const items: FeedItem[] = batch
        .filter((_, i) => i % records.length === f)
        .map((a) => ({
          feedUrl: record.url,
          guid: `${a.id}`,
          canonicalUrl: a.url ?? null,
          title: a.title,
          text: a.text,
          publishedAt: at,
          fingerprint: fingerprintItem(a.title, a.text),
        }));
      for (const item of items)
        payload +=
          Buffer.byteLength(item.title) +
          Buffer.byteLength(item.text) +
          Buffer.byteLength(item.guid) +
          Buffer.byteLength(item.canonicalUrl ?? '');
      store.items.insertNew(record.id, items, () => ({ eligible: true, reason: null }), at);
    }
    for (const item of store.items.pending()) await tracker.track(item);
  }
  const incidents = (store.db.prepare('SELECT count(*) AS n FROM incidents').get() as { n: number }).n;
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
  const bytes = statSync(path).size + (existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0);
  const mb = bytes / 1024 / 1024;
  const scale = 30 / days;
  context.log(
    `memory: store ${mb.toFixed(1)} MB after ${days} days × ${perDay} items (${incidents} incidents), payload ${(payload / 1024 / 1024).toFixed(1)} MB`,
  );
  return [
    figure({
      name: 'memory.store_size_30_days',
      value: mb * scale,
      unit: 'MB',
      baseline: 'item titles, texts, guids and URLs, MB',
      baselineValue: (payload / 1024 / 1024) * scale,
      check: null,
      note: `${perDay} items/day of ~1.2 KB through detection and the incident tracker${days < 30 ? `; quick mode: ${days} days measured, scaled ×${scale}` : ''}; ${(mb * scale * 12).toFixed(0)} MB a year at this rate`,
    }),
  ];
}

export async function runMemoryBench(context: BenchContext): Promise<Figure[]> {
  const work = mkdtempSync(join(tmpdir(), 'vendorwatch-bench-'));
  try {
    return [...(await pollMemory(context, work)), ...(await storeSize(context, work))];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
