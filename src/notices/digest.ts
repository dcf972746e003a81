import type { Destination } from '../core/chat.js';
import { safeHttpUrl } from '../incidents/alert-view.js';
import type { AsyncStore } from '../store/async-store.js';
import type { IncidentRecord } from '../store/incident-repository.js';
import { queueNotice } from './operator-notices.js';

const DAY_MS = 86_400_000;

export interface Digest {
  text: string;
  lines: number;
}

/** Lines of the healthcare section at most, as before. */
const MAX_SECTOR_LINES = 50;

/**
 * Healthcare breaches off the watchlist that are new since the digest's window began: incidents first seen in it
 * whose first source is news of the window, not an old record read for the first time. The first source counts when
 *  - its own date (an OCR row's submission date, an AG list's reported date, a filing's date, an article's published
 *    date) falls in the window, counted from the start of the window's first day (UTC), since those lists give a day
 *    and no time; or
 *  - it was stored with the right to alert: a later poll of its feed, and not older than VENDORWATCH_MAX_ITEM_AGE_DAYS.
 *    The OCR portal lists a row days or weeks after its submission date, and a feed may be read a while after it
 *    published: such a record is still new to everyone.
 * What a feed's first poll stores silently (the whole OCR export, years of rows) is not listed unless dated in the
 * window, and nor is an undated one: when it was first seen says nothing about when it happened.
 */
export function newOffWatchlistHealthcare(store: AsyncStore, since: Date, limit = MAX_SECTOR_LINES): Promise<IncidentRecord[]> {
  return store.incidents.newOffWatchlistHealthcare(since, limit);
}

/**
 * The daily digest: healthcare breaches off the watchlist since the last digest (one line each, with a link),
 * open unacknowledged alerts, and feeds failing for more than a day. Null when there is nothing to say.
 */
async function buildDigest(store: AsyncStore, since: Date, now: Date): Promise<Digest | null> {
  const sections: string[] = [];
  let lines = 0;
  const sector = await newOffWatchlistHealthcare(store, since);
  if (sector.length > 0) {
    const entries: string[] = [];
    for (const incident of sector) {
      const firstItem = (await store.items.byIds((await store.incidents.sourceItemIds(incident.id)).slice(0, 1)))[0];
      const url = safeHttpUrl(firstItem?.canonicalUrl ?? null);
      entries.push(`• ${incident.organisation ?? 'Unknown organisation'}: ${incident.title}${url ? ` ${url}` : ''}`);
    }
    lines += entries.length;
    sections.push(`Healthcare-sector breaches not on your watchlist (${entries.length}):\n${entries.join('\n')}`);
  }
  const open = await store.incidents.openAlerted();
  if (open.length > 0) {
    const entries = open.map(
      (incident) =>
        `• ${incident.vendor ?? incident.organisation}: ${incident.title} (alerted ${(incident.alertedAt ?? incident.firstSeenAt).slice(0, 10)})`,
    );
    lines += entries.length;
    sections.push(`Open alerts not yet acknowledged (${entries.length}):\n${entries.join('\n')}`);
  }
  const failing = (await store.feeds.all()).filter(
    (feed) => feed.failingSince && now.getTime() - new Date(feed.failingSince).getTime() > DAY_MS,
  );
  if (failing.length > 0) {
    const entries = failing.map((feed) => `• ${feed.name}: failing since ${feed.failingSince} (${feed.lastError ?? 'unknown error'})`);
    lines += entries.length;
    sections.push(`Feeds failing for more than 24 h (${entries.length}):\n${entries.join('\n')}`);
  }
  if (lines === 0) return null;
  return { text: `Vendorwatch daily digest, ${now.toISOString().slice(0, 10)}\n\n${sections.join('\n\n')}`, lines };
}

/** Queues today's digest to the alert channels unless it is empty; returns whether one was queued. */
export async function queueDigest(store: AsyncStore, destinations: readonly Destination[], now: Date): Promise<boolean> {
  const lastAt = await store.digests.lastSentAt();
  const since = lastAt ? new Date(lastAt) : new Date(now.getTime() - DAY_MS);
  const digest = await buildDigest(store, since, now);
  if (!digest || destinations.length === 0) return false;
  await store.transaction(async (tx) => {
    await queueNotice(tx, destinations, { kind: 'digest', text: digest.text }, now);
    await tx.digests.record({ sentAt: now, coveredSince: since, lines: digest.lines });
  });
  return true;
}
