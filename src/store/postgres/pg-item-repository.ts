import type { FeedItem } from '../../core/types.js';
import type { Provenance, SourceFacts, SourceItem, SourceParty } from '../../sources/source-item.js';
import type { AsyncItemRepository } from '../async-store.js';
import { type Eligibility, type ItemRecord, type ItemRevision, type RevisionForUpdate, revisionsByItem } from '../item-repository.js';
import { limitOf, type Queryable, storedText } from './connection.js';

// src/store/item-repository.ts on PostgreSQL. The row readers below are that file's, line for line (they are not
// exported there): a row reads the same on both engines.

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
  alert_eligible: boolean;
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
  alertEligible: row.alert_eligible === true,
  ineligibleReason: row.ineligible_reason,
  provenance: provenanceOfRow(row.provenance),
  party: partyOf(row.party),
  identity: row.identity,
  revision: row.revision,
  facts: jsonObject<SourceFacts>(row.facts) ?? {},
  latestRevision: revisionOf(row.latest_revision, provenanceOfRow(row.provenance)),
  firstJoinedAt: row.first_joined_at,
});

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

/** The same words as the SQLite repository writes: rows copied between engines keep their meaning. */
const GONE_FROM_FEED_AT_BACKFILL = 'no longer in the feed when it was backfilled';

const SELECT_ITEM = `SELECT items.*, coalesce(feeds.title, feeds.name) AS feed_name,
    (SELECT json_build_object('id', r.id, 'item_id', r.item_id, 'previous', r.previous_revision, 'revision', r.revision,
        'previous_title', r.previous_title, 'recorded_at', r.recorded_at)::text
       FROM item_revisions r WHERE r.item_id = items.id ORDER BY r.id DESC LIMIT 1) AS latest_revision,
    (SELECT min(s.added_at) FROM incident_sources s WHERE s.item_id = items.id) AS first_joined_at
  FROM items JOIN feeds ON feeds.id = items.feed_id`;

export class PgItemRepository implements AsyncItemRepository {
  constructor(private readonly q: Queryable) {}

  /**
   * As on SQLite: an item is new unless a stored one has its guid in this feed, its canonical URL, or its
   * fingerprint, counting the ones stored earlier in the same call. The stored ones are looked up in one query and
   * the new ones written in one; a row another replica stored meanwhile is skipped, not an error.
   */
  async insertNew(
    feedId: number,
    items: readonly FeedItem[],
    eligibility: (item: FeedItem) => Eligibility,
    now: Date,
  ): Promise<ItemRecord[]> {
    if (items.length === 0) return [];
    const inserted = await this.q.atomic(async (q) => {
      const existing = await q.rows<{ feed_id: number; guid: string; canonical_url: string | null; fingerprint: string }>(
        `SELECT feed_id, guid, canonical_url, fingerprint FROM items
         WHERE (feed_id = $1 AND guid = ANY($2::text[])) OR canonical_url = ANY($3::text[]) OR fingerprint = ANY($4::text[])`,
        [
          feedId,
          items.map((item) => item.guid),
          items.flatMap((item) => (item.canonicalUrl === null ? [] : [item.canonicalUrl])),
          items.map((item) => item.fingerprint),
        ],
      );
      const guids = new Set(existing.filter((row) => row.feed_id === feedId).map((row) => row.guid));
      const urls = new Set(existing.flatMap((row) => (row.canonical_url === null ? [] : [row.canonical_url])));
      const fingerprints = new Set(existing.map((row) => row.fingerprint));
      const fresh: { item: FeedItem; eligibility: Eligibility }[] = [];
      for (const item of items) {
        const guid = storedText(item.guid);
        const url = item.canonicalUrl === null ? null : storedText(item.canonicalUrl);
        const fingerprint = storedText(item.fingerprint);
        if (guids.has(guid) || (url !== null && urls.has(url)) || fingerprints.has(fingerprint)) continue;
        fresh.push({ item, eligibility: eligibility(item) });
        guids.add(guid);
        if (url !== null) urls.add(url);
        fingerprints.add(fingerprint);
      }
      if (fresh.length === 0) return [];
      const sources = fresh.map(({ item }) => sourceFieldsOf(item));
      return q.rows<{ id: number }>(
        `INSERT INTO items (feed_id, guid, canonical_url, fingerprint, title, text, published_at, first_seen_at, status, alert_eligible,
           ineligible_reason, provenance, party, identity, revision, facts)
         SELECT $1, t.guid, t.canonical_url, t.fingerprint, t.title, t.text, t.published_at, $2, 'pending', t.eligible, t.reason,
           t.provenance, t.party::json, t.identity, t.revision, t.facts::json
         FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::boolean[], $10::text[], $11::text[],
           $12::text[], $13::text[], $14::text[], $15::text[])
           WITH ORDINALITY AS t(guid, canonical_url, fingerprint, title, text, published_at, eligible, reason, provenance, party,
             identity, revision, facts, n)
         ORDER BY t.n
         ON CONFLICT (feed_id, guid) DO NOTHING
         RETURNING id`,
        [
          feedId,
          now.toISOString(),
          fresh.map(({ item }) => item.guid),
          fresh.map(({ item }) => item.canonicalUrl),
          fresh.map(({ item }) => item.fingerprint),
          fresh.map(({ item }) => item.title),
          fresh.map(({ item }) => item.text),
          fresh.map(({ item }) => item.publishedAt?.toISOString() ?? null),
          fresh.map(({ eligibility }) => eligibility.eligible),
          fresh.map(({ eligibility }) => eligibility.reason),
          sources.map((source) => source?.provenance ?? 'news'),
          sources.map((source) => (source?.party ? JSON.stringify(source.party) : null)),
          sources.map((source) => source?.identity ?? null),
          sources.map((source) => source?.revision ?? null),
          sources.map((source) => (source ? JSON.stringify(source.facts) : null)),
        ],
      );
    });
    // Identity values are handed out in the order the rows were written, which is the order of `items`.
    return this.byIds(inserted.map((row) => row.id));
  }

