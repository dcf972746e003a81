import type { Destination } from '../core/chat.js';
import { safeHttpUrl } from '../incidents/alert-view.js';
import type { Store } from '../store/store.js';
import { queueNotice } from './operator-notices.js';

const DAY_MS = 86_400_000;

export interface Digest {
  text: string;
  lines: number;
}

/**
 * The daily digest: healthcare breaches off the watchlist since the last digest (one line each, with a link),
 * open unacknowledged alerts, and feeds failing for more than a day. Null when there is nothing to say.
 */
function buildDigest(store: Store, since: Date, now: Date): Digest | null {
  const sections: string[] = [];
  let lines = 0;
  const sector = store.incidents.offWatchlistHealthcareSince(since);
  if (sector.length > 0) {
    const entries = sector.map((incident) => {
      const firstItem = store.items.byIds(store.incidents.sourceItemIds(incident.id).slice(0, 1))[0];
      const url = safeHttpUrl(firstItem?.canonicalUrl ?? null);
      return `• ${incident.organisation ?? 'Unknown organisation'}: ${incident.title}${url ? ` ${url}` : ''}`;
    });
    lines += entries.length;
    sections.push(`Healthcare-sector breaches not on your watchlist (${entries.length}):\n${entries.join('\n')}`);
  }
  const open = store.incidents.openAlerted();
  if (open.length > 0) {
    const entries = open.map(
      (incident) =>
        `• ${incident.vendor ?? incident.organisation}: ${incident.title} (alerted ${(incident.alertedAt ?? incident.firstSeenAt).slice(0, 10)})`,
    );
    lines += entries.length;
    sections.push(`Open alerts not yet acknowledged (${entries.length}):\n${entries.join('\n')}`);
  }
  const failing = store.feeds.all().filter((feed) => feed.failingSince && now.getTime() - new Date(feed.failingSince).getTime() > DAY_MS);
  if (failing.length > 0) {
    const entries = failing.map((feed) => `• ${feed.name}: failing since ${feed.failingSince} (${feed.lastError ?? 'unknown error'})`);
    lines += entries.length;
    sections.push(`Feeds failing for more than 24 h (${entries.length}):\n${entries.join('\n')}`);
  }
  if (lines === 0) return null;
  return { text: `Vendorwatch daily digest, ${now.toISOString().slice(0, 10)}\n\n${sections.join('\n\n')}`, lines };
}

/** Queues today's digest to the alert channels unless it is empty; returns whether one was queued. */
export function queueDigest(store: Store, destinations: readonly Destination[], now: Date): boolean {
  const last = store.db.prepare('SELECT max(sent_at) AS at FROM digests').get() as { at: string | null };
  const since = last.at ? new Date(last.at) : new Date(now.getTime() - DAY_MS);
  const digest = buildDigest(store, since, now);
  if (!digest || destinations.length === 0) return false;
  store.transaction(() => {
    queueNotice(store, destinations, { kind: 'digest', text: digest.text }, now);
    store.db
      .prepare('INSERT INTO digests (sent_at, covered_since, lines) VALUES (?, ?, ?)')
      .run(now.toISOString(), since.toISOString(), digest.lines);
  });
  return true;
}
