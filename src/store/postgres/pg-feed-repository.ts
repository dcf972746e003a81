import type { FeedSource, FeedTag } from '../../core/types.js';
import type { AsyncFeedRepository } from '../async-store.js';
import type { FeedRecord, FetchAttempt } from '../feed-repository.js';
import type { Queryable } from './connection.js';

interface FeedRow {
  id: number;
  url: string;
  name: string;
  tags: string;
  first_polled_at: string | null;
  etag: string | null;
  last_modified: string | null;
  last_attempt_at: string | null;
  last_success_at: string | null;
  last_error_at: string | null;
  last_error: string | null;
  last_error_code: string | null;
  last_status: number | null;
  consecutive_failures: number;
  failing_since: string | null;
  next_attempt_at: string | null;
  items_seen: number;
  health_notice: string | null;
}

const toRecord = (row: FeedRow): FeedRecord => ({
  id: row.id,
  url: row.url,
  name: row.name,
  tags: JSON.parse(row.tags) as FeedTag[],
  firstPolledAt: row.first_polled_at,
  etag: row.etag,
  lastModified: row.last_modified,
  lastAttemptAt: row.last_attempt_at,
  lastSuccessAt: row.last_success_at,
  lastErrorAt: row.last_error_at,
  lastError: row.last_error,
  lastErrorCode: row.last_error_code,
  lastStatus: row.last_status,
  consecutiveFailures: row.consecutive_failures,
  failingSince: row.failing_since,
  nextAttemptAt: row.next_attempt_at,
  itemsSeen: row.items_seen,
  healthNotice: row.health_notice,
});

/** src/store/feed-repository.ts on PostgreSQL. */
export class PgFeedRepository implements AsyncFeedRepository {
  constructor(private readonly q: Queryable) {}

  sync(feeds: readonly FeedSource[]): Promise<FeedRecord[]> {
    return this.q.atomic(async (q) => {
      const records: FeedRecord[] = [];
      for (const feed of feeds) {
        const [row] = await q.rows<FeedRow>(
          `INSERT INTO feeds (url, name, tags) VALUES ($1, $2, $3)
           ON CONFLICT (url) DO UPDATE SET name = excluded.name, tags = excluded.tags
           RETURNING *`,
          [feed.url, feed.name, JSON.stringify(feed.tags)],
        );
        records.push(toRecord(row!));
      }
      return records;
    });
  }

  async all(): Promise<FeedRecord[]> {
    // Equal names stay in the order the feeds were added, as SQLite leaves them.
    return (await this.q.rows<FeedRow>('SELECT * FROM feeds ORDER BY name, id')).map(toRecord);
  }

  async byUrl(url: string): Promise<FeedRecord | null> {
    const [row] = await this.q.rows<FeedRow>('SELECT * FROM feeds WHERE url = $1', [url]);
    return row ? toRecord(row) : null;
  }

  async recordAttempt(feedId: number, attempt: FetchAttempt): Promise<void> {
    const at = attempt.at.toISOString();
    const next = attempt.nextAttemptAt?.toISOString() ?? null;
    if (attempt.outcome === 'error') {
      await this.q.run(
        `UPDATE feeds SET last_attempt_at = $1, last_error_at = $1, last_error = $2, last_error_code = $3, last_status = $4,
           consecutive_failures = $5, failing_since = coalesce(failing_since, $1), next_attempt_at = $6
         WHERE id = $7`,
        [
          at,
          attempt.error?.message ?? 'unknown error',
          attempt.error?.code ?? 'error',
          attempt.status,
          attempt.consecutiveFailures,
          next,
          feedId,
        ],
      );
      return;
    }
    // A 304 carries no validators worth replacing: keep what we had.
    await this.q.run(
      `UPDATE feeds SET last_attempt_at = $1, last_success_at = $1, last_status = $2, consecutive_failures = 0,
         failing_since = NULL, next_attempt_at = $3,
         etag = CASE WHEN $4::boolean THEN $5 ELSE etag END, last_modified = CASE WHEN $4::boolean THEN $6 ELSE last_modified END
       WHERE id = $7`,
      [at, attempt.status, next, attempt.outcome === 'ok', attempt.etag ?? null, attempt.lastModified ?? null, feedId],
    );
  }

  async setHealthNotice(feedId: number, notice: string | null): Promise<void> {
    await this.q.run('UPDATE feeds SET health_notice = $1 WHERE id = $2', [notice, feedId]);
  }

  async setTitle(feedId: number, title: string): Promise<void> {
    await this.q.run('UPDATE feeds SET title = $1 WHERE id = $2', [title.slice(0, 200), feedId]);
  }

  async markFirstPolled(feedId: number, at: Date, itemsSeen: number): Promise<void> {
    await this.q.run('UPDATE feeds SET first_polled_at = coalesce(first_polled_at, $1), items_seen = items_seen + $2 WHERE id = $3', [
      at.toISOString(),
      itemsSeen,
      feedId,
    ]);
  }
}
