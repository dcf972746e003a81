import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pg from 'pg';
import { createConsoleAdapter } from '../adapters/console/console-adapter.js';
import { createDetectionEngine } from '../src/app/detection-engine.js';
import type { Destination } from '../src/core/chat.js';
import type { FeedItem, FeedSource, Vendor } from '../src/core/types.js';
import { DeliveryWorker } from '../src/delivery/delivery-worker.js';
import { fingerprintItem } from '../src/feeds/normalise.js';
import { IncidentTracker } from '../src/incidents/incident-tracker.js';
import { silentLogger } from '../src/log.js';
import { runCycle } from '../src/pipeline/run-cycle.js';
import type { AsyncStore } from '../src/store/async-store.js';
import { databasePasswords, maskDatabaseUrl } from '../src/store/postgres/database-url.js';
import { PgStore } from '../src/store/postgres/pg-store.js';
import { SqliteAsyncStore } from '../src/store/sqlite-async-store.js';
import type { GeneratedArticle } from './generate.js';
import { type BenchContext, type Figure, figure } from './harness.js';

// The store's two engines side by side (issue 17): the same store-touching work run once with the store on SQLite
// and once on PostgreSQL, in the same process, and the PostgreSQL figure given as a ratio to SQLite's. Each
// repetition gets an empty store of its own (a new SQLite file; a new schema in a throwaway PostgreSQL database),
// and the engines take turns, so neither always runs first on a warmer machine.
//
// The PostgreSQL server is the one VENDORWATCH_TEST_PG_URL names (the tests' setting; any database on the server,
// the bench connects to it only to create and drop its own), else the local one. Without a server answering within
// about two seconds the PostgreSQL figures are skipped with one line saying so, and the benchmark carries on.

export const PG_URL_ENV = 'VENDORWATCH_TEST_PG_URL';
const DEFAULT_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';
const PROBE_TIMEOUT_MS = 2_000;
/** Bench databases are named vw_bench_<pid>_<random>: a later run drops those whose process is gone. */
const PREFIX = 'vw_bench_';
const CONSOLE: Destination = { platform: 'console', address: 'console' };

export function benchServerUrl(): string {
  return process.env[PG_URL_ENV]?.trim() || DEFAULT_SERVER;
}

/** A message fit to print: the server's URL masked, and any password it holds hidden wherever it appears. */
function safe(text: string, url: string): string {
  let out = text.split(url).join(maskDatabaseUrl(url));
  for (const password of databasePasswords(url)) out = out.split(password).join('***');
  return out;
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function withServer<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
  client.on('error', () => undefined);
  // connectionTimeoutMillis bounds the TCP connect; a server that accepts and then never answers is bounded here.
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS + 500);
  });
  try {
    await Promise.race([client.connect(), deadline]);
  } catch (error) {
    clearTimeout(timer);
    void client.end().catch(() => undefined);
    throw error;
  }
  clearTimeout(timer);
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A throwaway database on the server: empty stores in it (one schema each), dropped with everything at the end. */
export interface BenchDatabase {
  /** The server, password masked, for the figures' notes. */
  server: string;
  openStore(): Promise<PgStore>;
  drop(): Promise<void>;
}

/**
 * Creates this run's database, or returns null after logging why the PostgreSQL figures are skipped (no server
 * answering, or one that refuses to create a database).
 */
export async function createBenchDatabase(context: BenchContext): Promise<BenchDatabase | null> {
  const server = benchServerUrl();
  const shown = maskDatabaseUrl(server);
  try {
    await withServer(server, (client) => client.query('SELECT 1'));
  } catch (error) {
    // A SQLSTATE means a server answered and refused (a login it does not know, say); anything else, none answered.
    const sqlState = (error as { code?: unknown }).code;
    context.log(
      typeof sqlState === 'string' && /^[0-9A-Z]{5}$/.test(sqlState)
        ? `PostgreSQL figure skipped: the server at ${shown} refused the bench: ${safe((error as Error).message, server)} (set ${PG_URL_ENV})`
        : `PostgreSQL figure skipped: no server at ${shown} (start one, or set ${PG_URL_ENV})`,
    );
    return null;
  }
  const name = `${PREFIX}${process.pid}_${randomBytes(4).toString('hex')}`;
  try {
    await withServer(server, async (client) => {
      const stale = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE '${PREFIX}%'`);
      for (const { datname } of stale.rows) {
        const pid = Number(/^vw_bench_(\d+)_[0-9a-f]{8}$/.exec(datname)?.[1]);
        if (Number.isInteger(pid) && pid !== process.pid && !processAlive(pid)) {
          await client.query(`DROP DATABASE IF EXISTS ${quote(datname)} WITH (FORCE)`).catch(() => undefined);
        }
      }
      await client.query(`CREATE DATABASE ${quote(name)}`);
    });
  } catch (error) {
    context.log(`PostgreSQL figure skipped: cannot create a database at ${shown}: ${safe((error as Error).message, server)}`);
    return null;
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const admin = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  admin.on('error', () => undefined);
  const stores: PgStore[] = [];
  let schemas = 0;
  let dropped = false;
  context.log(`PostgreSQL: throwaway database ${name} on ${shown}`);
  return {
    server: shown,
    async openStore() {
      const schema = `s${++schemas}`;
      await admin.query(`CREATE SCHEMA ${schema}`);
      const store = await PgStore.open({ connectionString: databaseUrl, schema, applicationName: 'vendorwatch-bench' });
      stores.push(store);
      return store;
    },
    async drop() {
      if (dropped) return;
      dropped = true;
      await Promise.all(stores.map((store) => store.close().catch(() => undefined)));
      await admin.end().catch(() => undefined);
      try {
        await withServer(server, (client) => client.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`));
      } catch (error) {
        context.log(`PostgreSQL: could not drop ${name} (the next bench run drops it): ${safe((error as Error).message, server)}`);
      }
    },
  };
}

