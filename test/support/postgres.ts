// PostgreSQL for the store's tests: a database of its own per test file, created through the maintenance database
// and dropped when the file is done, and a schema of its own per test inside it (a PgStore opened with that schema
// sees an empty database). The server is the local one (127.0.0.1:5432, as the machine and .ci/run provide), or the
// one VENDORWATCH_TEST_PG_URL names (any database on it: the maintenance database is what it connects to).
// Without a server answering, the PostgreSQL tests are skipped, and say so.

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll } from 'vitest';
import { maskDatabaseUrl } from '../../src/store/postgres/database-url.js';
import { PgStore, type PgStoreOptions } from '../../src/store/postgres/pg-store.js';

export const PG_URL_ENV = 'VENDORWATCH_TEST_PG_URL';
const DEFAULT_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';
const PROBE_TIMEOUT_MS = 2_000;
/** Test databases are named vw_test_<label>_<pid>_<random>: a later run drops those of processes that are gone. */
const PREFIX = 'vw_test_';

export function serverUrl(): string {
  return process.env[PG_URL_ENV]?.trim() || DEFAULT_SERVER;
}

/** The same server and credentials, another database. */
export function databaseUrl(database: string, base = serverUrl()): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

export function skippedTitle(): string {
  return `PostgreSQL tests skipped: no server at ${maskDatabaseUrl(serverUrl())} (start one, or set ${PG_URL_ENV})`;
}

export interface TestDatabase {
  name: string;
  url: string;
  /** A new empty schema in this database; open PgStores on it with its options. */
  freshSchema(): Promise<{ schema: string; options: PgStoreOptions }>;
  /** Opens a PgStore on a new empty schema; it is closed when the file is done if the test did not. */
  openStore(options?: Partial<PgStoreOptions>): Promise<PgStore>;
  /** Closes this store (opened by the test itself) when the file is done, if the test did not. */
  track(store: PgStore): PgStore;
  /** Runs SQL on this database outside any store (to look at what a store wrote). */
  query<R extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<R[]>;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function withMaintenance<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl(), connectionTimeoutMillis: PROBE_TIMEOUT_MS });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

let probed: Promise<boolean> | undefined;

/** Set by .ci/run once it made sure PostgreSQL is up: then a missing server fails the tests instead of skipping them. */
export const PG_REQUIRED_ENV = 'VENDORWATCH_TEST_PG_REQUIRED';

/** Whether a server answers (asked once per test file). */
export function postgresAvailable(): Promise<boolean> {
  probed ??= withMaintenance(async (client) => {
    await client.query('SELECT 1');
    return true;
  })
    .catch(() => false)
    .then((available) => {
      if (!available && process.env[PG_REQUIRED_ENV] === '1') {
        throw new Error(`${PG_REQUIRED_ENV} is set, but no PostgreSQL server answers at ${maskDatabaseUrl(serverUrl())}`);
      }
      return available;
    });
  return probed;
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/**
 * Creates this test file's database (dropped after the file's tests). Its default collation is ICU English where the
 * server has ICU, so a query that relies on the database's collation rather than the schema's COLLATE "C" sorts
 * differently from SQLite and fails its test.
 */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const name = `${PREFIX}${label
    .replace(/[^a-z0-9]+/gi, '_')
    .toLowerCase()
    .slice(0, 20)}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withMaintenance(async (client) => {
    const stale = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE '${PREFIX}%'`);
    for (const { datname } of stale.rows) {
      const pid = Number(/_(\d+)_[0-9a-f]{8}$/.exec(datname)?.[1]);
      if (Number.isInteger(pid) && pid !== process.pid && !processAlive(pid)) {
        await client.query(`DROP DATABASE IF EXISTS ${quote(datname)} WITH (FORCE)`).catch(() => undefined);
      }
    }
    try {
      await client.query(`CREATE DATABASE ${quote(name)} LOCALE_PROVIDER icu ICU_LOCALE 'en' LOCALE 'C.UTF-8' TEMPLATE template0`);
    } catch {
      await client.query(`CREATE DATABASE ${quote(name)}`);
    }
  });
  const url = databaseUrl(name);
  const admin = new pg.Pool({ connectionString: url, max: 2 });
  admin.on('error', () => undefined);
  const stores: PgStore[] = [];
  let schemas = 0;
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close().catch(() => undefined)));
    await admin.end().catch(() => undefined);
    await withMaintenance((client) => client.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`));
  });
  const database: TestDatabase = {
    name,
    url,
    async freshSchema() {
      const schema = `t${++schemas}_${randomBytes(3).toString('hex')}`;
      await admin.query(`CREATE SCHEMA ${schema}`);
      // A small pool: many tests' pools are open at once on one server.
      return { schema, options: { connectionString: url, schema, poolSize: 4 } };
    },
    async openStore(options = {}) {
      const { options: base } = await database.freshSchema();
      const store = await PgStore.open({ ...base, ...options });
      stores.push(store);
      return store;
    },
    track(store) {
      stores.push(store);
      return store;
    },
    async query<R extends pg.QueryResultRow>(sql: string, params?: unknown[]) {
      return (await admin.query<R>(sql, params)).rows;
    },
  };
  return database;
}
