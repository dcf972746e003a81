import type { FeedItem } from '../core/types.js';
import type { Provenance, SourceFacts, SourceItem, SourceParty } from '../sources/source-item.js';
import type { Db } from './open-database.js';

/** A source re-published a known record with another revision value (HHS OCR: a revised count). */
export interface ItemRevision {
  id: number;
  itemId: number;
  provenance: Provenance;
  /** The revision value before; null when the record had none. */
  previous: string | null;
  revision: string;
  previousTitle: string;
  /** ISO 8601. */
  recordedAt: string;
}

/** A revision a thread update was queued for, with the item's title as that revision gave it. */
export interface RevisionForUpdate {
  revision: ItemRevision;
  /** The title the record had right after this revision; null when no later revision changed it (the item's own). */
  titleThen: string | null;
}

interface RevisionForUpdateRow {
  id: number;
  item_id: number;
  previous_revision: string | null;
  revision: string;
  previous_title: string;
  recorded_at: string;
  provenance: string | null;
  title_then: string | null;
}

/** The rows of revisionsForUpdate, by the item each revised (both engines read them alike). */
export function revisionsByItem(rows: readonly RevisionForUpdateRow[]): Map<number, RevisionForUpdate> {
  const byItem = new Map<number, RevisionForUpdate>();
  for (const row of rows) {
    byItem.set(row.item_id, {
      revision: {
        id: row.id,
        itemId: row.item_id,
        provenance: provenanceOfRow(row.provenance),
        previous: row.previous_revision,
        revision: row.revision,
        previousTitle: row.previous_title,
        recordedAt: row.recorded_at,
      },
      titleThen: row.title_then,
    });
  }
  return byItem;
}

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
  /** What kind of source the item came from; `news` for feed items and every row stored before the sources. */
  provenance: Provenance;
  /** The candidate breached party as a disclosure source names it; null for news. */
  party: SourceParty | null;
  /** The record's key within its source; null for news. */
  identity: string | null;
  revision: string | null;
  /** What the source states outright; empty for news. */
  facts: SourceFacts;
  /** The latest revision of the record, when the source ever revised it. */
  latestRevision: ItemRevision | null;
  /** When the item first became a source of an incident (ISO 8601); null while it is none's. */
  firstJoinedAt: string | null;
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
  provenance: string | null;
  party: string | null;
  identity: string | null;
  revision: string | null;
  facts: string | null;
  latest_revision: string | null;
  first_joined_at: string | null;
}

const PROVENANCE_VALUES: readonly string[] = ['news', 'sec-filing', 'hhs-ocr', 'state-ag', 'leak-site'];

function provenanceOfRow(value: string | null): Provenance {
  return value !== null && PROVENANCE_VALUES.includes(value) ? (value as Provenance) : 'news';
}

/** A JSON column written by this repository; anything unreadable reads as absent, never as a crash. */
function jsonObject<T extends object>(text: string | null): T | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as T) : null;
  } catch {
    return null;
  }
}

function partyOf(text: string | null): SourceParty | null {
  const party = jsonObject<Record<string, unknown>>(text);
  if (party === null || typeof party.name !== 'string') return null;
  return {
    name: party.name,
    ...(typeof party.cik === 'string' ? { cik: party.cik } : {}),
    ...(typeof party.domain === 'string' ? { domain: party.domain } : {}),
  };
}

function revisionOf(text: string | null, provenance: Provenance): ItemRevision | null {
  const row = jsonObject<Record<string, unknown>>(text);
  if (row === null || typeof row.id !== 'number' || typeof row.revision !== 'string') return null;
  return {
    id: row.id,
    itemId: Number(row.item_id),
    provenance,
    previous: typeof row.previous === 'string' ? row.previous : null,
    revision: row.revision,
    previousTitle: typeof row.previous_title === 'string' ? row.previous_title : '',
    recordedAt: String(row.recorded_at),
  };
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
  provenance: provenanceOfRow(row.provenance),
  party: partyOf(row.party),
  identity: row.identity,
  revision: row.revision,
  facts: jsonObject<SourceFacts>(row.facts) ?? {},
  latestRevision: revisionOf(row.latest_revision, provenanceOfRow(row.provenance)),
  firstJoinedAt: row.first_joined_at,
});

/** The SourceItem fields of an item, or null for a plain feed item. */
function sourceFieldsOf(item: FeedItem): Pick<SourceItem, 'provenance' | 'party' | 'identity' | 'revision' | 'facts'> | null {
  const candidate = item as Partial<SourceItem>;
  if (candidate.provenance === undefined || !PROVENANCE_VALUES.includes(candidate.provenance)) return null;
  return {
    provenance: candidate.provenance,
    party: candidate.party ?? null,
    identity: candidate.identity ?? '',
    revision: candidate.revision ?? null,
    facts: candidate.facts ?? {},
  };
}

/** The reason of an item stored silently that a later backfill no longer found in its feed. */
const GONE_FROM_FEED_AT_BACKFILL = 'no longer in the feed when it was backfilled';