type Engine = 'sqlite' | 'postgres';

/** An empty store on each engine per call; SQLite's files go when it closes. */
function storeOpener(database: BenchDatabase): (engine: Engine) => Promise<{ store: AsyncStore; close(): Promise<void> }> {
  return async (engine) => {
    if (engine === 'postgres') {
      const store = await database.openStore();
      return { store, close: () => store.close() };
    }
    const dir = mkdtempSync(join(tmpdir(), 'vw-bench-engines-'));
    const store = SqliteAsyncStore.open(join(dir, 'bench.db'));
    return {
      store,
      async close() {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  };
}

/** Measured runs per engine (after one warm-up each): a PostgreSQL run is several times slower than SQLite's. */
const REPETITIONS = 3;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/**
 * Runs `measure` `repetitions` times on each engine, turn about (SQLite first on even repetitions, PostgreSQL first
 * on odd ones), after one untimed warm-up on each. Returns the median of each engine's measurements.
 */
async function alternate(
  database: BenchDatabase,
  repetitions: number,
  measure: (store: AsyncStore, warmUp: boolean) => Promise<number>,
): Promise<{ sqlite: number; postgres: number; runs: Record<Engine, number[]> }> {
  const open = storeOpener(database);
  const runs: Record<Engine, number[]> = { sqlite: [], postgres: [] };
  const once = async (engine: Engine, warmUp: boolean) => {
    const { store, close } = await open(engine);
    try {
      const value = await measure(store, warmUp);
      if (!warmUp) runs[engine].push(value);
    } finally {
      await close();
    }
  };
  await once('sqlite', true);
  await once('postgres', true);
  for (let i = 0; i < repetitions; i++) {
    const order: Engine[] = i % 2 === 0 ? ['sqlite', 'postgres'] : ['postgres', 'sqlite'];
    for (const engine of order) await once(engine, false);
  }
  return { sqlite: median(runs.sqlite), postgres: median(runs.postgres), runs };
}

/** Every run, on either engine, must have done the same work, or the ratio compares unlike things: say so. */
function sameWork(context: BenchContext, what: string, counted: string, seen: Set<number>): void {
  if (seen.size > 1)
    context.log(`WARNING: ${what} runs differ in ${counted} (${[...seen].join(', ')}): the engines did not do the same work`);
}

const ms = (value: number) => `${value.toFixed(value >= 100 ? 0 : 1)}ms`;

/**
 * The bot's poll cycle (runCycle: fetch, store the items, detect, group, queue and send alerts) over feeds that
 * answer at once, on an empty store: what the store costs a cycle on each engine. The feeds must answer at once
 * (no hung or slow ones), or the per-request timeout is all the ratio shows.
 */
export async function pollCycleOnEngines(
  context: BenchContext,
  feeds: FeedSource[],
  vendors: Vendor[],
  timeoutMs: number,
): Promise<Figure[]> {
  const database = await createBenchDatabase(context);
  if (!database) return [];
  try {
    const byName = new Map(vendors.map((vendor) => [vendor.name, vendor]));
    const fetch = { timeoutMs, maxBytes: 5 * 1024 * 1024, concurrency: 16, perHostConcurrency: 2, userAgentContact: null };
    const items = new Set<number>();
    const result = await alternate(database, REPETITIONS, async (store, warmUp) => {
      const engine = createDetectionEngine(vendors, []);
      const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
      const worker = new DeliveryWorker(store, new Map([['console', createConsoleAdapter(sink)]]), byName, silentLogger);
      const tracker = new IncidentTracker(store, engine, byName, async () => [CONSOLE], silentLogger);
      const started = performance.now();
      const report = await runCycle(
        { feeds: warmUp ? feeds.slice(0, 5) : feeds, backfill: true, maxItemAgeDays: 3650, fetch },
        { store, tracker, worker, logger: silentLogger },
      );
      // Wall time here: a PostgreSQL cycle waits on the server (another process), which CPU time would not count.
      const wall = performance.now() - started;
      if (!warmUp) items.add(report.itemsNew);
      return wall;
    });
    const ratio = result.postgres / result.sqlite;
    sameWork(context, 'poll cycle', 'new items', items);
    context.log(
      `poll cycle, store on PostgreSQL: ${ratio.toFixed(2)}× SQLite (p50 ${ms(result.postgres)} vs ${ms(result.sqlite)}; ${feeds.length} feeds, ${[...items].join('/')} new items per cycle)`,
    );
    return [
      figure({
        name: 'poll.store_postgres_vs_sqlite',
        value: result.postgres,
        unit: 'ms',
        baseline: 'same cycle, store on SQLite, ms',
        baselineValue: result.sqlite,
        check: null,
        note: `p50 of ${result.runs.postgres.length} cycles each (runCycle over ${feeds.length} loopback feeds that answer at once, ${[...items].join('/')} new items stored, detected and grouped, alerts queued), an empty store each; PostgreSQL at ${database.server}`,
      }),
    ];
  } finally {
    await database.drop();
  }
}

/**
 * Triage as the bot runs it with its store (IncidentTracker.track: detect, group, write the detection, the incident
 * and the alerts it queues in one transaction), over `articles` stored as pending items of one feed beforehand.
 */
export async function triageOnEngines(context: BenchContext, articles: GeneratedArticle[], vendors: Vendor[]): Promise<Figure[]> {
  const database = await createBenchDatabase(context);
  if (!database) return [];
  try {
    const byName = new Map(vendors.map((vendor) => [vendor.name, vendor]));
    const feed: FeedSource = { name: 'Bench feed', url: 'https://bench-feed.example.org/rss', tags: [] };
    const at = new Date('2026-03-01T12:00:00Z');
    const toItems = (list: GeneratedArticle[]): FeedItem[] =>
      list.map((a, i) => ({
        feedUrl: feed.url,
        guid: `triage-${i}`,
        canonicalUrl: `https://bench-feed.example.org/story/${i}`,
        title: a.title,
        text: a.text,
        publishedAt: at,
        fingerprint: fingerprintItem(a.title, a.text),
      }));
    const all = toItems(articles);
    const warm = all.slice(0, 50);
    const breaches = new Set<number>();
    const result = await alternate(database, REPETITIONS, async (store, warmUp) => {
      const [record] = await store.feeds.sync([feed]);
      const items = warmUp ? warm : all;
      await store.items.insertNew((record as { id: number }).id, items, () => ({ eligible: true, reason: null }), at);
      const tracker = new IncidentTracker(
        store,
        createDetectionEngine(vendors, []),
        byName,
        async () => [CONSOLE],
        silentLogger,
        () => at,
      );
      const started = performance.now();
      let found = 0;
      for (let page = await store.items.pending(500); page.length > 0; page = await store.items.pending(500)) {
        for (const item of page) if ((await tracker.track(item)).breach) found += 1;
      }
      const wall = performance.now() - started;
      if (!warmUp) breaches.add(found);
      return wall / items.length;
    });
    const ratio = result.postgres / result.sqlite;
    sameWork(context, 'triage', 'breaches', breaches);
    context.log(
      `triage, store on PostgreSQL: ${ratio.toFixed(2)}× SQLite (p50 ${(result.postgres * articles.length).toFixed(0)}ms vs ${(result.sqlite * articles.length).toFixed(0)}ms for ${articles.length} articles, ${[...breaches].join('/')} breaches; ${result.postgres.toFixed(3)} vs ${result.sqlite.toFixed(3)} ms/article)`,
    );
    return [
      figure({
        name: 'triage.store_postgres_vs_sqlite',
        value: result.postgres,
        unit: 'ms/article',
        baseline: 'same articles, store on SQLite, ms/article',
        baselineValue: result.sqlite,
        check: null,
        note: `p50 of ${result.runs.postgres.length} runs each: ${articles.length} stored items through IncidentTracker.track (detect, group, write detection, incident and queued alerts in one transaction), an empty store each; PostgreSQL at ${database.server}`,
      }),
    ];
  } finally {
    await database.drop();
  }
}
