// Moving a SQLite installation into an empty PostgreSQL database (`vendorwatch db copy`). The SQLite file is opened
// read-only and must already be a Vendorwatch database at this version's schema: the copy never creates, migrates or
// backs it up. Every table SQLite's migrations create is copied with its ids and values, in one PostgreSQL
// transaction; the identity sequences are then moved past the copied ids and the row counts checked table by table.
// A target holding any row is refused before anything is written to it.

import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';
import { MIGRATIONS } from './migrations.js';
import type { Db } from './open-database.js';
import { PG_TYPES, storedText } from './postgres/connection.js';
import { PgStore } from './postgres/pg-store.js';

/**
 * The tables copied, parents before children (foreign keys). A SQLite table in neither this list nor NOT_COPIED
 * stops the copy, and fails test/store/copy-covers-every-table.test.ts: a new migration's table must be added here
 * (and to PostgreSQL's schema) before it can move.
 */
export const COPY_ORDER = [
  'feeds',
  'items',
  'item_revisions',
  'incidents',
  'detections',
  'incident_sources',
  'incident_facts',
  'incident_vendors',
  'acknowledgements',
  'deliveries',
  'alert_messages',
  'conversations',
  'mutes',
  'cycles',
  'digests',
  'cycle_lock',
  'dismissals',
  'vendor_exclusions',
  'merges',
  // Created by SQLite's /healthz on first use rather than by a migration; part of PostgreSQL's schema.
  'health_probe',
] as const;

/** SQLite tables deliberately left behind, each with the reason. */
export const NOT_COPIED: Readonly<Record<string, string>> = {
  // Each engine's own migration bookkeeping: PostgreSQL's is written by its own migrations (PgStore.open).
  schema_migrations: "each engine's own migration bookkeeping",
};

/** PostgreSQL-only columns that stand in for SQLite's rowid (see pg-migrations.ts): filled from it. */
const ROWID_COLUMNS: Record<string, string> = { deliveries: 'seq', mutes: 'seq' };

/** Parameters per INSERT, well below PostgreSQL's limit of 65535. */
const MAX_PARAMS = 20_000;

/** A progress line this often (in rows) within a big table. */
export const PROGRESS_EVERY_ROWS = 10_000;

