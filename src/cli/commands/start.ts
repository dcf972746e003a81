import cron from 'node-cron';
import type { AdapterFactory } from '../../app/create-app.js';
import { displayFeedUrl } from '../../feeds/display-url.js';
import { HttpServer } from '../../http/http-server.js';
import { CycleMonitor } from '../../observability/cycle-monitor.js';
import { configurationWarnings, createHealthCheck, deadlinesForSchedule } from '../../observability/health.js';
import { VendorwatchMetrics } from '../../observability/metrics.js';
import { createRedactingStream, secretsOf } from '../../observability/redact-secrets.js';
import { longestScheduleGapMs } from '../../observability/schedule-interval.js';
import type { Store } from '../../store/store.js';
import { PollScheduler } from '../../scheduler/poll-scheduler.js';
import { configOrExit, withApp } from '../bootstrap.js';
import type { CommandIO, ExitCode } from '../main.js';

/** How long a pending delivery (rate-limited, platform down) waits at most before the next try. */
const DELIVERY_RETRY_INTERVAL_MS = 30_000;
/** Ctrl-C must end the process within 10 s, whatever a feed server or platform is doing. */
const SHUTDOWN_GRACE_MS = 4_000;

/** Names of the configured feeds whose fetch failed in the given cycle (their last error is from this cycle). */
function feedsFailedIn(store: Store, cycleId: number, configured: ReadonlySet<string>): string[] {
  const cycle = store.lastCycle();
  if (!cycle || cycle.id !== cycleId) return [];
  return store.feeds
    .all()
    .filter((feed) => configured.has(feed.url) && feed.lastErrorAt !== null && feed.lastErrorAt >= cycle.startedAt && feed.lastErrorAt === feed.lastAttemptAt)
    .map((feed) => feed.name);
}

