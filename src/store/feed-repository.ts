import type { FeedSource, FeedTag } from '../core/types.js';
import type { Db } from './open-database.js';

export interface FeedRecord {
  id: number;
  url: string;
  name: string;
  tags: FeedTag[];
  firstPolledAt: string | null;
  etag: string | null;
  lastModified: string | null;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  lastErrorAt: string | null;
  lastError: string | null;
  lastErrorCode: string | null;
  lastStatus: number | null;
  consecutiveFailures: number;
  failingSince: string | null;
  nextAttemptAt: string | null;
  itemsSeen: number;
  /** 'failing' once operators were told this feed has been failing too long. */
  healthNotice: string | null;
}

export interface FetchAttempt {
  at: Date;
  outcome: 'ok' | 'not_modified' | 'error';
  status: number | null;
  etag?: string | null;
  lastModified?: string | null;
  error?: { code: string; message: string } | null;
  consecutiveFailures: number;
  nextAttemptAt: Date | null;
}

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

export class FeedRepository {
  constructor(private readonly db: Db) {}

  /** Makes sure every configured feed has a row (name and tags follow the configuration). */
  sync(feeds: readonly FeedSource[]): FeedRecord[] {
    const upsert = this.db.prepare(
      `INSERT INTO feeds (url, name, tags) VALUES (@url, @name, @tags)
       ON CONFLICT (url) DO UPDATE SET name = excluded.name, tags = excluded.tags
       RETURNING *`,
    );
    return this.db.transaction(() =>
      feeds.map((feed) => toRecord(upsert.get({ url: feed.url, name: feed.name, tags: JSON.stringify(feed.tags) }) as FeedRow)),
    )();
  }

  all(): FeedRecord[] {
    return (this.db.prepare('SELECT * FROM feeds ORDER BY name').all() as FeedRow[]).map(toRecord);
  }

  byUrl(url: string): FeedRecord | null {
    const row = this.db.prepare('SELECT * FROM feeds WHERE url = ?').get(url) as FeedRow | undefined;
    return row ? toRecord(row) : null;
  }

  recordAttempt(feedId: number, attempt: FetchAttempt): void {
    const at = attempt.at.toISOString();
    const next = attempt.nextAttemptAt?.toISOString() ?? null;
    if (attempt.outcome === 'error') {
      this.db
        .prepare(
          `UPDATE feeds SET last_attempt_at = ?, last_error_at = ?, last_error = ?, last_error_code = ?, last_status = ?,
             consecutive_failures = ?, failing_since = coalesce(failing_since, ?), next_attempt_at = ?
           WHERE id = ?`,
        )
        .run(
          at,
          at,
          attempt.error?.message ?? 'unknown error',
          attempt.error?.code ?? 'error',
          attempt.status,
          attempt.consecutiveFailures,
          at,
          next,
          feedId,
        );
      return;
    }
    // A 304 carries no validators worth replacing: keep what we had.
    this.db
      .prepare(
        `UPDATE feeds SET last_attempt_at = ?, last_success_at = ?, last_status = ?, consecutive_failures = 0,
           failing_since = NULL, next_attempt_at = ?,
           etag = CASE WHEN ? THEN ? ELSE etag END, last_modified = CASE WHEN ? THEN ? ELSE last_modified END
         WHERE id = ?`,
      )
      .run(
        at,
        at,
        attempt.status,
        next,
        attempt.outcome === 'ok' ? 1 : 0,
        attempt.etag ?? null,
        attempt.outcome === 'ok' ? 1 : 0,
        attempt.lastModified ?? null,
        feedId,
      );
  }

  setHealthNotice(feedId: number, notice: string | null): void {
    this.db.prepare('UPDATE feeds SET health_notice = ? WHERE id = ?').run(notice, feedId);
  }

  /** Remembers the feed's own title, shown as the outlet when the configured name is only the host. */
  setTitle(feedId: number, title: string): void {
    this.db.prepare('UPDATE feeds SET title = ? WHERE id = ?').run(title.slice(0, 200), feedId);
  }

  /** Marks the first successful poll done; later polls alert on new items. */
  markFirstPolled(feedId: number, at: Date, itemsSeen: number): void {
    this.db
      .prepare('UPDATE feeds SET first_polled_at = coalesce(first_polled_at, ?), items_seen = items_seen + ? WHERE id = ?')
      .run(at.toISOString(), itemsSeen, feedId);
  }
}