const SELECT_ITEM = `SELECT items.*, coalesce(feeds.title, feeds.name) AS feed_name,
    (SELECT json_object('id', r.id, 'item_id', r.item_id, 'previous', r.previous_revision, 'revision', r.revision,
        'previous_title', r.previous_title, 'recorded_at', r.recorded_at)
       FROM item_revisions r WHERE r.item_id = items.id ORDER BY r.id DESC LIMIT 1) AS latest_revision,
    (SELECT min(s.added_at) FROM incident_sources s WHERE s.item_id = items.id) AS first_joined_at
  FROM items JOIN feeds ON feeds.id = items.feed_id`;

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
      `INSERT INTO items (feed_id, guid, canonical_url, fingerprint, title, text, published_at, first_seen_at, status, alert_eligible,
         ineligible_reason, provenance, party, identity, revision, facts)
       VALUES (@feedId, @guid, @canonicalUrl, @fingerprint, @title, @text, @publishedAt, @firstSeenAt, 'pending', @eligible, @reason,
         @provenance, @party, @identity, @revision, @facts)`,
    );
    const inserted: number[] = [];
    this.db.transaction(() => {
      for (const item of items) {
        const key = { feedId, guid: item.guid, canonicalUrl: item.canonicalUrl, fingerprint: item.fingerprint };
        if (seen.get(key)) continue;
        const { eligible, reason } = eligibility(item);
        const source = sourceFieldsOf(item);
        const result = insert.run({
          ...key,
          title: item.title,
          text: item.text,
          publishedAt: item.publishedAt?.toISOString() ?? null,
          firstSeenAt: now.toISOString(),
          eligible: eligible ? 1 : 0,
          reason,
          provenance: source?.provenance ?? 'news',
          party: source?.party ? JSON.stringify(source.party) : null,
          identity: source?.identity ?? null,
          revision: source?.revision ?? null,
          facts: source ? JSON.stringify(source.facts) : null,
        });
        inserted.push(Number(result.lastInsertRowid));
      }
    })();
    return inserted.map((id) => this.byId(id)!);
  }

  /**
   * Known records of this feed that the source now gives with another revision value (HHS OCR re-published a row
   * with a revised count): each stored item takes the new title, text, fingerprint, revision and facts, and the
   * change is kept in item_revisions. A record re-published unchanged, or without a revision value, changes
   * nothing. Returns the revisions recorded. Run it before insertNew, in the same transaction.
   */
  recordRevisions(feedId: number, items: readonly FeedItem[], now: Date): ItemRevision[] {
    const known = this.db.prepare(
      `SELECT id, title, revision, facts, provenance FROM items WHERE feed_id = ? AND guid = ? AND provenance <> 'news'`,
    );
    const update = this.db.prepare(
      `UPDATE items SET title = @title, text = @text, fingerprint = @fingerprint, revision = @revision, facts = @facts,
         party = coalesce(@party, party) WHERE id = @id`,
    );
    const record = this.db.prepare(
      `INSERT INTO item_revisions (item_id, previous_revision, revision, previous_title, previous_facts, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
    );
    const revisions: ItemRevision[] = [];
    this.db.transaction(() => {
      for (const item of items) {
        const source = sourceFieldsOf(item);
        if (source === null || source.revision === null) continue;
        const row = known.get(feedId, item.guid) as
          | { id: number; title: string; revision: string | null; facts: string | null; provenance: string }
          | undefined;
        if (row === undefined || row.revision === source.revision) continue;
        update.run({
          id: row.id,
          title: item.title,
          text: item.text,
          fingerprint: item.fingerprint,
          revision: source.revision,
          facts: JSON.stringify(source.facts),
          party: source.party ? JSON.stringify(source.party) : null,
        });
        const at = now.toISOString();
        const { id } = record.get(row.id, row.revision, source.revision, row.title, row.facts, at) as { id: number };
        revisions.push({
          id,
          itemId: row.id,
          provenance: provenanceOfRow(row.provenance),
          previous: row.revision,
          revision: source.revision,
          previousTitle: row.title,
          recordedAt: at,
        });
      }
    })();
    return revisions;
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

  /**
   * The revisions with these ids (a queued thread update's `revisionIds`), by the item each revised, each with the
   * title it gave the record: a later revision kept the title it replaced. Ids that name no revision are skipped.
   */
  revisionsForUpdate(revisionIds: readonly number[]): Map<number, RevisionForUpdate> {
    const ids = revisionIds.filter((id) => Number.isSafeInteger(id) && id > 0);
    if (ids.length === 0) return new Map();
    const rows = this.db
      .prepare(
        `SELECT r.id, r.item_id, r.previous_revision, r.revision, r.previous_title, r.recorded_at, items.provenance,
                (SELECT n.previous_title FROM item_revisions n WHERE n.item_id = r.item_id AND n.id > r.id ORDER BY n.id LIMIT 1) AS title_then
           FROM item_revisions r JOIN items ON items.id = r.item_id
          WHERE r.id IN (SELECT value FROM json_each(?)) ORDER BY r.id`,
      )
      .all(JSON.stringify(ids)) as RevisionForUpdateRow[];
    return revisionsByItem(rows);
  }
}
