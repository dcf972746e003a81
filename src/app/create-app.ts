import type { Config } from '../config/load-config.js';
import type { AdapterFactory, ChatAdapter, HttpRoutes, Platform } from '../core/chat.js';
import type { FeedSource, Vendor } from '../core/types.js';
import { DeliveryWorker } from '../delivery/delivery-worker.js';
import { createVendorLookup } from '../detection/matching/vendor-lookup.js';
import { createFeedAddressPolicies } from '../feeds/address-policy.js';
import { feedTypeOf } from '../feeds/feed-type.js';
import { createFullText } from '../fulltext/create-full-text.js';
import type { DetectionEngine } from '../incidents/incident-tracker.js';
import { IncidentTracker } from '../incidents/incident-tracker.js';
import { InteractionService } from '../interaction/interaction-service.js';
import { unrestrictedRolesWarning } from '../interaction/roles.js';
import type { Logger } from '../log.js';
import { queueDigest } from '../notices/digest.js';
import { queueFeedHealthNotices } from '../notices/feed-health.js';
import { queueNotice } from '../notices/operator-notices.js';
import { queueDueReminders } from '../notices/reminders.js';
import { type CycleReport, runCycle } from '../pipeline/run-cycle.js';
import { replicaIdFor } from '../scheduler/leadership.js';
import { secRulesApply } from '../sources/sec-fair-access.js';
import { secUserAgent } from '../sources/sec-rate-limit.js';
import type { AsyncStore } from '../store/async-store.js';
import { maskDatabaseUrl, openStore } from '../store/postgres/open.js';
import { createDetectionEngine } from './detection-engine.js';
import { LiveWatchlist, type WatchlistRefresh } from './live-watchlist.js';

export interface VendorwatchApp {
  readonly config: Config;
  readonly store: AsyncStore;
  readonly logger: Logger;
  readonly vendors: ReadonlyMap<string, Vendor>;
  readonly adapters: readonly ChatAdapter[];
  readonly interactions: InteractionService;
  readonly worker: DeliveryWorker;
  /** This process's name among replicas (VENDORWATCH_REPLICA_ID, or host name and process id). */
  readonly replicaId: string;
  runCycle(options: { backfill: boolean; signal?: AbortSignal }): Promise<CycleReport>;
  /** Queues due reminders and feed-health notices, then delivers what is due. */
  runHousekeeping(): Promise<{ reminders: number; feedNotices: number }>;
  /**
   * Re-reads the watchlist file if it changed (also done before every cycle). A file that does not validate is
   * reported, to the log and once to the operators, and the vendors already loaded stay in force.
   */
  reloadWatchlist(): Promise<WatchlistRefresh>;
  /** Queues and delivers the daily digest; false when it was empty. */
  sendDigest(): Promise<boolean>;
  /** Connects the adapters' receivers (HTTP routes, sockets); null routes: deliver only. */
  startAdapters(routes: HttpRoutes | null): Promise<void>;
  close(): Promise<void>;
}

export interface CreateAppDeps {
  logger: Logger;
  createAdapters: AdapterFactory;
  stdout: NodeJS.WritableStream;
  now?: () => Date;
}

