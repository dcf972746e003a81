import type { FeedItem } from '../core/types.js';
import type { Db } from './open-database.js';

export interface ItemRecord {
  id: number;
  feedId: number;
  feedName: string;
  guid: string;
  canonicalUrl: string | null;
  fingerprint: string;
  title: string;
  text: string;
  publishedAt: string | null;
  firstSeenAt: string;
  alertEligible: boolean;
  ineligibleReason: string | null;
}

export interface Eligibility {
  eligible: boolean;
  /** Why an item may not alert: "first poll of this feed", "older than 14 days". */
  reason: string | null;
}

interface ItemRow {
  id: number;
  feed_id: number;
  feed_name: string;
  guid: string;
  canonical_url: string | null;
  fingerprint: string;
  title: string;
  text: string;
  published_at: string | null;
  first_seen_at: string;
  alert_eligible: number;
  ineligible_reason: string | null;
}

const toRecord = (row: ItemRow): ItemRecord => ({
  id: row.id,
  feedId: row.feed_id,
  feedName: row.feed_name,
  guid: row.guid,
  canonicalUrl: row.canonical_url,
  fingerprint: row.fingerprint,
  title: row.title,
  text: row.text,
  publishedAt: row.published_at,
  firstSeenAt: row.first_seen_at,
  alertEligible: row.alert_eligible === 1,
  ineligibleReason: row.ineligible_reason,
});

/** The reason of an item stored silently that a later backfill no longer found in its feed. */
const GONE_FROM_FEED_AT_BACKFILL = 'no longer in the feed when it was backfilled';

const SELECT_ITEM = 'SELECT items.*, coalesce(feeds.title, feeds.name) AS feed_name FROM items JOIN feeds ON feeds.id = items.feed_id';

export class ItemRepository {
  constructor(private readonly db: Db) {}

  /**
   * Stores the items not seen before and returns them. An item is the same as a stored one when it has the
   * same guid in the same feed, the same canonical URL, or the same content fingerprint (re-published under a
   * new guid, re-dated, or syndicated in another feed).
   */
  insertNew(feedId: number, items: readonly FeedItem[], eligibility: (item: FeedItem) => Eligibility, now: Date): ItemRecord[] {
    const seen = this.db.prepare(
      `SELECT 1 FROM items WHERE (feed_id = @feedId AND guid = @guid)
         OR (@canonicalUrl IS NOT NULL AND canonical_url = @canonicalUrl) OR fingerprint = @fingerprint LIMIT 1`,
    );
    const insert = this.db.prepare(
      `INSERT INTO items (feed_id, guid, canonical_url, fingerprint, title, text, published_at, first_seen_at, status, alert_eligible, ineligible_reason)
       VALUES (@feedId, @guid, @canonicalUrl, @fingerprint, @title, @text, @publishedAt, @firstSeenAt, 'pending', @eligible, @reason)`,
    );
    const inserted: number[] = [];
    this.db.transaction(() => {
      for (const item of items) {
        const key = { feedId, guid: item.guid, canonicalUrl: item.canonicalUrl, fingerprint: item.fingerprint };
        if (seen.get(key)) continue;
        const { eligible, reason } = eligibility(item);
        const result = insert.run({
          ...key,
          title: item.title,
          text: item.text,
          publishedAt: item.publishedAt?.toISOString() ?? null,
          firstSeenAt: now.toISOString(),
          eligible: eligible ? 1 : 0,
          reason,
        });
        inserted.push(Number(result.lastInsertRowid));
      }
    })();
    return inserted.map((id) => this.byId(id)!);
  }

  /**
   * For `--backfill`: items of this feed stored earlier without the right to alert (first poll, too old) become
   * eligible and go through detection again. Returns how many.
   */
  promoteForBackfill(feedId: number, items: readonly FeedItem[]): number {
    const promote = this.db.prepare(
      `UPDATE items SET alert_eligible = 1, ineligible_reason = NULL, status = 'pending'
       WHERE alert_eligible = 0 AND ((feed_id = @feedId AND guid = @guid)
         OR (@canonicalUrl IS NOT NULL AND canonical_url = @canonicalUrl) OR fingerprint = @fingerprint)`,
    );
    return this.db.transaction(() =>
      items.reduce(
        (count, item) =>
          count + promote.run({ feedId, guid: item.guid, canonicalUrl: item.canonicalUrl, fingerprint: item.fingerprint }).changes,
        0,
      ),
    )();
  }

  /**
   * Feeds holding items stored without the right to alert (first poll, too old) that may still be in the feed.
   * `--backfill` fetches these without a conditional GET: a 304 would say "unchanged" without saying which of those
   * items the feed still holds, and backfill alerts on the items now in the feed.
   */
  feedsHoldingSilentItems(): Set<number> {
    const rows = this.db
      .prepare(`SELECT DISTINCT feed_id FROM items WHERE alert_eligible = 0 AND coalesce(ineligible_reason, '') <> ?`)
      .all(GONE_FROM_FEED_AT_BACKFILL) as { feed_id: number }[];
    return new Set(rows.map((row) => row.feed_id));
  }

  /**
   * After a backfill fetched this feed in full and promoted what it holds: its items still without the right to
   * alert are no longer in the feed. Marked so, the next backfill asks the feed with a conditional GET again.
   */
  markSilentItemsGoneFromFeed(feedId: number): number {
    return this.db
      .prepare(`UPDATE items SET ineligible_reason = ? WHERE feed_id = ? AND alert_eligible = 0`)
      .run(GONE_FROM_FEED_AT_BACKFILL, feedId).changes;
  }

  byId(id: number): ItemRecord | null {
    const row = this.db.prepare(`${SELECT_ITEM} WHERE items.id = ?`).get(id) as ItemRow | undefined;
    return row ? toRecord(row) : null;
  }

  byIds(ids: readonly number[]): ItemRecord[] {
    if (ids.length === 0) return [];
    const rows = this.db
      .prepare(`${SELECT_ITEM} WHERE items.id IN (SELECT value FROM json_each(?)) ORDER BY items.id`)
      .all(JSON.stringify(ids)) as ItemRow[];
    return rows.map(toRecord);
  }

  /** Items stored but not yet through detection (a crash between fetch and detection leaves some). */
  pending(limit = 10_000): ItemRecord[] {
    return (this.db.prepare(`${SELECT_ITEM} WHERE items.status = 'pending' ORDER BY items.id LIMIT ?`).all(limit) as ItemRow[]).map(
      toRecord,
    );
  }

  markDone(itemId: number): void {
    this.db.prepare(`UPDATE items SET status = 'done' WHERE id = ?`).run(itemId);
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n;
  }
}