export async function run(args: string[], io: CommandIO): Promise<ExitCode> {
  if (args.length > 0 && args[0] !== '--help') {
    io.stderr.write(`vendorwatch start takes no arguments (got "${args.join(' ')}"); configure it with environment variables.\n`);
    return 1;
  }
  if (args[0] === '--help') {
    io.stdout.write('Usage: vendorwatch start\n  Runs the bot: the poll schedule, the chat adapters that have credentials (console otherwise), the HTTP server.\n');
    return 0;
  }
  const checked = configOrExit(io);
  if (typeof checked === 'number') return checked;
  // What the bot prints through its streams (our logs, Bolt's and botbuilder's through the logger bridges, console
  // alerts) goes through a mask of the configured secrets. A library writing to process.stderr itself bypasses it.
  const secrets = secretsOf(checked);
  const metrics = new VendorwatchMetrics();
  const createAdapters: AdapterFactory | undefined = io.createAdapters
    ? async (settings) => (await io.createAdapters!(settings)).map((adapter) => metrics.instrumentAdapter(adapter))
    : undefined;
  const guardedIO: CommandIO = {
    ...io,
    stdout: createRedactingStream(io.stdout, secrets),
    stderr: createRedactingStream(io.stderr, secrets),
    ...(createAdapters ? { createAdapters } : {}),
  };
  return withApp(guardedIO, async (app) => {
    const { config, logger, store } = app;
    const monitor = new CycleMonitor();
    metrics.bindStore({
      pendingDeliveries: () => store.deliveries.pendingCount(),
      unacknowledgedAlerts: () => store.interactions.unacknowledgedAlertedCount(),
    });
    const deadlines = deadlinesForSchedule(longestScheduleGapMs(config.schedule, config.timezone));
    const health = createHealthCheck({ db: () => store.db, cycles: () => monitor.snapshot(), deadlines, warnings: configurationWarnings(config) });
    const server = new HttpServer(logger, health, () => metrics.scrape(), { metricsToken: config.metricsToken });
    // The adapters mount their routes before the port opens: a request that arrives the moment it is listening
    // (a Teams install, a Slack retry) must find /api/messages or /slack/events, not a 404.
    await app.startAdapters(server);
    try {
      const port = await server.listen(config.port, config.host);
      logger.info(
        { host: config.host, port },
        `HTTP server listening on port ${port} at ${config.host} (/healthz, /metrics${config.metricsToken ? ' with a bearer token' : ''}${config.slack && !config.slack.appToken ? ', /slack/events' : ''}${config.teams ? ', /api/messages' : ''})`,
      );
    } catch (error) {
      guardedIO.stderr.write(`cannot listen on HOST ${config.host}, PORT ${config.port}: ${(error as Error).message}. Set PORT to a free port (and HOST to an address of this machine).\n`);
      return 2;
    }

    const configuredFeeds = new Set(config.feeds.map((feed) => feed.url));
    const scheduler = new PollScheduler({
      schedule: config.schedule,
      timezone: config.timezone,
      logger,
      cycle: async (signal) => {
        const startedAt = monitor.started();
        try {
          const report = await app.runCycle({ backfill: false, signal });
          const finishedAt = monitor.finished({ ok: true });
          metrics.recordCycle({ report, failedFeeds: feedsFailedIn(store, report.cycleId, configuredFeeds) }, finishedAt);
        } catch (error) {
          const finishedAt = monitor.finished({ ok: false, error: error instanceof Error ? error.message : String(error) });
          metrics.recordFailedCycle(finishedAt.getTime() - startedAt.getTime());
          throw error;
        }
      },
    });
    logger.info(
      {
        schedule: config.schedule,
        feeds: config.feeds.length,
        feedsFrom: config.feedsOrigin,
        watchlist: config.watchlistPath,
        vendors: app.vendors.size,
        adapters: app.adapters.map((a) => a.platform),
        db: config.dbPath,
        digestSchedule: config.digestSchedule,
        healthDeadlinesMs: deadlines,
      },
      `Vendorwatch started: polling ${config.feeds.length} feeds on "${config.schedule}", ${app.vendors.size} vendors watched, alerts to ${app.adapters.map((a) => a.platform).join(' and ')}`,
    );
    for (const feed of config.feeds) logger.info({ feed: feed.name, url: displayFeedUrl(feed.url), tags: feed.tags }, `feed: ${feed.name}`);
    scheduler.start();
    void scheduler.runNow();
    // The daily digest keeps its own clock (default 08:00 in the schedule's time zone); an empty one is not posted.
    const digest = cron.schedule(
      config.digestSchedule,
      async () => {
        try {
          const sent = await app.sendDigest();
          logger.info({ sent }, sent ? 'daily digest sent' : 'daily digest empty: not posted');
        } catch (error) {
          logger.error({ err: error }, 'daily digest failed; the next one runs on schedule');
        }
      },
      { name: 'vendorwatch-digest', noOverlap: true, ...(config.timezone ? { timezone: config.timezone } : {}) },
    );
    const retryTimer = setInterval(() => {
      if (!scheduler.running) void app.worker.deliverDue().catch((error: unknown) => logger.error({ err: error }, 'delivery retry failed'));
    }, DELIVERY_RETRY_INTERVAL_MS);

    // SIGHUP, the daemon convention, re-reads the watchlist now instead of before the next cycle.
    const reloadWatchlist = () => {
      void app.reloadWatchlist().catch((error: unknown) => logger.error({ err: error }, 'watchlist reload failed'));
    };
    process.on('SIGHUP', reloadWatchlist);

    await new Promise<void>((resolve) => {
      const stop = (signal: NodeJS.Signals) => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        process.off('SIGHUP', reloadWatchlist);
        logger.info({ signal }, 'stopping: finishing the current cycle');
        // A last resort so a wedged dependency can never keep the process past the 10 s promise.
        setTimeout(() => {
          logger.error('shutdown took too long; exiting');
          process.exit(0);
        }, 9_500).unref();
        resolve();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    clearInterval(retryTimer);
    await digest.stop();
    await digest.destroy();
    await scheduler.stop(SHUTDOWN_GRACE_MS);
    await server.close();
    metrics.bindStore(null);
    logger.info('stopped');
    return 0;
  });
}
