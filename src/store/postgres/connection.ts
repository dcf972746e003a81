import pg from 'pg';
import { refuseInsideTransaction, StoreMisuseError, type TransactionContext } from '../async-store.js';

/** What the PostgreSQL repositories run their SQL on: the pool (each call on any free connection) or one transaction. */
export interface Queryable {
  rows<R>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Runs a statement; returns how many rows it changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  /**
   * Runs several statements as one: a transaction of their own on the pool, a savepoint inside a transaction (as
   * better-sqlite3 nests the SQLite repositories' own transactions), so a failure undoes only this method's writes.
   */
  atomic<T>(work: (q: Queryable) => Promise<T>): Promise<T>;
}

const INT8_OID = 20;
const JSON_OID = 114;
const JSONB_OID = 3802;

/**
 * How values come back: BIGINT (every integer column, as SQLite's INTEGER is 64-bit) as a number, like better-sqlite3
 * gives it (ids and counts stay far below 2^53); JSON as its text, which the repositories parse exactly as they parse
 * SQLite's TEXT. Everything else as pg gives it. Set per pool, not on pg's global parsers.
 */
export const PG_TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8_OID) return (value: string) => Number(value);
    if (oid === JSON_OID || oid === JSONB_OID) return (value: string) => value;
    return pg.types.getTypeParser(oid, format);
  }) as pg.CustomTypesConfig['getTypeParser'],
};

const NUL = /\u0000/g;

/** A string as PostgreSQL stores it (see withoutNul). */
export function storedText(value: string): string {
  return value.includes('\u0000') ? value.replace(NUL, '\uFFFD') : value;
}

/**
 * PostgreSQL text cannot hold U+0000, which SQLite stores without complaint; a NUL in untrusted text (a feed, a chat
 * payload) would make the write fail. Every string parameter has its NULs replaced with U+FFFD, the replacement
 * character, in writes and lookups alike, so a value written with a NUL is found again by the same value.
 */
export function withoutNul(params: readonly unknown[] | undefined): unknown[] | undefined {
  if (params === undefined) return undefined;
  return params.map((value) => {
    if (typeof value === 'string') return storedText(value);
    if (Array.isArray(value)) return value.map((entry) => (typeof entry === 'string' ? storedText(entry) : entry));
    return value;
  });
}

/** Calls on the pool: refused while a transaction of the same store is open in this async context. */
export class PoolQueryable implements Queryable {
  constructor(
    private readonly pool: pg.Pool,
    private readonly owner: object,
  ) {}

  async rows<R>(sql: string, params?: readonly unknown[]): Promise<R[]> {
    refuseInsideTransaction(this.owner, 'a call');
    return (await this.pool.query(sql, withoutNul(params))).rows as R[];
  }

  async run(sql: string, params?: readonly unknown[]): Promise<number> {
    refuseInsideTransaction(this.owner, 'a call');
    return (await this.pool.query(sql, withoutNul(params))).rowCount ?? 0;
  }

  async atomic<T>(work: (q: Queryable) => Promise<T>): Promise<T> {
    refuseInsideTransaction(this.owner, 'a call');
    return inTransaction(this.pool, null, (client) => work(new ClientQueryable(client, null)));
  }
}

/** Calls inside one transaction, on its connection. */
export class ClientQueryable implements Queryable {
  private savepoints = 0;

  constructor(
    readonly client: pg.PoolClient,
    private readonly context: TransactionContext | null,
  ) {}

  private check(): void {
    if (this.context !== null && !this.context.open) throw new StoreMisuseError('a call on a transaction that has already ended');
  }

  async rows<R>(sql: string, params?: readonly unknown[]): Promise<R[]> {
    this.check();
    return (await this.client.query(sql, withoutNul(params))).rows as R[];
  }

  async run(sql: string, params?: readonly unknown[]): Promise<number> {
    this.check();
    return (await this.client.query(sql, withoutNul(params))).rowCount ?? 0;
  }

  async atomic<T>(work: (q: Queryable) => Promise<T>): Promise<T> {
    this.check();
    const name = `vw_sp_${++this.savepoints}`;
    await this.client.query(`SAVEPOINT ${name}`);
    try {
      const result = await work(this);
      await this.client.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      await this.client.query(`ROLLBACK TO SAVEPOINT ${name}`);
      await this.client.query(`RELEASE SAVEPOINT ${name}`);
      throw error;
    }
  }
}

/**
 * BEGIN … COMMIT on a connection of its own; ROLLBACK when `work` throws. A connection whose ROLLBACK failed (it was
 * lost) is destroyed rather than put back in the pool.
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  context: TransactionContext | null,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    try {
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        broken = rollbackError as Error;
      }
      throw error;
    }
  } catch (error) {
    broken ??= isConnectionError(error) ? (error as Error) : undefined;
    throw error;
  } finally {
    if (context) context.open = false;
    client.release(broken);
  }
}

function isConnectionError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|connection ended|ECONNRESET|EPIPE|Client has encountered a connection error/i.test(message);
}

/** SQLite takes a negative LIMIT as no limit; PostgreSQL takes NULL for that and rejects a negative one. */
export function limitOf(limit: number): number | null {
  return limit < 0 ? null : limit;
}
