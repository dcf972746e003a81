import type { FeedItem, FeedSource, FullTextMode, Vendor } from '../core/types.js';
import type { DeliveryRunSummary, DeliveryWorker } from '../delivery/delivery-worker.js';
import { displayFeedUrl } from '../feeds/display-url.js';
import { feedTypeOf } from '../feeds/feed-type.js';
import { type FeedFetchResult, type FeedFetchState, type FetchFeedsOptions, fetchFeeds } from '../feeds/poll-feeds.js';
import { noPageCounts, type PageCounts } from '../fulltext/article-pages.js';
import type { FullText, FullTextCycle, FullTextRead } from '../fulltext/full-text.js';
import type { IncidentTracker } from '../incidents/incident-tracker.js';
import { queueRevisionUpdates } from '../incidents/source-updates.js';
import type { Logger } from '../log.js';
import type { HostRateLimiter } from '../sources/sec-rate-limit.js';
import type { AsyncStore } from '../store/async-store.js';
import type { FeedRecord } from '../store/feed-repository.js';
import type { Eligibility, ItemRecord } from '../store/item-repository.js';
import { articleForDetection, vendorsBySecCik } from './sec-filers.js';

export interface CycleOptions {
  feeds: readonly FeedSource[];
  /** Alert on every item now in the feeds: no first-run silence, no maximum age. */
  backfill: boolean;
  maxItemAgeDays: number;
  fetch: { timeoutMs: number; maxBytes: number; concurrency: number; perHostConcurrency: number; userAgentContact: string | null };
  signal?: AbortSignal;
  /** Which addresses each feed may reach (anti-SSRF); every address when absent. */
  addressPolicyFor?: FetchFeedsOptions['addressPolicyFor'];
  /**
   * Reads the article page behind teaser items before detection (VENDORWATCH_FULL_TEXT, or a feed's `fullText`);
   * absent, items are judged on their feed text alone.
   */
  fullText?: { reader: FullText; mode: FullTextMode };
  /** The limiter for requests under SEC's fair-access rules; the process's shared one when absent. */
  secLimiter?: HostRateLimiter;
}

export interface CycleReport {
  cycleId: number;
  feedsOk: number;
  feedsNotModified: number;
  feedsFailed: number;
  feedsSkipped: number;
  itemsNew: number;
  breaches: number;
  incidentsNew: number;
  alertsNew: number;
  updatesQueued: number;
  delivery: DeliveryRunSummary;
  /** Article pages read for teaser items (fetched, from the cache, refused, walls, ...). */
  pages: PageCounts;
  durationMs: number;
}

export interface CycleDeps {
  store: AsyncStore;
  tracker: IncidentTracker;
  worker: DeliveryWorker;
  logger: Logger;
  /** The watchlist, for what only it knows of a source (a vendor's SEC CIK); read each cycle, so a reload counts. */
  vendors?: ReadonlyMap<string, Vendor>;
  now?: () => Date;
}

const DAY_MS = 86_400_000;
const PENDING_PAGE = 500;

function eligibilityFor(feed: FeedRecord, options: CycleOptions, now: Date): (item: FeedItem) => Eligibility {
  if (options.backfill) return () => ({ eligible: true, reason: null });
  const silent = feed.firstPolledAt === null;
  const oldest = now.getTime() - options.maxItemAgeDays * DAY_MS;
  return (item) => {
    if (silent) return { eligible: false, reason: 'first poll of this feed (recorded silently)' };
    if (item.publishedAt && item.publishedAt.getTime() < oldest) {
      return { eligible: false, reason: `older than ${options.maxItemAgeDays} days` };
    }
    return { eligible: true, reason: null };
  };
}

const stateOf = (feed: FeedRecord): FeedFetchState => ({
  etag: feed.etag,
  lastModified: feed.lastModified,
  consecutiveFailures: feed.consecutiveFailures,
  nextAttemptAt: feed.nextAttemptAt ? new Date(feed.nextAttemptAt) : null,
});

/**
 * One poll cycle: fetch every feed, store new items, run detection, group into incidents, queue and send
 * deliveries. A failing feed or delivery is recorded and reported; it never stops the cycle.
 */