export async function createApp(config: Config, deps: CreateAppDeps): Promise<VendorwatchApp> {
  const { logger } = deps;
  const now = deps.now ?? (() => new Date());
  const watchlist = new LiveWatchlist(config.watchlistPath, config.routing, logger);
  const vendors = watchlist.vendors;
  const store: AsyncStore = await openStore(config.dbPath, {
    poolSize: config.dbPoolSize,
    logger: logger.child({ db: maskDatabaseUrl(config.dbPath) }),
  });
  try {
    // The matcher and the vendor finder are built from the watchlist, so a reload swaps them; everything else
    // holds these two stable wrappers.
    let currentEngine = createDetectionEngine([...vendors.values()], await store.incidents.signatures());
    let currentFinder = createVendorLookup([...vendors.values()]);
    const engine: DetectionEngine = {
      detect: (article) => currentEngine.detect(article),
      group: (article, detection) => currentEngine.group(article, detection),
    };
    const adapters = await deps.createAdapters({ config, logger, stdout: deps.stdout, now });
    const byPlatform = new Map<Platform, ChatAdapter>(adapters.map((adapter) => [adapter.platform, adapter]));
    const replicaId = replicaIdFor(config.replicaId);
    const worker = new DeliveryWorker(store, byPlatform, vendors, logger, now, { replicaId, claimLeaseMs: config.leaseMs });
    const routes = async (vendor: Vendor) => (await Promise.all(adapters.map((adapter) => adapter.destinationsFor(vendor)))).flat();
    const tracker = new IncidentTracker(store, engine, vendors, routes, logger, now);
    // Article pages of teaser items (VENDORWATCH_FULL_TEXT): one reader, so its page cache outlives a cycle.
    const fullText = createFullText(config, { detect: (article) => engine.detect(article), store });
    // Operator notices (digest, feed health) go where alerts go when no vendor routing applies.
    const operatorDestinations = async () => (await Promise.all(adapters.map((adapter) => adapter.destinationsFor({ name: '' })))).flat();
    const deliverSoon = () => {
      void worker.deliverDue().catch((error: unknown) => logger.error({ err: error }, 'delivery failed'));
    };
    const housekeeping = async () => {
      const at = now();
      const reminders = await queueDueReminders(
        store,
        vendors,
        {
          firstAfterMs: config.reminders.firstAfterHours * 3_600_000,
          repeatEveryMs: config.reminders.repeatEveryHours * 3_600_000,
          criticalities: ['high', 'critical'],
        },
        at,
      );
      const feedNotices = await queueFeedHealthNotices(
        store,
        await operatorDestinations(),
        new Set(config.feeds.map((feed) => feed.url)),
        config.feedFailingHours * 3_600_000,
        at,
      );
      await worker.deliverDue();
      return { reminders, feedNotices };
    };

    const secContactProblem = contactProblem(config.contact);
    const secFeedsWithoutContact = secContactProblem === null ? [] : feedsUnderSecRules(config.feeds);
    if (secFeedsWithoutContact.length > 0) {
      // Each poll records these feeds as failing with the same message (feed health, `vendorwatch status`); this says
      // it once at start-up, before the first poll.
      logger.warn(
        { feeds: secFeedsWithoutContact.map((feed) => feed.name), setting: 'VENDORWATCH_CONTACT' },
        `${secFeedsWithoutContact.length} feed(s) on SEC EDGAR will not be fetched: ${secContactProblem}`,
      );
    }

    const cycleLock = store.createCycleLock(logger, now);
    const untrustedFeeds = new Set(config.feedAddresses.untrustedUrls);
    const addressPolicyFor = createFeedAddressPolicies({ mode: config.feedAddresses.mode, allow: config.feedAddresses.allow }, (feed) =>
      untrustedFeeds.has(feed.url),
    );
    const interactions = new InteractionService({
      store,
      vendors,
      finder: { find: (query) => currentFinder.find(query) },
      roles: config.roles,
      logger,
      now,
      onChange: deliverSoon,
      announce: async (vendor, text) => {
        await queueNotice(store, await routes(vendor), { kind: 'mute', text }, now());
        deliverSoon();
      },
    });

    let cycleInProgress: Promise<void> = Promise.resolve();
    const reloadWatchlist = async (): Promise<WatchlistRefresh> => {
      const refresh = watchlist.refresh();
      if (refresh.kind === 'reloaded') {
        // The grouper is rebuilt from the store too: it holds every incident's signature, so nothing is forgotten.
        currentEngine = createDetectionEngine([...vendors.values()], await store.incidents.signatures());
        currentFinder = createVendorLookup([...vendors.values()]);
      } else if (refresh.kind === 'rejected' && refresh.newlyRejected) {
        const text =
          `The watchlist file changed but was not loaded: ${refresh.problems} problem${refresh.problems === 1 ? '' : 's'} ` +
          `(first: ${refresh.firstProblem}). Vendorwatch keeps watching the ${refresh.keptVendors} vendors it had. ` +
          'Run `vendorwatch watchlist check` on the file to see every problem.';
        await queueNotice(store, await operatorDestinations(), { kind: 'info', text }, now());
        deliverSoon();
      }
      return refresh;
    };

    return {
      config,
      store,
      logger,
      vendors,
      adapters,
      interactions,
      worker,
      replicaId,
      runCycle: async ({ backfill, signal }) => {
        let cycleOver = () => {};
        cycleInProgress = new Promise<void>((resolve) => (cycleOver = resolve));
        try {
          // Another process's cycle on this database (start running, poll --once asked) finishes first.
          await cycleLock.acquire(signal);
        } catch (error) {
          cycleOver();
          throw error;
        }
        try {
          await reloadWatchlist();
          const report = await runCycle(
            {
              feeds: config.feeds,
              backfill,
              maxItemAgeDays: config.maxItemAgeDays,
              fetch: { ...config.fetch, userAgentContact: config.contact },
              addressPolicyFor,
              ...(fullText ? { fullText } : {}),
              ...(signal ? { signal } : {}),
            },
            { store, tracker, worker, logger, vendors, now },
          );
          // Reminders and feed-health notices ride on every cycle: no separate clock to keep.
          await housekeeping();
          return report;
        } finally {
          await cycleLock.release();
          cycleOver();
        }
      },
      runHousekeeping: () => housekeeping(),
      reloadWatchlist: async () => {
        // A reload asked for between cycles (SIGHUP) waits for the cycle in progress: one cycle, one watchlist.
        for (let waitingFor = cycleInProgress; ; waitingFor = cycleInProgress) {
          await waitingFor;
          if (waitingFor === cycleInProgress) break;
        }
        return reloadWatchlist();
      },
      sendDigest: async () => {
        const queued = await queueDigest(store, await operatorDestinations(), now());
        if (queued) await worker.deliverDue();
        return queued;
      },
      startAdapters: async (httpRoutes) => {
        for (const adapter of adapters) await adapter.start(interactions, httpRoutes);
        // Only a bot that takes chat input (routes given) can be acknowledged or muted from chat.
        const listening = httpRoutes === null ? [] : adapters.map((adapter) => adapter.platform);
        const warning = unrestrictedRolesWarning(config.roles, config.configFile, listening);
        if (warning) logger.warn({ setting: 'roles' }, warning);
      },
      close: async () => {
        for (const adapter of adapters) {
          await adapter
            .stop()
            .catch((error: unknown) => logger.warn({ err: error, platform: adapter.platform }, 'adapter did not stop cleanly'));
        }
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** Why SEC requests would be refused with this VENDORWATCH_CONTACT (the message names the setting); null when fine. */
function contactProblem(contact: string | null): string | null {
  try {
    secUserAgent(contact);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Feeds whose requests follow SEC's fair-access rules (an SEC host, or an `sec-8k` source anywhere). */
function feedsUnderSecRules(feeds: readonly FeedSource[]): FeedSource[] {
  return feeds.filter((feed) => {
    try {
      return secRulesApply(new URL(feed.url), feedTypeOf(feed) === 'sec-8k');
    } catch {
      return false;
    }
  });
}