  recordRevisions(feedId: number, items: readonly FeedItem[], now: Date): Promise<ItemRevision[]> {
    return this.q.atomic(async (q) => {
      const revisions: ItemRevision[] = [];
      for (const item of items) {
        const source = sourceFieldsOf(item);
        if (source === null || source.revision === null) continue;
        const [row] = await q.rows<{ id: number; title: string; revision: string | null; facts: string | null; provenance: string }>(
          `SELECT id, title, revision, facts, provenance FROM items WHERE feed_id = $1 AND guid = $2 AND provenance <> 'news' FOR UPDATE`,
          [feedId, item.guid],
        );
        if (row === undefined || row.revision === storedText(source.revision)) continue;
        await q.run(
          `UPDATE items SET title = $1, text = $2, fingerprint = $3, revision = $4, facts = $5::json, party = coalesce($6::json, party)
           WHERE id = $7`,
          [
            item.title,
            item.text,
            item.fingerprint,
            source.revision,
            JSON.stringify(source.facts),
            source.party ? JSON.stringify(source.party) : null,
            row.id,
          ],
        );
        const at = now.toISOString();
        const [recorded] = await q.rows<{ id: number }>(
          `INSERT INTO item_revisions (item_id, previous_revision, revision, previous_title, previous_facts, recorded_at)
           VALUES ($1, $2, $3, $4, $5::json, $6) RETURNING id`,
          [row.id, row.revision, source.revision, row.title, row.facts, at],
        );
        revisions.push({
          id: recorded!.id,
          itemId: row.id,
          provenance: provenanceOfRow(row.provenance),
          previous: row.revision,
          revision: source.revision,
          previousTitle: row.title,
          recordedAt: at,
        });
      }
      return revisions;
    });
  }

  promoteForBackfill(feedId: number, items: readonly FeedItem[]): Promise<number> {
    return this.q.atomic(async (q) => {
      let count = 0;
      for (const item of items) {
        count += await q.run(
          `UPDATE items SET alert_eligible = TRUE, ineligible_reason = NULL, status = 'pending'
           WHERE alert_eligible = FALSE AND ((feed_id = $1 AND guid = $2)
             OR ($3::text IS NOT NULL AND canonical_url = $3) OR fingerprint = $4)`,
          [feedId, item.guid, item.canonicalUrl, item.fingerprint],
        );
      }
      return count;
    });
  }

  async feedsHoldingSilentItems(): Promise<Set<number>> {
    const rows = await this.q.rows<{ feed_id: number }>(
      `SELECT DISTINCT feed_id FROM items WHERE alert_eligible = FALSE AND coalesce(ineligible_reason, '') <> $1`,
      [GONE_FROM_FEED_AT_BACKFILL],
    );
    return new Set(rows.map((row) => row.feed_id));
  }

  markSilentItemsGoneFromFeed(feedId: number): Promise<number> {
    return this.q.run(`UPDATE items SET ineligible_reason = $1 WHERE feed_id = $2 AND alert_eligible = FALSE`, [
      GONE_FROM_FEED_AT_BACKFILL,
      feedId,
    ]);
  }

  async byId(id: number): Promise<ItemRecord | null> {
    const [row] = await this.q.rows<ItemRow>(`${SELECT_ITEM} WHERE items.id = $1`, [id]);
    return row ? toRecord(row) : null;
  }

  async byIds(ids: readonly number[]): Promise<ItemRecord[]> {
    // Only whole numbers can be an id (SQLite would match nothing else either).
    const wanted = ids.filter((id) => Number.isSafeInteger(id));
    if (wanted.length === 0) return [];
    return (await this.q.rows<ItemRow>(`${SELECT_ITEM} WHERE items.id = ANY($1::bigint[]) ORDER BY items.id`, [wanted])).map(toRecord);
  }

  async pending(limit = 10_000): Promise<ItemRecord[]> {
    return (await this.q.rows<ItemRow>(`${SELECT_ITEM} WHERE items.status = 'pending' ORDER BY items.id LIMIT $1`, [limitOf(limit)])).map(
      toRecord,
    );
  }

  async markDone(itemId: number): Promise<void> {
    await this.q.run(`UPDATE items SET status = 'done' WHERE id = $1`, [itemId]);
  }

  async count(): Promise<number> {
    const [row] = await this.q.rows<{ n: number }>('SELECT count(*) AS n FROM items');
    return row!.n;
  }

  async revisionsForUpdate(revisionIds: readonly number[]): Promise<Map<number, RevisionForUpdate>> {
    const ids = revisionIds.filter((id) => Number.isSafeInteger(id) && id > 0);
    if (ids.length === 0) return new Map();
    return revisionsByItem(
      await this.q.rows(
        `SELECT r.id, r.item_id, r.previous_revision, r.revision, r.previous_title, r.recorded_at, items.provenance,
                (SELECT n.previous_title FROM item_revisions n WHERE n.item_id = r.item_id AND n.id > r.id ORDER BY n.id LIMIT 1) AS title_then
           FROM item_revisions r JOIN items ON items.id = r.item_id
          WHERE r.id = ANY($1::bigint[]) ORDER BY r.id`,
        [ids],
      ),
    );
  }
}
