import type { Destination } from '../core/chat.js';
import { safeHttpUrl } from '../incidents/alert-view.js';
import type { IncidentRecord } from '../store/incident-repository.js';
import type { Store } from '../store/store.js';
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
export function newOffWatchlistHealthcare(store: Store, since: Date, limit = MAX_SECTOR_LINES): IncidentRecord[] {
  const windowDay = `${since.toISOString().slice(0, 10)}T00:00:00.000Z`;
  const rows = store.db
    .prepare(
      `SELECT incidents.id AS id FROM incidents
         JOIN items AS first ON first.id = (SELECT s.item_id FROM incident_sources s WHERE s.incident_id = incidents.id
                                             ORDER BY s.added_at, s.item_id LIMIT 1)
        WHERE incidents.vendor IS NULL AND incidents.healthcare = 1 AND incidents.first_seen_at >= @since
          AND (first.alert_eligible = 1 OR (first.published_at IS NOT NULL AND first.published_at >= @windowDay))
        ORDER BY incidents.first_seen_at, incidents.id LIMIT @limit`,
    )
    .all({ since: since.toISOString(), windowDay, limit }) as { id: number }[];
  return rows.map((row) => store.incidents.byId(row.id)).filter((incident): incident is IncidentRecord => incident !== null);
}

/**
 * The daily digest: healthcare breaches off the watchlist since the last digest (one line each, with a link),
 * open unacknowledged alerts, and feeds failing for more than a day. Null when there is nothing to say.
 */
function buildDigest(store: Store, since: Date, now: Date): Digest | null {
  const sections: string[] = [];
  let lines = 0;
  const sector = newOffWatchlistHealthcare(store, since);
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