export async function runCycle(options: CycleOptions, deps: CycleDeps): Promise<CycleReport> {
  const { store, tracker, worker, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const started = now();
  const cycleId = await store.startCycle(started);
  const records = new Map((await store.feeds.sync(options.feeds)).map((feed) => [feed.url, feed]));
  const states = new Map([...records.values()].map((feed) => [feed.url, stateOf(feed)]));
  // A feed whose items were stored silently (a quiet first cycle, too old) answers a conditional GET with 304,
  // which hides those items from a backfill: backfill fetches such feeds in full, and the others conditionally.
  const fetchInFull = options.backfill ? await store.items.feedsHoldingSilentItems() : new Set<number>();
  for (const feed of records.values()) {
    if (fetchInFull.has(feed.id)) states.set(feed.url, { ...stateOf(feed), etag: null, lastModified: null });
  }

  const report: CycleReport = {
    cycleId,
    feedsOk: 0,
    feedsNotModified: 0,
    feedsFailed: 0,
    feedsSkipped: 0,
    itemsNew: 0,
    breaches: 0,
    incidentsNew: 0,
    alertsNew: 0,
    updatesQueued: 0,
    delivery: { sent: 0, retrying: 0, failed: 0, waiting: 0 },
    pages: noPageCounts(),
    durationMs: 0,
  };

  const storeResult = async (result: FeedFetchResult, at: Date) => {
    const feed = records.get(result.feed.url)!;
    if (result.outcome === 'skipped') {
      report.feedsSkipped += 1;
      return;
    }
    const attempt = {
      at,
      outcome: result.outcome,
      status: result.status,
      etag: result.nextState.etag,
      lastModified: result.nextState.lastModified,
      error: result.error,
      consecutiveFailures: result.nextState.consecutiveFailures,
      nextAttemptAt: result.nextState.nextAttemptAt,
    };
    if (result.outcome !== 'ok') {
      await store.feeds.recordAttempt(feed.id, attempt);
      if (result.outcome === 'not_modified') {
        report.feedsNotModified += 1;
        return;
      }
      report.feedsFailed += 1;
      logger.warn(
        {
          feed: feed.name,
          url: displayFeedUrl(feed.url),
          code: result.error?.code,
          status: result.status,
          failures: result.nextState.consecutiveFailures,
        },
        `feed unreachable: ${feed.name}: ${result.error?.message ?? 'unknown error'}`,
      );
      return;
    }
    // The items and the feed's new ETag land together: if storing fails (disk full, read-only file), the old
    // validators stay and the next cycle fetches the same items again instead of being told "304, nothing new".
    let inserted: Awaited<ReturnType<typeof store.items.insertNew>>;
    let revisionUpdates = 0;
    try {
      inserted = await store.transaction(async (tx) => {
        const title = result.title?.trim();
        if (title && feed.name === new URL(feed.url).host) await tx.feeds.setTitle(feed.id, title);
        if (options.backfill) await tx.items.promoteForBackfill(feed.id, result.items);
        // A known record re-published with another revision (HHS OCR revised a count) is no new item: it is
        // recorded on the item, and the thread of an alert it belongs to hears of it, in this transaction.
        for (const revision of await tx.items.recordRevisions(feed.id, result.items, at)) {
          revisionUpdates += await queueRevisionUpdates(tx, revision, at);
          logger.info(
            { feed: feed.name, item: revision.itemId, previous: revision.previous, revision: revision.revision },
            'source revised a record',
          );
        }
        const added = await tx.items.insertNew(feed.id, result.items, eligibilityFor(feed, options, at), at);
        // What the feed holds is now eligible; what is still silent has left the feed since it was stored.
        if (options.backfill) await tx.items.markSilentItemsGoneFromFeed(feed.id);
        await tx.feeds.markFirstPolled(feed.id, at, added.length);
        await tx.feeds.recordAttempt(feed.id, attempt);
        return added;
      });
    } catch (error) {
      report.feedsFailed += 1;
      logger.error(
        { feed: feed.name, err: error },
        `cannot store the items of ${feed.name}: ${(error as Error).message}; they are fetched again next cycle`,
      );
      return;
    }
    report.feedsOk += 1;
    report.itemsNew += inserted.length;
    report.updatesQueued += revisionUpdates;
    if (result.skipped) {
      logger.warn(
        { feed: feed.name, url: displayFeedUrl(feed.url), skipped: result.skipped.count, problems: result.skipped.problems },
        `${feed.name}: ${result.skipped.count} record(s) could not be read and were skipped (first: ${result.skipped.problems[0] ?? 'unknown'})`,
      );
    }
    logger.debug({ feed: feed.name, items: result.items.length, new: inserted.length }, 'feed fetched');
  };

  let storing: Promise<void> = Promise.resolve();
  await fetchFeeds(options.feeds as FeedSource[], states, {
    concurrency: options.fetch.concurrency,
    perHostConcurrency: options.fetch.perHostConcurrency,
    fetch: { timeoutMs: options.fetch.timeoutMs, maxBytes: options.fetch.maxBytes, contact: options.fetch.userAgentContact },
    ...(options.secLimiter ? { secLimiter: options.secLimiter } : {}),
    now,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.addressPolicyFor ? { addressPolicyFor: options.addressPolicyFor } : {}),
    logger,
    keepItems: false,
    onFeedDone: (result) => {
      // Stored one feed at a time, in completion order, as each finishes; the cycle waits for the last below.
      const at = now();
      storing = storing
        .then(() => storeResult(result, at))
        .catch((error: unknown) => logger.error({ err: error, feed: displayFeedUrl(result.feed.url) }, 'onFeedDone failed'));
    },
  });
  await storing;

  // Items stored by this cycle, and any a crash left before detection, go through detection now.
  // In pages, so a first poll of a thousand feeds never holds every item's text in memory at once.
  const articles = options.fullText
    ? await startReadingArticles(options.fullText, [...records.values()], options.feeds, options.signal)
    : null;
  const byCik = vendorsBySecCik(deps.vendors);
  try {
    for (
      let page = await store.items.pending(PENDING_PAGE);
      page.length > 0 && !options.signal?.aborted;
      page = await store.items.pending(PENDING_PAGE)
    ) {
      // A page's teasers are read side by side (within the cycle's budget); items are detected in order, each as soon
      // as its own page (if it needs one) is read, so detection overlaps the waits for slow pages.
      const reads = articles?.start(page);
      for (const item of page) {
        if (options.signal?.aborted) break;
        const read = reads ? await reads.get(item.id) : null;
        const article = articleForDetection(read?.text ? { ...item, text: read.text } : item, byCik);
        const outcome = await tracker.track(article, read?.note ? [read.note] : []);
        if (outcome.breach) report.breaches += 1;
        if (outcome.incidentIsNew) report.incidentsNew += 1;
        if (outcome.alerted) report.alertsNew += 1;
        report.updatesQueued += outcome.updatesQueued;
      }
    }
  } finally {
    articles?.close();
  }
  if (articles) report.pages = { ...articles.counts };

  report.delivery = await worker.deliverDue();
  report.durationMs = now().getTime() - started.getTime();
  await store.finishCycle(cycleId, now(), {
    feedsOk: report.feedsOk,
    feedsFailed: report.feedsFailed,
    feedsNotModified: report.feedsNotModified,
    itemsNew: report.itemsNew,
    incidentsNew: report.incidentsNew,
    alertsNew: report.alertsNew,
    error: null,
    articlePages: articles ? { ...report.pages } : null,
  });
  logger.info(
    {
      cycle: cycleId,
      feedsOk: report.feedsOk,
      feedsNotModified: report.feedsNotModified,
      feedsFailed: report.feedsFailed,
      feedsSkipped: report.feedsSkipped,
      itemsNew: report.itemsNew,
      breaches: report.breaches,
      incidentsNew: report.incidentsNew,
      alertsNew: report.alertsNew,
      delivered: report.delivery.sent,
      pages: report.pages,
      durationMs: report.durationMs,
    },
    `cycle ${cycleId} done: ${report.feedsOk + report.feedsNotModified}/${options.feeds.length} feeds ok` +
      `${report.feedsFailed > 0 ? `, ${report.feedsFailed} failed` : ''}${report.feedsSkipped > 0 ? `, ${report.feedsSkipped} waiting to retry after failures` : ''}` +
      `, ${report.itemsNew} new items, ${report.alertsNew} new alerts${pagesSummary(report.pages)}`,
  );
  return report;
}

