import { CorrectionRepository } from './correction-repository.js';
import { DeliveryRepository } from './delivery-repository.js';
import { FeedRepository } from './feed-repository.js';
import { IncidentRepository } from './incident-repository.js';
import { InteractionRepository } from './interaction-repository.js';
import { ItemRepository } from './item-repository.js';
import { type Db, openDatabase } from './open-database.js';

export interface CycleRecord {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  feedsOk: number;
  feedsFailed: number;
  feedsNotModified: number;
  itemsNew: number;
  incidentsNew: number;
  alertsNew: number;
  error: string | null;
  /** Article pages the cycle read for teaser items, by outcome (`fetched`, `cacheHits`, `refused`, `walls`, …); null when none. */
  articlePages?: Record<string, number> | null;
}

/** The SQLite store: one file, one connection, repositories per concern, one transaction helper. */
export class Store {
  readonly feeds: FeedRepository;
  readonly items: ItemRepository;
  readonly incidents: IncidentRepository;
  readonly deliveries: DeliveryRepository;
  readonly interactions: InteractionRepository;
  readonly corrections: CorrectionRepository;

  private constructor(
    readonly db: Db,
    readonly path: string,
  ) {
    this.feeds = new FeedRepository(db);
    this.items = new ItemRepository(db);
    this.incidents = new IncidentRepository(db);
    this.deliveries = new DeliveryRepository(db);
    this.interactions = new InteractionRepository(db);
    this.corrections = new CorrectionRepository(db);
  }

  static open(path: string): Store {
    return new Store(openDatabase(path), path);
  }

  /** Runs `work` in one transaction: everything it writes lands together or not at all. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  startCycle(at: Date): number {
    return Number(this.db.prepare('INSERT INTO cycles (started_at) VALUES (?)').run(at.toISOString()).lastInsertRowid);
  }

  finishCycle(id: number, at: Date, stats: Omit<CycleRecord, 'id' | 'startedAt' | 'finishedAt'>): void {
    this.db
      .prepare(
        `UPDATE cycles SET finished_at = ?, feeds_ok = ?, feeds_failed = ?, feeds_not_modified = ?, items_new = ?, incidents_new = ?,
           alerts_new = ?, error = ?, article_pages = ? WHERE id = ?`,
      )
      .run(
        at.toISOString(),
        stats.feedsOk,
        stats.feedsFailed,
        stats.feedsNotModified,
        stats.itemsNew,
        stats.incidentsNew,
        stats.alertsNew,
        stats.error,
        stats.articlePages ? JSON.stringify(stats.articlePages) : null,
        id,
      );
  }

  lastCycle(): CycleRecord | null {
    const row = this.db.prepare('SELECT * FROM cycles ORDER BY id DESC LIMIT 1').get() as
      | {
          id: number;
          started_at: string;
          finished_at: string | null;
          feeds_ok: number;
          feeds_failed: number;
          feeds_not_modified: number;
          items_new: number;
          incidents_new: number;
          alerts_new: number;
          error: string | null;
          article_pages: string | null;
        }
      | undefined;
    if (!row) return null;
    return {
      id: row.id,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      feedsOk: row.feeds_ok,
      feedsFailed: row.feeds_failed,
      feedsNotModified: row.feeds_not_modified,
      itemsNew: row.items_new,
      incidentsNew: row.incidents_new,
      alertsNew: row.alerts_new,
      error: row.error,
      articlePages: articlePagesOf(row.article_pages),
    };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** The stored counts, numbers only: a row written by a newer version with other keys still reads. */
function articlePagesOf(json: string | null): Record<string, number> | null {
  if (json === null) return null;
  try {
    const parsed: unknown = JSON.parse(json);
    if (typeof parsed !== 'object' || parsed === null) return null;
    return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, number] => typeof entry[1] === 'number'));
  } catch {
    return null;
  }
}
