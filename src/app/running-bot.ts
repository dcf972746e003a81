// The running bot, built in one place: the app (store, watchlist, detector, adapters, outbox worker) from
// createApp, and around it what only `vendorwatch start` runs: metrics on the adapters, the health check, the HTTP
// server, the poll schedule, the daily digest, the delivery retry timer. Signals are the command's business: it
// calls reloadWatchlist() and stop().

import { hostname } from 'node:os';
import cron from 'node-cron';
import type { Config } from '../config/load-config.js';
import type { AdapterFactory } from '../core/chat.js';
import { displayFeedUrl } from '../feeds/display-url.js';
import { HttpServer } from '../http/http-server.js';
import type { Logger } from '../log.js';
import { CycleMonitor } from '../observability/cycle-monitor.js';
import { configurationWarnings, createHealthCheck, deadlinesForSchedule } from '../observability/health.js';
import { VendorwatchMetrics } from '../observability/metrics.js';
import { longestScheduleGapMs } from '../observability/schedule-interval.js';
import { Leadership } from '../scheduler/leadership.js';
import { PollScheduler } from '../scheduler/poll-scheduler.js';
import type { AsyncStore } from '../store/async-store.js';
import { maskDatabaseUrl } from '../store/postgres/open.js';
import { createApp } from './create-app.js';
import type { WatchlistRefresh } from './live-watchlist.js';

/** How long a pending delivery (rate-limited, platform down) waits at most before the next try. */
const DELIVERY_RETRY_INTERVAL_MS = 30_000;
/** Stopping must end within 10 s, whatever a feed server or platform is doing: the cycle gets this long. */
const SHUTDOWN_GRACE_MS = 4_000;

export interface RunningBotDeps {
  logger: Logger;
  createAdapters: AdapterFactory;
  /** Where the console adapter prints. */
  stdout: NodeJS.WritableStream;
}

export interface RunningBot {
  /** The port the HTTP server listens on (PORT=0 picks a free one). */
  readonly port: number;
  /** Re-reads the watchlist now instead of before the next cycle. */
  reloadWatchlist(): Promise<WatchlistRefresh>;
  /** Lets the current cycle finish (or aborts it after a grace period), closes the server, adapters and store. */
  stop(): Promise<void>;
}

/** The HTTP port could not be opened; the message names HOST and PORT and how to fix it. */
export class ListenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ListenError';
  }
}

/** Names of the configured feeds whose fetch failed in the given cycle (their last error is from this cycle). */
async function feedsFailedIn(store: AsyncStore, cycleId: number, configured: ReadonlySet<string>): Promise<string[]> {
  const cycle = await store.lastCycle();
  if (!cycle || cycle.id !== cycleId) return [];
  return (await store.feeds.all())
    .filter(
      (feed) =>
        configured.has(feed.url) &&
        feed.lastErrorAt !== null &&
        feed.lastErrorAt >= cycle.startedAt &&
        feed.lastErrorAt === feed.lastAttemptAt,
    )
    .map((feed) => feed.name);
}

/**
 * Builds and starts the bot: once this resolves the port is open, the schedule runs and the first cycle has begun.
 * Throws WatchlistError and StoreError as createApp does, and ListenError when the port cannot be opened.
 */
