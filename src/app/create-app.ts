import type { Config } from '../config/load-config.js';
import type { ChatAdapter, HttpRoutes, Platform } from '../core/chat.js';
import type { Vendor } from '../core/types.js';
import { createVendorLookup } from '../detection/matching/vendor-lookup.js';
import { DeliveryWorker } from '../delivery/delivery-worker.js';
import { createFeedAddressPolicies } from '../feeds/address-policy.js';
import { IncidentTracker } from '../incidents/incident-tracker.js';
import { InteractionService } from '../interaction/interaction-service.js';
import type { Logger } from '../log.js';
import { type CycleReport, runCycle } from '../pipeline/run-cycle.js';
import { queueDigest } from '../notices/digest.js';
import { queueFeedHealthNotices } from '../notices/feed-health.js';
import { queueNotice } from '../notices/operator-notices.js';
import { queueDueReminders } from '../notices/reminders.js';
import { CycleLock } from '../store/cycle-lock.js';
import { Store } from '../store/store.js';
import { loadWatchlist } from '../watchlist/load-watchlist.js';
import { createDetectionEngine } from './detection-engine.js';

export interface AdapterSettings {
  config: Config;
  logger: Logger;
  /** Where the console adapter prints. */
  stdout: NodeJS.WritableStream;
  now: () => Date;
}

/** Builds the chat adapters the configuration asks for. Lives outside src/ (adapters/index.ts): the core never imports a platform. */
export type AdapterFactory = (settings: AdapterSettings) => ChatAdapter[] | Promise<ChatAdapter[]>;

export interface VendorwatchApp {
  readonly config: Config;
  readonly store: Store;
  readonly logger: Logger;
  readonly vendors: ReadonlyMap<string, Vendor>;
  readonly adapters: readonly ChatAdapter[];
  readonly interactions: InteractionService;
  readonly worker: DeliveryWorker;
  runCycle(options: { backfill: boolean; signal?: AbortSignal }): Promise<CycleReport>;
  /** Queues due reminders and feed-health notices, then delivers what is due. */
  runHousekeeping(): Promise<{ reminders: number; feedNotices: number }>;
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

/** Applies the config file's per-vendor routing over the watchlist's own channel fields. */
function withRouting(vendors: Vendor[], routing: Config['routing']): Map<string, Vendor> {
  return new Map(vendors.map((vendor) => [vendor.name, { ...vendor, ...(routing[vendor.name] ?? {}) }]));
}

export async function createApp(config: Config, deps: CreateAppDeps): Promise<VendorwatchApp> {
  const { logger } = deps;
  const now = deps.now ?? (() => new Date());
  const vendorList = loadWatchlist(config.watchlistPath);
  const vendors = withRouting(vendorList, config.routing);
  const store = Store.open(config.dbPath);
  try {
    const engine = createDetectionEngine([...vendors.values()], store.incidents.signatures());
    const adapters = await deps.createAdapters({ config, logger, stdout: deps.stdout, now });
    const byPlatform = new Map<Platform, ChatAdapter>(adapters.map((adapter) => [adapter.platform, adapter]));
    const worker = new DeliveryWorker(store, byPlatform, vendors, logger, now);
    const routes = async (vendor: Vendor) => (await Promise.all(adapters.map((adapter) => adapter.destinationsFor(vendor)))).flat();
    const tracker = new IncidentTracker(store, engine, vendors, routes, logger, now);
    // Operator notices (digest, feed health) go where alerts go when no vendor routing applies.
    const operatorDestinations = async () => (await Promise.all(adapters.map((adapter) => adapter.destinationsFor({ name: '' })))).flat();
    const deliverSoon = () => {
      void worker.deliverDue().catch((error: unknown) => logger.error({ err: error }, 'delivery failed'));
    };
    const housekeeping = async () => {
      const at = now();
      const reminders = queueDueReminders(
        store,
        vendors,
        {
          firstAfterMs: config.reminders.firstAfterHours * 3_600_000,
          repeatEveryMs: config.reminders.repeatEveryHours * 3_600_000,
          criticalities: ['high', 'critical'],
        },
        at,
      );
      const feedNotices = queueFeedHealthNotices(
        store,
        await operatorDestinations(),
        new Set(config.feeds.map((feed) => feed.url)),
        config.feedFailingHours * 3_600_000,
        at,
      );
      await worker.deliverDue();
      return { reminders, feedNotices };
    };

    const cycleLock = new CycleLock(store.db, logger, now);
    const untrustedFeeds = new Set(config.feedAddresses.untrustedUrls);
    const addressPolicyFor = createFeedAddressPolicies(
      { mode: config.feedAddresses.mode, allow: config.feedAddresses.allow },
      (feed) => untrustedFeeds.has(feed.url),
    );
    const interactions = new InteractionService({
      store,
      vendors,
      finder: createVendorLookup([...vendors.values()]),
      roles: config.roles,
      logger,
      now,
      onChange: deliverSoon,
      announce: async (vendor, text) => {
        queueNotice(store, await routes(vendor), { kind: 'mute', text }, now());
        deliverSoon();
      },
    });

    return {
      config,
      store,
      logger,
      vendors,
      adapters,
      interactions,
      worker,
      runCycle: async ({ backfill, signal }) => {
        // Another process's cycle on this database (start running, poll --once asked) finishes first.
        await cycleLock.acquire(signal);
        try {
          const report = await runCycle(
            {
              feeds: config.feeds,
              backfill,
              maxItemAgeDays: config.maxItemAgeDays,
              fetch: { ...config.fetch, userAgentContact: config.contact },
              addressPolicyFor,
              ...(signal ? { signal } : {}),
            },
            { store, tracker, worker, logger, now },
          );
          // Reminders and feed-health notices ride on every cycle: no separate clock to keep.
          await housekeeping();
          return report;
        } finally {
          cycleLock.release();
        }
      },
      runHousekeeping: () => housekeeping(),
      sendDigest: async () => {
        const queued = queueDigest(store, await operatorDestinations(), now());
        if (queued) await worker.deliverDue();
        return queued;
      },
      startAdapters: async (httpRoutes) => {
        for (const adapter of adapters) await adapter.start(interactions, httpRoutes);
      },
      close: async () => {
        for (const adapter of adapters) {
          await adapter.stop().catch((error: unknown) => logger.warn({ err: error, platform: adapter.platform }, 'adapter did not stop cleanly'));
        }
        store.close();
      },
    };
  } catch (error) {
    store.close();
    throw error;
  }
}
