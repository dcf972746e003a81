import type pg from 'pg';
import type { Logger } from '../../log.js';
import type { AsyncCycleLock } from '../async-store.js';

/** The advisory lock key: one per schema, so installations in other schemas of one database do not share it. */
const KEY = `hashtextextended('vendorwatch:cycle:' || current_schema(), 0)`;

/**
 * The cycle lock on PostgreSQL: a session advisory lock held on a connection taken from the pool for as long as the
 * cycle runs. It is what SQLite's cycle_lock row with its pid check does, across hosts: a second process waits for the
 * first's cycle to end, or for it to die (its connection closes and the server lets the lock go). A cycle is short and
 * bounded; leadership over many cycles is a lease instead (src/store/postgres/pg-replicas.ts says why). Should the
 * lock's connection be lost mid-cycle, the lock is no longer held: that is logged, and the next tryAcquire asks again.
 */
export class PgCycleLock implements AsyncCycleLock {
  private client: pg.PoolClient | null = null;

  constructor(
    private readonly pool: pg.Pool,
    private readonly logger: Logger,
  ) {}

  async tryAcquire(): Promise<boolean> {
    if (this.client !== null) return true;
    const client = await this.pool.connect();
    let ok = false;
    try {
      const { rows } = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(${KEY}) AS ok`);
      ok = rows[0]?.ok === true;
    } catch (error) {
      client.release(error as Error);
      throw error;
    }
    if (!ok) {
      client.release();
      return false;
    }
    const lost = (error: Error) => {
      if (this.client !== client) return;
      this.client = null;
      client.release(error);
      this.logger.warn({ err: error.message }, 'lost the database connection that held the cycle lock: it is no longer held');
    };
    client.on('error', lost);
    this.client = client;
    return true;
  }

  async acquire(signal?: AbortSignal, pollMs = 250): Promise<void> {
    let told = false;
    while (!(await this.tryAcquire())) {
      if (signal?.aborted) throw new Error('aborted while waiting for the cycle lock');
      if (!told) {
        const holder = await this.holder();
        this.logger.info(
          holder,
          `another Vendorwatch process (${holder.application ?? 'unknown'}${holder.clientAddress ? ` at ${holder.clientAddress}` : ''}) is running a cycle on this database: waiting for it`,
        );
        told = true;
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  async release(): Promise<void> {
    const client = this.client;
    if (client === null) return;
    this.client = null;
    try {
      await client.query(`SELECT pg_advisory_unlock(${KEY})`);
      client.release();
    } catch (error) {
      // The connection is gone, and the lock with it.
      client.release(error as Error);
    }
  }

  /** Who holds the lock, as the server sees that connection (for the waiting message). */
  private async holder(): Promise<{ backendPid?: number; application?: string; clientAddress?: string }> {
    try {
      const { rows } = await this.pool.query<{ pid: number; application_name: string | null; client_addr: string | null }>(
        `SELECT a.pid, a.application_name, host(a.client_addr) AS client_addr
           FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
          WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            AND ((l.classid::bigint << 32) | l.objid::bigint) = ${KEY} AND l.objsubid = 1
          LIMIT 1`,
      );
      const row = rows[0];
      if (!row) return {};
      return {
        backendPid: row.pid,
        ...(row.application_name ? { application: row.application_name } : {}),
        ...(row.client_addr ? { clientAddress: row.client_addr } : {}),
      };
    } catch {
      return {};
    }
  }
}
