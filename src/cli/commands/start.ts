import { HttpServer } from '../../http/http-server.js';
import { PollScheduler } from '../../scheduler/poll-scheduler.js';
import { withApp } from '../bootstrap.js';
import type { CommandIO, ExitCode } from '../main.js';

/** How long a pending delivery (rate-limited, platform down) waits at most before the next try. */
const DELIVERY_RETRY_INTERVAL_MS = 30_000;
/** Ctrl-C must end the process within 10 s, whatever a feed server or platform is doing. */
const SHUTDOWN_GRACE_MS = 4_000;

export async function run(args: string[], io: CommandIO): Promise<ExitCode> {
  if (args.length > 0 && args[0] !== '--help') {
    io.stderr.write(`vendorwatch start takes no arguments (got "${args.join(' ')}"); configure it with environment variables.\n`);
    return 1;
  }
  if (args[0] === '--help') {
    io.stdout.write('Usage: vendorwatch start\n  Runs the bot: the poll schedule, the chat adapters that have credentials (console otherwise), the HTTP server.\n');
    return 0;
  }
  return withApp(io, async (app) => {
    const { config, logger } = app;
    const server = new HttpServer(logger, () => {
      try {
        app.store.db.prepare('SELECT 1').get();
        return { ok: true, reason: null };
      } catch (error) {
        return { ok: false, reason: `store unreachable: ${(error as Error).message}` };
      }
    });
    try {
      const port = await server.listen(config.port);
      logger.info({ port }, `HTTP server listening on port ${port} (/healthz${config.slack && !config.slack.appToken ? ', /slack/events' : ''}${config.teams ? ', /api/messages' : ''})`);
    } catch (error) {
      io.stderr.write(`cannot listen on PORT ${config.port}: ${(error as Error).message}. Set PORT to a free port.\n`);
      return 2;
    }
    await app.startAdapters(server);

    const scheduler = new PollScheduler({
      schedule: config.schedule,
      timezone: config.timezone,
      logger,
      cycle: async (signal) => {
        await app.runCycle({ backfill: false, signal });
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
      },
      `Vendorwatch started: polling ${config.feeds.length} feeds on "${config.schedule}", ${app.vendors.size} vendors watched, alerts to ${app.adapters.map((a) => a.platform).join(' and ')}`,
    );
    for (const feed of config.feeds) logger.info({ feed: feed.name, url: feed.url, tags: feed.tags }, `feed: ${feed.name}`);
    scheduler.start();
    void scheduler.runNow();
    const retryTimer = setInterval(() => {
      if (!scheduler.running) void app.worker.deliverDue().catch((error: unknown) => logger.error({ err: error }, 'delivery retry failed'));
    }, DELIVERY_RETRY_INTERVAL_MS);

    await new Promise<void>((resolve) => {
      const stop = (signal: NodeJS.Signals) => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
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
    await scheduler.stop(SHUTDOWN_GRACE_MS);
    await server.close();
    logger.info('stopped');
    return 0;
  });
}
