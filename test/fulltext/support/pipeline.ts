// The bot's real poll cycle (runCycle: fetch over loopback, store, detect, group, queue, deliver to the console
// adapter) with article reading built as the composition root builds it, for the full-text tests.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createConsoleAdapter } from '../../../adapters/console/console-adapter.js';
import { createDetectionEngine } from '../../../src/app/detection-engine.js';
import type { Config } from '../../../src/config/load-config.js';
import type { Destination } from '../../../src/core/chat.js';
import type { FeedSource, FullTextMode, Vendor } from '../../../src/core/types.js';
import { DeliveryWorker } from '../../../src/delivery/delivery-worker.js';
import { createFeedAddressPolicies } from '../../../src/feeds/address-policy.js';
import type { ArticlePagesOptions } from '../../../src/fulltext/article-pages.js';
import { createFullText } from '../../../src/fulltext/create-full-text.js';
import { IncidentTracker } from '../../../src/incidents/incident-tracker.js';
import { silentLogger } from '../../../src/log.js';
import { type CycleReport, runCycle } from '../../../src/pipeline/run-cycle.js';
import { SqliteAsyncStore } from '../../../src/store/sqlite-async-store.js';
import { Store } from '../../../src/store/store.js';

const CONSOLE: Destination = { platform: 'console', address: 'console' };

export interface PollSettings {
  feeds: FeedSource[];
  vendors: Vendor[];
  fullText: FullTextMode;
  timeoutMs?: number;
  /** Feeds fetched one after another by default, so items are detected in the feeds' order (grouping depends on it). */
  concurrency?: number;
  perHostConcurrency?: number;
  /** Feeds (by URL) that came from someone else's list: public-only, and their hosts are no exception for articles. */
  untrustedUrls?: string[];
  allowHosts?: string[];
  /** Overrides of the page reader's budget. */
  budget?: ArticlePagesOptions['budget'];
  dbPath?: string;
  /** VENDORWATCH_CONTACT; default `fulltext-tests@example.org`, null for none. */
  contact?: string | null;
}

export interface Poll {
  store: Store;
  /** The same store as the app sees it. */
  asyncStore: SqliteAsyncStore;
  report: CycleReport;
  dbPath: string;
  close(): void;
}

/** One `poll --once --backfill` cycle over the feeds, into a fresh (or the given) database. */
export async function pollOnce(settings: PollSettings): Promise<Poll> {
  const dbPath = settings.dbPath ?? join(mkdtempSync(join(tmpdir(), 'vw-fulltext-')), 'vendorwatch.db');
  const sync = Store.open(dbPath);
  // The pipeline sees the store as the app does (AsyncStore); the tests read it synchronously once the cycle is over.
  const store = SqliteAsyncStore.wrap(sync);
  const vendors = new Map(settings.vendors.map((vendor) => [vendor.name, vendor]));
  const engine = createDetectionEngine(settings.vendors, sync.incidents.signatures());
  const adapter = createConsoleAdapter(new PassThrough().resume());
  const worker = new DeliveryWorker(store, new Map([['console', adapter]]), vendors, silentLogger);
  const tracker = new IncidentTracker(store, engine, vendors, async () => [CONSOLE], silentLogger);
  const fetch = {
    timeoutMs: settings.timeoutMs ?? 5_000,
    maxBytes: 5 * 1024 * 1024,
    concurrency: settings.concurrency ?? 1,
    perHostConcurrency: settings.perHostConcurrency ?? 2,
  };
  const config: Pick<Config, 'feeds' | 'feedAddresses' | 'fetch' | 'contact' | 'fullText'> = {
    feeds: settings.feeds,
    feedAddresses: { mode: 'allow-private', allow: settings.allowHosts ?? [], untrustedUrls: settings.untrustedUrls ?? [] },
    fetch,
    contact: settings.contact === undefined ? 'fulltext-tests@example.org' : settings.contact,
    fullText: settings.fullText,
  };
  const fullText = createFullText(config, {
    detect: (article) => engine.detect(article),
    store,
    ...(settings.budget ? { budget: settings.budget } : {}),
  });
  const untrusted = new Set(config.feedAddresses.untrustedUrls);
  const report = await runCycle(
    {
      feeds: settings.feeds,
      backfill: true,
      maxItemAgeDays: 3650,
      fetch: { ...fetch, userAgentContact: config.contact },
      addressPolicyFor: createFeedAddressPolicies({ mode: 'allow-private', allow: config.feedAddresses.allow }, (feed) =>
        untrusted.has(feed.url),
      ),
      ...(fullText ? { fullText } : {}),
    },
    { store, tracker, worker, logger: silentLogger },
  );
  return { store: sync, asyncStore: store, report, dbPath, close: () => sync.close() };
}

