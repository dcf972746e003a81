import pg from 'pg';
import type { Logger } from '../../log.js';
import {
  type AsyncCycleLock,
  type AsyncDigestRepository,
  type AsyncStore,
  refuseInsideTransaction,
  StoreMisuseError,
  type TransactionContext,
  transactionContext,
} from '../async-store.js';
import { StoreError } from '../open-database.js';
import type { CycleRecord } from '../store.js';
import { ClientQueryable, inTransaction, PG_TYPES, PoolQueryable, type Queryable } from './connection.js';
import { maskDatabaseUrl } from './database-url.js';
import { PgCorrectionRepository } from './pg-correction-repository.js';
import { PgCycleLock } from './pg-cycle-lock.js';
import { PgDeliveryRepository } from './pg-delivery-repository.js';
import { PgFeedRepository } from './pg-feed-repository.js';
import { PgIncidentRepository } from './pg-incident-repository.js';
import { PgInteractionRepository } from './pg-interaction-repository.js';
import { PgItemRepository } from './pg-item-repository.js';
import { PG_MIGRATIONS, type PgMigration } from './pg-migrations.js';
import { PgReplicaCoordination } from './pg-replicas.js';

export const DEFAULT_POOL_SIZE = 10;
const MAX_POOL_SIZE = 200;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface PgStoreOptions {
  /** postgres://user:password@host:port/database?… (libpq's URL form, as pg reads it). */
  connectionString: string;
  /** Connections in the pool; 10 by default. */
  poolSize?: number;
  /** A schema of its own for this installation (it must exist); the connection's default search_path otherwise. */
  schema?: string;
  /** How the connections name themselves to the server (pg_stat_activity); "vendorwatch" by default. */
  applicationName?: string;
  /** Give up connecting after this long; 10 s by default. */
  connectTimeoutMs?: number;
  /** Wait this long at most for another process's migrations (the migration lock); 5 min by default. */
  migrationLockTimeoutMs?: number;
  /** Where a connection error of an idle pooled connection is told; without it, it is dropped silently. */
  logger?: Logger;
  /** The migrations to run (tests); PostgreSQL's own by default. */
  migrations?: readonly PgMigration[];
}

interface Shared {
  readonly pool: pg.Pool;
  readonly location: string;
  closed: boolean;
}

/** Key of the advisory lock migrations run under: one per schema. */
const MIGRATION_LOCK = `hashtextextended('vendorwatch:migrations:' || current_schema(), 0)`;

/**
 * The store on PostgreSQL, on a pg.Pool: each call outside a transaction runs on any free connection of the pool, a
 * transaction on one connection of its own from BEGIN to COMMIT. Transactions are READ COMMITTED; the statements that
 * several replicas may run at once are written to be safe under it (upserts with ON CONFLICT, a vendor role upgraded
 * in one statement, claims with advisory locks and SKIP LOCKED, leases in one statement).
 */
export class PgStore implements AsyncStore {
  readonly engine = 'postgres' as const;
  readonly location: string;
  readonly feeds: PgFeedRepository;
  readonly items: PgItemRepository;
  readonly incidents: PgIncidentRepository;
  readonly deliveries: PgDeliveryRepository;
  readonly interactions: PgInteractionRepository;
  readonly corrections: PgCorrectionRepository;
  readonly digests: AsyncDigestRepository;
  readonly replicas: PgReplicaCoordination;

  private constructor(
    private readonly shared: Shared,
    private readonly q: Queryable,
    private readonly context: TransactionContext | null,
    /** The versions this open applied (empty when another process had, or nothing was pending). */
    readonly migrationsApplied: readonly number[] = [],
  ) {
    this.location = shared.location;
    this.feeds = new PgFeedRepository(q);
    this.items = new PgItemRepository(q);
    this.incidents = new PgIncidentRepository(q);
    this.deliveries = new PgDeliveryRepository(q);
    this.interactions = new PgInteractionRepository(q);
    this.corrections = new PgCorrectionRepository(q);
    this.replicas = new PgReplicaCoordination(q);
    this.digests = {
      lastSentAt: async () => (await q.rows<{ at: string | null }>('SELECT max(sent_at) AS at FROM digests'))[0]!.at,
      record: async (entry) => {
        await q.run('INSERT INTO digests (sent_at, covered_since, lines) VALUES ($1, $2, $3)', [
          entry.sentAt.toISOString(),
          entry.coveredSince.toISOString(),
          entry.lines,
        ]);
      },
    };
  }