export async function startBot(config: Config, deps: RunningBotDeps): Promise<RunningBot> {
  const { logger } = deps;
  const metrics = new VendorwatchMetrics();
  const app = await createApp(config, {
    logger,
    stdout: deps.stdout,
    createAdapters: async (settings) => (await deps.createAdapters(settings)).map((adapter) => metrics.instrumentAdapter(adapter)),
  });
  const { store } = app;
  const monitor = new CycleMonitor();
  metrics.bindStore({
    pendingDeliveries: () => store.deliveries.pendingCount(),
    unacknowledgedAlerts: () => store.interactions.unacknowledgedAlertedCount(),
  });
  const deadlines = deadlinesForSchedule(longestScheduleGapMs(config.schedule, config.timezone));
  // Replicas on one PostgreSQL database: every one serves HTTP and sends from the outbox; the one holding the poll
  // lease polls, and sends reminders and digests (src/scheduler/leadership.ts). On SQLite this process always leads.
  let scheduler: PollScheduler | null = null;
  const leadership = new Leadership({
    coordination: store.replicas,
    replicaId: app.replicaId,
    leaseMs: config.leaseMs,
    logger,
    onElected: () => {
      monitor.leadershipBegan();
      // A replica taking over polls at once: the takeover is not made to wait for the next tick.
      void scheduler?.runNow();
    },
  });
  const health = createHealthCheck({
    store: () => store,
    cycles: () => monitor.snapshot(),
    deadlines,
    warnings: configurationWarnings(config),
    ...(store.engine === 'postgres'
      ? {
          replica: async () => {
            const view = await leadership.view();
            return {
              id: view.replicaId,
              role: view.leading ? ('leader' as const) : ('follower' as const),
              leader: view.lease?.holder ?? null,
            };
          },
        }
      : {}),
  });
  const server = new HttpServer(logger, health, () => metrics.scrape(), { metricsToken: config.metricsToken });
  let port: number;
  try {
    // The adapters mount their routes before the port opens: a request that arrives the moment it is listening
    // (a Teams install, a Slack retry) must find /api/messages or /slack/events, not a 404.
    await app.startAdapters(server);
    try {
      port = await server.listen(config.port, config.host);
    } catch (error) {
      throw new ListenError(
        `cannot listen on HOST ${config.host}, PORT ${config.port}: ${(error as Error).message}. Set PORT to a free port (and HOST to an address of this machine).`,
      );
    }
  } catch (error) {
    metrics.bindStore(null);
    await app.close();
    throw error;
  }
  logger.info(
    { host: config.host, port },
    `HTTP server listening on port ${port} at ${config.host} (/healthz, /metrics${config.metricsToken ? ' with a bearer token' : ''}${config.slack && !config.slack.appToken ? ', /slack/events' : ''}${config.teams ? ', /api/messages' : ''})`,
  );

  const configuredFeeds = new Set(config.feeds.map((feed) => feed.url));
  scheduler = new PollScheduler({
    schedule: config.schedule,
    timezone: config.timezone,
    logger,
    cycle: async (stopping) => {
      if (!(await leadership.renew())) {
        logger.debug({ replica: app.replicaId }, 'another replica polls: this tick is not ours');
        return;
      }
      // The cycle stops when the bot stops or when this replica stops leading, whichever comes first.
      const signal = AbortSignal.any([stopping, leadership.signal]);
      const startedAt = monitor.started();
      try {
        const report = await app.runCycle({ backfill: false, signal });
        const finishedAt = monitor.finished({ ok: true });
        metrics.recordCycle({ report, failedFeeds: await feedsFailedIn(store, report.cycleId, configuredFeeds) }, finishedAt);
      } catch (error) {
        const finishedAt = monitor.finished({ ok: false, error: error instanceof Error ? error.message : String(error) });
        metrics.recordFailedCycle(finishedAt.getTime() - startedAt.getTime());
        throw error;
      }
    },
  });
  const platforms = app.adapters.map((adapter) => adapter.platform);
  logger.info(
    {
      schedule: config.schedule,
      feeds: config.feeds.length,
      feedsFrom: config.feedsOrigin,
      watchlist: config.watchlistPath,
      vendors: app.vendors.size,
      adapters: platforms,
      db: maskDatabaseUrl(config.dbPath),
      dbEngine: store.engine,
      replica: app.replicaId,
      host: hostname(),
      pid: process.pid,
      digestSchedule: config.digestSchedule,
      healthDeadlinesMs: deadlines,
    },
    `Vendorwatch started: polling ${config.feeds.length} feeds on "${config.schedule}", ${app.vendors.size} vendors watched, alerts to ${platforms.join(' and ')}`,
  );
  for (const feed of config.feeds) logger.info({ feed: feed.name, url: displayFeedUrl(feed.url), tags: feed.tags }, `feed: ${feed.name}`);
  scheduler.start();
  // The first lease decides: the leader polls at once (onElected), a follower waits for its turn.
  await leadership.renew();
  leadership.start();
  // The daily digest keeps its own clock (default 08:00 in the schedule's time zone); an empty one is not posted.
  const digest = cron.schedule(
    config.digestSchedule,
    async () => {
      try {
        if (!(await leadership.renew())) return;
        const sent = await app.sendDigest();
        logger.info({ sent }, sent ? 'daily digest sent' : 'daily digest empty: not posted');
      } catch (error) {
        logger.error({ err: error }, 'daily digest failed; the next one runs on schedule');
      }
    },
    { name: 'vendorwatch-digest', noOverlap: true, ...(config.timezone ? { timezone: config.timezone } : {}) },
  );
  // Every replica sends from the outbox, so a delivery another replica claimed and then died holding is picked up
  // once its claim runs out: the timer never waits much longer than a lease.
  const retryTimer = setInterval(
    () => {
      if (!scheduler?.running)
        void app.worker.deliverDue().catch((error: unknown) => logger.error({ err: error }, 'delivery retry failed'));
    },
    Math.min(DELIVERY_RETRY_INTERVAL_MS, config.leaseMs),
  );

  return {
    port,
    reloadWatchlist: () => app.reloadWatchlist(),
    stop: async () => {
      clearInterval(retryTimer);
      await digest.stop();
      await digest.destroy();
      await scheduler?.stop(SHUTDOWN_GRACE_MS);
      await leadership.stop();
      await server.close();
      metrics.bindStore(null);
      logger.info('stopped');
      await app.close();
    },
  };
}