/** The copy was refused before anything was written; `status` is the exit code the command gives. */
export class CopyRefused extends Error {
  constructor(
    message: string,
    readonly status: 1 | 2,
  ) {
    super(message);
    this.name = 'CopyRefused';
  }
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/**
 * Opens the source read-only after checking it is a Vendorwatch SQLite database at this version's schema. Nothing is
 * created (a missing file is refused), migrated, checkpointed or backed up: the file's bytes stay as they were.
 */
export function openCopySource(path: string): Db {
  if (!existsSync(path)) throw new CopyRefused(`no SQLite database at ${path}`, 1);
  let db: Db;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new CopyRefused(`cannot open ${path} as a SQLite database: ${(error as Error).message}`, 1);
  }
  try {
    let hasMigrations: boolean;
    try {
      hasMigrations = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get() !== undefined;
    } catch (error) {
      throw new CopyRefused(`${path} is not a SQLite database (${(error as Error).message}): not a Vendorwatch database`, 1);
    }
    if (!hasMigrations) throw new CopyRefused(`${path} has no schema_migrations table: not a Vendorwatch database`, 1);
    const current = Number((db.prepare('SELECT coalesce(max(version), 0) AS v FROM schema_migrations').get() as { v: number }).v);
    const latest = MIGRATIONS.at(-1)?.version ?? 0;
    if (current < latest) {
      throw new CopyRefused(
        `${path} is at schema version ${current}, older than this Vendorwatch's (${latest}): stop the bot, run this ` +
          "version's `vendorwatch start` (or `vendorwatch poll --once`) on it once to bring it up to date, then copy again",
        1,
      );
    }
    if (current > latest) {
      throw new CopyRefused(
        `${path} is at schema version ${current}, newer than this Vendorwatch's (${latest}): upgrade Vendorwatch, then copy with it`,
        1,
      );
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export interface CopyOptions {
  /** Told a line of progress (ending in a newline): one per table copied, and every `progressEvery` rows within one. */
  progress?: (line: string) => void;
  progressEvery?: number;
}

interface PgColumn {
  name: string;
  type: string;
}

/** The copy itself: refuses a non-empty target, migrates it, copies in one transaction. Returns [table, rows] pairs. */
export async function copyInstallation(db: Db, url: string, options: CopyOptions = {}): Promise<[string, number][]> {
  const progress = options.progress ?? (() => undefined);
  const every = Math.max(1, options.progressEvery ?? PROGRESS_EVERY_ROWS);
  const sqliteTables = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as {
      name: string;
    }[]
  )
    .map((row) => row.name)
    .filter((name) => !Object.hasOwn(NOT_COPIED, name));
  const unknown = sqliteTables.filter((name) => !(COPY_ORDER as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`the SQLite database has tables this version cannot copy: ${unknown.join(', ')}`);

  const client = new pg.Client({ connectionString: url, types: PG_TYPES, connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    // Refused before the schema is created or migrated: a target with data is never touched.
    await refuseNonEmpty(client);
    await client.end();
    const store = await PgStore.open({ connectionString: url, poolSize: 1 });
    await store.close();

    const copy = new pg.Client({ connectionString: url, types: PG_TYPES, connectionTimeoutMillis: 10_000 });
    copy.on('error', () => undefined);
    await copy.connect();
    try {
      await copy.query('BEGIN');
      try {
        await refuseNonEmpty(copy);
        const counts: [string, number][] = [];
        for (const table of COPY_ORDER) {
          if (!sqliteTables.includes(table)) continue;
          const rows = await copyTable(db, copy, table, every, progress);
          counts.push([table, rows]);
          progress(`copied ${table}: ${rows} rows\n`);
        }
        await resetSequences(copy);
        for (const [table, expected] of counts) {
          const found = Number((await copy.query<{ n: string }>(`SELECT count(*) AS n FROM ${quote(table)}`)).rows[0]!.n);
          if (found !== expected) throw new Error(`${table}: ${expected} rows in SQLite, ${found} in PostgreSQL`);
        }
        await copy.query('COMMIT');
        return counts;
      } catch (error) {
        await copy.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    } finally {
      await copy.end().catch(() => undefined);
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Any row in any table of the target's schema (but the migrations' bookkeeping) refuses the copy, each table named with its row count. */
async function refuseNonEmpty(client: pg.Client): Promise<void> {
  const tables = (
    await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
    )
  ).rows.map((row) => row.name);
  const holding: string[] = [];
  for (const table of tables) {
    if (table === 'schema_migrations') continue;
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quote(table)}`);
    const n = Number(rows[0]?.n ?? 0);
    if (n > 0) holding.push(`${table} (${n})`);
  }
  if (holding.length > 0) {
    throw new CopyRefused(
      `the target database is not empty (rows in ${holding.join(', ')}); copy only into an empty database. Nothing was changed.`,
      2,
    );
  }
}

async function copyTable(db: Db, client: pg.Client, table: string, every: number, progress: (line: string) => void): Promise<number> {
  const pgColumns = (
    await client.query<PgColumn>(
      `SELECT column_name AS name, data_type AS type FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
      [table],
    )
  ).rows;
  if (pgColumns.length === 0) throw new Error(`PostgreSQL has no table ${table}`);
  const sqliteColumns = new Set((db.prepare(`PRAGMA table_info(${quote(table)})`).all() as { name: string }[]).map((c) => c.name));
  const missing = [...sqliteColumns].filter((name) => !pgColumns.some((column) => column.name === name));
  if (missing.length > 0) throw new Error(`${table}: PostgreSQL has no column ${missing.join(', ')}`);
  const total = (db.prepare(`SELECT count(*) AS n FROM ${quote(table)}`).get() as { n: number }).n;
  const rowidColumn = ROWID_COLUMNS[table];
  const columns = pgColumns.filter((column) => sqliteColumns.has(column.name) || column.name === rowidColumn);
  const select = columns.map((column) => (column.name === rowidColumn ? `rowid AS ${quote(column.name)}` : quote(column.name)));
  const statement = db.prepare(`SELECT ${select.join(', ')} FROM ${quote(table)} ORDER BY rowid`);
  const perInsert = Math.max(1, Math.min(every, Math.floor(MAX_PARAMS / columns.length)));
  const head = `INSERT INTO ${quote(table)} (${columns.map((column) => quote(column.name)).join(', ')}) VALUES `;
  let batch: unknown[][] = [];
  let copied = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const params: unknown[] = [];
    const tuples = batch.map((row) => `(${row.map((value) => `$${params.push(value)}`).join(', ')})`);
    await client.query(head + tuples.join(', '), params);
    const before = copied;
    copied += batch.length;
    batch = [];
    if (Math.floor(copied / every) > Math.floor(before / every) && copied < total) {
      progress(`copying ${table}: ${copied} of ${total} rows\n`);
    }
  };
  for (const row of statement.iterate() as Iterable<Record<string, unknown>>) {
    batch.push(columns.map((column) => toPostgres(row[column.name], column, table)));
    if (batch.length >= perInsert) await flush();
  }
  await flush();
  return copied;
}

/** A SQLite value as the PostgreSQL column takes it: 0/1 flags as booleans, JSON text as written, NUL as PgStore writes it. */
function toPostgres(value: unknown, column: PgColumn, table: string): unknown {
  if (value === null || value === undefined) return null;
  if (column.type === 'boolean') {
    if (value === 0 || value === 1 || value === 0n || value === 1n) return Number(value) === 1;
    throw new Error(`${table}.${column.name}: ${String(value)} is not a 0/1 flag`);
  }
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string') return storedText(value);
  if (Buffer.isBuffer(value)) throw new Error(`${table}.${column.name}: a binary value cannot be copied`);
  return value;
}

/** Every identity column's sequence continues after the largest copied id (or starts at 1 for an empty table). */
async function resetSequences(client: pg.Client): Promise<void> {
  const identities = (
    await client.query<{ table: string; column: string }>(
      `SELECT table_name AS table, column_name AS column FROM information_schema.columns
        WHERE table_schema = current_schema() AND is_identity = 'YES'`,
    )
  ).rows;
  for (const { table, column } of identities) {
    await client.query(
      `SELECT setval(pg_get_serial_sequence($1, $2), coalesce((SELECT max(${quote(column)}) FROM ${quote(table)}), 0) + 1, false)`,
      [quote(table), column],
    );
  }
}