export interface ItemOutcome {
  guid: string;
  why: string[];
  vendors: { name: string; role: string }[];
  breach: boolean;
  alert: boolean;
  incidentKey: string | null;
}

/** What detection decided for each stored item, by the feed's guid. */
export function outcomes(store: Store): Map<string, ItemOutcome> {
  const rows = store.db
    .prepare(
      `SELECT items.guid AS guid, detections.why AS why, detections.vendors AS vendors, detections.breach AS breach, detections.alert AS alert,
              incidents.key AS incidentKey
         FROM items JOIN detections ON detections.item_id = items.id LEFT JOIN incidents ON incidents.id = detections.incident_id
        ORDER BY items.id`,
    )
    .all() as { guid: string; why: string; vendors: string; breach: number; alert: number; incidentKey: string | null }[];
  return new Map(
    rows.map((row) => [
      row.guid,
      {
        guid: row.guid,
        why: JSON.parse(row.why) as string[],
        vendors: JSON.parse(row.vendors) as { name: string; role: string }[],
        breach: row.breach === 1,
        alert: row.alert === 1,
        incidentKey: row.incidentKey,
      },
    ]),
  );
}

/** Alerts as people see them: per alerted incident, its vendor, how many alert messages and thread updates it got. */
export function alerts(store: Store): { vendor: string; key: string; alertMessages: number; sources: number }[] {
  return store.db
    .prepare(
      `SELECT incidents.vendor AS vendor, incidents.key AS key,
              (SELECT count(*) FROM deliveries WHERE deliveries.incident_id = incidents.id AND deliveries.kind = 'alert') AS alertMessages,
              (SELECT count(*) FROM incident_sources WHERE incident_sources.incident_id = incidents.id) AS sources
         FROM incidents WHERE alert_state = 'alerted' ORDER BY incidents.vendor, incidents.key`,
    )
    .all() as { vendor: string; key: string; alertMessages: number; sources: number }[];
}

/** Which items were grouped together: each incident's item guids, sorted, as one string; the list sorted. */
export function grouping(store: Store): string[] {
  const rows = store.db
    .prepare(
      `SELECT incident_sources.incident_id AS incident, items.guid AS guid FROM incident_sources JOIN items ON items.id = incident_sources.item_id`,
    )
    .all() as { incident: number; guid: string }[];
  const groups = new Map<number, string[]>();
  for (const row of rows) groups.set(row.incident, [...(groups.get(row.incident) ?? []), row.guid]);
  return [...groups.values()].map((guids) => guids.sort().join(' ')).sort();
}

export interface RssItem {
  guid: string;
  title: string;
  link: string;
  description: string;
  published?: string | null;
}

const xml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An RSS 2.0 feed whose items carry `description` as their only text (a teaser feed, or a full-text one). */
export function rssFeed(title: string, items: RssItem[]): string {
  const entries = items
    .map(
      (item) => `    <item>
      <title>${xml(item.title)}</title>
      <link>${xml(item.link)}</link>
      <guid isPermaLink="false">${xml(item.guid)}</guid>
      ${item.published ? `<pubDate>${new Date(`${item.published}T12:00:00Z`).toUTCString()}</pubDate>` : ''}
      <description>${xml(item.description)}</description>
    </item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>${xml(title)}</title>
    <link>https://example.org/</link>
    <description>${xml(title)}</description>
${entries}
  </channel>
</rss>
`;
}
