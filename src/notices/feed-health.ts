import type { Destination } from '../core/chat.js';
import { displayFeedUrl, hideUrlSecrets } from '../feeds/display-url.js';
import type { AsyncStore } from '../store/async-store.js';
import { queueNotice } from './operator-notices.js';

/**
 * One notice when a feed has been failing for longer than the threshold, and one when it recovers: operators
 * hear about a broken feed once, not every cycle. The notice shows the feed's URL without credentials or query
 * (displayFeedUrl): chat channels are read by many more people than the operator who wrote the URL.
 */
export async function queueFeedHealthNotices(
  store: AsyncStore,
  destinations: readonly Destination[],
  configuredUrls: ReadonlySet<string>,
  thresholdMs: number,
  now: Date,
): Promise<number> {
  let queued = 0;
  await store.transaction(async (tx) => {
    for (const feed of await tx.feeds.all()) {
      if (!configuredUrls.has(feed.url)) continue;
      const failingTooLong = feed.failingSince !== null && now.getTime() - new Date(feed.failingSince).getTime() >= thresholdMs;
      if (failingTooLong && feed.healthNotice !== 'failing') {
        const text =
          `Feed "${feed.name}" has been failing since ${feed.failingSince} (${feed.consecutiveFailures} attempts): ${hideUrlSecrets(feed.lastError ?? 'unknown error')}. ` +
          `Check the URL ${displayFeedUrl(feed.url)}, or remove it from VENDORWATCH_FEEDS.`;
        queued += await queueNotice(tx, destinations, { kind: 'feed-health', text }, now);
        await tx.feeds.setHealthNotice(feed.id, 'failing');
      } else if (feed.healthNotice === 'failing' && feed.failingSince === null) {
        queued += await queueNotice(
          tx,
          destinations,
          { kind: 'feed-health', text: `Feed "${feed.name}" has recovered (last success ${feed.lastSuccessAt}).` },
          now,
        );
        await tx.feeds.setHealthNotice(feed.id, null);
      }
    }
  });
  return queued;
}
