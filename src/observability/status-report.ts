import type { Config } from '../config/load-config.js';
import type { Platform } from '../core/chat.js';
import { displayFeedUrl, hideUrlSecrets } from '../feeds/display-url.js';
import { POLL_LEASE } from '../scheduler/leadership.js';
import type { AsyncStore } from '../store/async-store.js';
import type { DeliveryKind } from '../store/delivery-repository.js';
import { maskDatabaseUrl } from '../store/postgres/database-url.js';
import type { CycleRecord } from '../store/store.js';
import { configurationWarnings } from './health.js';

export type FeedHealth = 'ok' | 'failing' | 'not_polled';

export interface FeedStatus {
  name: string;
  /** Without credentials, query or fragment (displayFeedUrl): status output is pasted into tickets and chats. */
  url: string;
  health: FeedHealth;
  consecutiveFailures: number;
  failingSince: string | null;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  lastStatus: number | null;
  lastErrorCode: string | null;
  lastError: string | null;
  /** A failing feed is retried with backoff: not before this time. */
  nextAttemptAt: string | null;
}

export interface FailedDeliveryStatus {
  id: string;
  kind: DeliveryKind;
  incidentId: number | null;
  destination: { platform: Platform; address: string };
  attempts: number;
  errorCode: string | null;
  lastError: string | null;
  createdAt: string;
}

/** What `vendorwatch status --json` prints; fields are only ever added. */
export interface StatusReport {
  version: 1;
  generatedAt: string;
  database: string;
  lastCycle: CycleRecord | null;
  feeds: FeedStatus[];
  deliveries: { pending: number; failed: number; latestFailed: FailedDeliveryStatus[] };
  unacknowledgedAlerts: number;
  mutes: { vendor: string; until: string; platform: Platform; by: string }[];
  teamsConversations: { conversationId: string; name: string | null; active: boolean; inactiveReason: string | null }[];
  /** Settings that weaken Vendorwatch on purpose (e.g. "teams authentication is off"); empty when none. */
  warnings: string[];
  /**
   * Which replica polls (PostgreSQL): the holder of the poll lease, its term and when the lease runs out. On SQLite
   * there is one process and no lease to show: null.
   */
  polling: { leader: string | null; term: number; leaseExpiresAt: string | null } | null;
}

const LATEST_FAILED_SHOWN = 20;

const HEALTH_ORDER: Record<FeedHealth, number> = { failing: 0, not_polled: 1, ok: 2 };

/** Reads everything `status` shows from the store, for the configured feeds only (removed feeds keep old rows). */
export async function collectStatus(
  store: AsyncStore,
  config: Pick<Config, 'feeds' | 'dbPath'> & Partial<Pick<Config, 'teams'>>,
  now: Date,
): Promise<StatusReport> {
  const configured = new Set(config.feeds.map((feed) => feed.url));
  const feeds = (await store.feeds.all())
    .filter((feed) => configured.has(feed.url))
    .map(
      (feed): FeedStatus => ({
        name: feed.name,
        url: displayFeedUrl(feed.url),
        health: feed.consecutiveFailures > 0 ? 'failing' : feed.lastSuccessAt ? 'ok' : 'not_polled',
        consecutiveFailures: feed.consecutiveFailures,
        failingSince: feed.failingSince,
        lastAttemptAt: feed.lastAttemptAt,
        lastSuccessAt: feed.lastSuccessAt,
        lastStatus: feed.lastStatus,
        lastErrorCode: feed.consecutiveFailures > 0 ? feed.lastErrorCode : null,
        lastError: feed.consecutiveFailures > 0 && feed.lastError !== null ? hideUrlSecrets(feed.lastError) : null,
        nextAttemptAt: feed.nextAttemptAt,
      }),
    )
    .sort((a, b) => HEALTH_ORDER[a.health] - HEALTH_ORDER[b.health] || a.name.localeCompare(b.name));
  const failedCount = await store.deliveries.countByStatus('failed');
  const lastCycle = await store.lastCycle();
  const pending = await store.deliveries.pendingCount();
  const latestFailed = await store.deliveries.byStatus('failed', LATEST_FAILED_SHOWN);
  const unacknowledgedAlerts = await store.interactions.unacknowledgedAlertedCount();
  const mutes = await store.interactions.activeMutes(now);
  const teamsConversations = await store.interactions.conversations('teams');
  const lease = store.engine === 'postgres' ? await store.replicas.leader(POLL_LEASE) : null;
  return {
    version: 1,
    generatedAt: now.toISOString(),
    // A PostgreSQL URL's password never shows: `status --json` output ends up in tickets and chat.
    database: maskDatabaseUrl(config.dbPath),
    lastCycle,
    feeds,
    deliveries: {
      pending,
      failed: failedCount,
      latestFailed: latestFailed.map((d) => ({
        id: d.id,
        kind: d.kind,
        incidentId: d.incidentId,
        destination: d.destination,
        attempts: d.attempts,
        errorCode: d.errorCode,
        lastError: d.lastError,
        createdAt: d.createdAt,
      })),
    },
    unacknowledgedAlerts,
    mutes: mutes.map((m) => ({ vendor: m.vendor, until: m.until, platform: m.platform, by: m.userName })),
    teamsConversations: teamsConversations.map((c) => ({
      conversationId: c.conversationId,
      name: c.name ?? null,
      active: c.active,
      inactiveReason: c.inactiveReason,
    })),
    warnings: configurationWarnings({ teams: config.teams ?? null }),
    polling: lease ? { leader: lease.holder, term: lease.term, leaseExpiresAt: lease.expiresAt } : null,
  };
}