  /** Connects, and brings the schema up to date under a lock so that replicas starting together migrate once. */
  static async open(options: PgStoreOptions): Promise<PgStore> {
    const location = maskDatabaseUrl(options.connectionString);
    const poolSize = options.poolSize ?? DEFAULT_POOL_SIZE;
    if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > MAX_POOL_SIZE) {
      throw new StoreError(`the PostgreSQL pool size must be a whole number from 1 to ${MAX_POOL_SIZE}, not ${poolSize}`, location);
    }
    if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
      throw new StoreError(`the schema name ${JSON.stringify(options.schema)} is not a plain lowercase identifier`, location);
    }
    const pool = new pg.Pool({
      connectionString: options.connectionString,
      max: poolSize,
      types: PG_TYPES,
      application_name: options.applicationName ?? 'vendorwatch',
      connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
      ...(options.schema !== undefined ? { options: `-c search_path=${options.schema}` } : {}),
    });
    // An idle connection that breaks emits 'error' on the pool; unheard, it would end the process.
    pool.on('error', (error) => options.logger?.warn({ err: error.message, database: location }, 'a PostgreSQL connection failed'));
    const shared: Shared = { pool, location, closed: false };
    let applied: number[];
    try {
      applied = await migrate(pool, options.migrations ?? PG_MIGRATIONS, options.migrationLockTimeoutMs ?? 5 * 60_000, location);
    } catch (error) {
      await pool.end().catch(() => undefined);
      if (error instanceof StoreError) throw error;
      throw new StoreError(`cannot open the PostgreSQL database ${location}: ${(error as Error).message}`, location, { cause: error });
    }
    return PgStore.root(shared, applied);
  }

  private static root(shared: Shared, applied: readonly number[]): PgStore {
    return new PgStore(shared, new PoolQueryable(shared.pool, shared), null, applied);
  }

  /** The pool underneath, for tests and tools; repository code goes through the store. */
  get pool(): pg.Pool {
    return this.shared.pool;
  }

  async transaction<T>(work: (tx: AsyncStore) => Promise<T>): Promise<T> {
    if (this.context !== null) {
      if (!this.context.open) throw new StoreMisuseError('a transaction on a transaction that has already ended');
      const context = this.context;
      return this.q.atomic((q) => work(new PgStore(this.shared, q, context)));
    }
    // The shared state is the owner: a call on the pool from inside this transaction is refused.
    refuseInsideTransaction(this.shared, 'a transaction');
    if (this.shared.closed) throw new StoreMisuseError('the store is closed');
    const context: TransactionContext = { owner: this.shared, open: true };
    return inTransaction(this.shared.pool, context, (client) =>
      transactionContext.run(context, () => work(new PgStore(this.shared, new ClientQueryable(client, context), context))),
    );
  }

  async startCycle(at: Date): Promise<number> {
    const [row] = await this.q.rows<{ id: number }>('INSERT INTO cycles (started_at) VALUES ($1) RETURNING id', [at.toISOString()]);
    return row!.id;
  }

  async finishCycle(id: number, at: Date, stats: Omit<CycleRecord, 'id' | 'startedAt' | 'finishedAt'>): Promise<void> {
    await this.q.run(
      `UPDATE cycles SET finished_at = $1, feeds_ok = $2, feeds_failed = $3, feeds_not_modified = $4, items_new = $5, incidents_new = $6,
         alerts_new = $7, error = $8, article_pages = $9 WHERE id = $10`,
      [
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
      ],
    );
  }

  async lastCycle(): Promise<CycleRecord | null> {
    const [row] = await this.q.rows<{
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
    }>('SELECT * FROM cycles ORDER BY id DESC LIMIT 1');
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

  async probeWritable(at: Date): Promise<void> {
    await this.q.run(
      'INSERT INTO health_probe (id, checked_at) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at',
      [at.toISOString()],
    );
  }

  createCycleLock(logger: Logger): AsyncCycleLock {
    return new PgCycleLock(this.shared.pool, logger);
  }

  async close(): Promise<void> {
    if (this.context !== null) throw new StoreMisuseError('close the store, not a transaction');
    refuseInsideTransaction(this.shared, 'close');
    if (this.shared.closed) return;
    this.shared.closed = true;
    await this.shared.pool.end();
  }
}

/** As src/store/store.ts reads the column: numbers only, anything unreadable as none. */
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

/**
 * Applies the pending migrations in one transaction, holding a session advisory lock (one per schema) from before
 * reading the schema's version until after the commit: a second process starting at the same time waits, then finds
 * nothing pending. Returns the versions applied here.
 */
async function migrate(pool: pg.Pool, migrations: readonly PgMigration[], lockTimeoutMs: number, location: string): Promise<number[]> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    const [{ schema } = { schema: null }] = (await client.query<{ schema: string | null }>('SELECT current_schema() AS schema')).rows;
    if (schema === null) {
      throw new StoreError(
        `the PostgreSQL database ${location} has no schema to create tables in (does the search_path's schema exist?)`,
        location,
      );
    }
    await client.query(`SET lock_timeout = ${Math.max(1, Math.trunc(lockTimeoutMs))}`);
    try {
      await client.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
    } finally {
      await client.query('RESET lock_timeout');
    }
    try {
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT COLLATE "C" NOT NULL)',
      );
      const current = (await client.query<{ v: number }>('SELECT coalesce(max(version), 0) AS v FROM schema_migrations')).rows[0]!.v;
      const latest = migrations.at(-1)?.version ?? 0;
      if (current > latest) {
        throw new StoreError(
          `the database ${location} is at schema version ${current}, newer than this Vendorwatch (${latest}): upgrade Vendorwatch`,
          location,
        );
      }
      const pending = migrations.filter((migration) => migration.version > current);
      if (pending.length === 0) return [];
      await client.query('BEGIN');
      try {
        for (const migration of pending) {
          await client.query(migration.sql);
          await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
            migration.version,
            migration.name,
            new Date().toISOString(),
          ]);
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
      return pending.map((migration) => migration.version);
    } finally {
      await client.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`);
    }
  } catch (error) {
    if (!(error instanceof StoreError) && !(error as { code?: string }).code) broken = error as Error;
    throw error;
  } finally {
    client.release(broken);
  }
}