/** The cycle's article reading, keyed by item: each item with its feed's `fullText` mode. */
async function startReadingArticles(
  fullText: NonNullable<CycleOptions['fullText']>,
  feeds: FeedRecord[],
  sources: readonly FeedSource[],
  signal: AbortSignal | undefined,
): Promise<{ start(items: ItemRecord[]): Map<number, Promise<FullTextRead | null>>; counts: PageCounts; close(): void }> {
  // A disclosure source is read as it is: its links are a filing's index page or a tracker's page, never a teaser's
  // article (and a page on an SEC host must not be fetched around SEC's rate limit).
  const modeOfUrl = new Map(
    sources.map((source) => [source.url, feedTypeOf(source) === 'rss' ? (source.fullText ?? fullText.mode) : ('off' as const)]),
  );
  const modeOfFeed = new Map(feeds.map((feed) => [feed.id, modeOfUrl.get(feed.url) ?? fullText.mode]));
  const cycle: FullTextCycle = await fullText.reader.startCycle(signal);
  return {
    counts: cycle.counts,
    close: () => cycle.close(),
    start: (items) =>
      cycle.start(
        items.map((item) => ({
          key: item.id,
          title: item.title,
          text: item.text,
          url: item.canonicalUrl,
          source: item.feedName,
          published: item.publishedAt ? item.publishedAt.slice(0, 10) : null,
          // Items of feeds no longer configured (left pending by a crash) follow the setting, unless they are a
          // disclosure source's.
          mode: item.provenance !== 'news' ? 'off' : (modeOfFeed.get(item.feedId) ?? fullText.mode),
          eligible: item.alertEligible,
        })),
      ) as Map<number, Promise<FullTextRead | null>>,
  };
}

function pagesSummary(pages: PageCounts): string {
  const read = pages.fetched + pages.cacheHits + pages.refused + pages.failed + pages.overBudget;
  if (read === 0) return '';
  return `, article pages: ${pages.fetched} fetched, ${pages.cacheHits} from the cache, ${pages.refused} refused, ${pages.walls} walls, ${pages.failed} failed, ${pages.overBudget} over budget`;
}
