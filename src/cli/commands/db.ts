// `vendorwatch db copy --from FILE.db --to postgres://…`: moves a SQLite installation into an empty PostgreSQL
// database. Every table SQLite's migrations create is copied with its ids and values, in one PostgreSQL transaction;
// the identity sequences are then moved past the copied ids and the row counts checked table by table. A target
// holding any row is refused before anything is written to it.

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';
import { type Db, openDatabase } from '../../store/open-database.js';
import { PG_TYPES, storedText } from '../../store/postgres/connection.js';
import { databasePasswords, isPostgresUrl, maskDatabaseUrl } from '../../store/postgres/database-url.js';
import { PgStore } from '../../store/postgres/pg-store.js';
import type { CommandIO, ExitCode } from '../command-io.js';

const USAGE = `Usage: vendorwatch db copy --from FILE.db --to postgres://USER:PASSWORD@HOST:PORT/DATABASE
  Copies a SQLite installation (incidents, threads, acknowledgements, mutes, deliveries, feeds, corrections, …) into
  an empty PostgreSQL database, in one transaction, keeping every id; then checks the row counts table by table.
  A target that holds any row is refused and left as it was. Stop the bot before copying.
`;

/**
 * The tables SQLite's migrations create, parents before children (foreign keys). A SQLite table missing from this
 * list stops the copy: a new migration's table must be added here (and to PostgreSQL's schema) before it can move.
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
  'health_probe',
] as const;

/** PostgreSQL-only columns that stand in for SQLite's rowid (see pg-migrations.ts): filled from it. */
const ROWID_COLUMNS: Record<string, string> = { deliveries: 'seq', mutes: 'seq' };

/** Bookkeeping of each engine, not installation data. */
const NOT_COPIED = new Set(['schema_migrations']);

/** Parameters per INSERT, well below PostgreSQL's limit of 65535. */
const MAX_PARAMS = 20_000;

class CopyRefused extends Error {}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

export async function run(args: string[], io: CommandIO): Promise<ExitCode> {
  const [sub, ...rest] = args;
  if (!sub || sub === '--help' || sub === '-h' || rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(USAGE);
    return sub ? 0 : 1;
  }
  if (sub !== 'copy') {
    io.stderr.write(`vendorwatch db: unknown subcommand "${sub}"\n${USAGE}`);
    return 1;
  }
  let from: string | undefined;
  let to: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if ((arg === '--from' || arg === '--to') && i + 1 < rest.length) {
      if (arg === '--from') from = rest[++i];
      else to = rest[++i];
    } else {
      const shown = isPostgresUrl(arg) ? maskDatabaseUrl(arg) : arg;
      io.stderr.write(`vendorwatch db copy: unexpected argument "${shown}"\n${USAGE}`);
      return 1;
    }
  }
  if (!from || !to) {
    io.stderr.write(`vendorwatch db copy: both --from and --to are needed\n${USAGE}`);
    return 1;
  }
  if (!isPostgresUrl(to)) {
    io.stderr.write('vendorwatch db copy: --to must be a postgres:// or postgresql:// URL\n');
    return 1;
  }
  const source = resolve(io.cwd, from);
  if (!existsSync(source)) {
    io.stderr.write(`vendorwatch db copy: no SQLite database at ${source}\n`);
    return 1;
  }
  const target = maskDatabaseUrl(to);
  const secrets = databasePasswords(to);
  const masked = (text: string) => secrets.reduce((out, secret) => out.split(secret).join('***'), text);
  let db: Db | undefined;
  try {
    db = openDatabase(source);
    const counts = await copyInstallation(db, to.trim(), (line) => io.stdout.write(masked(line)));
    const total = counts.reduce((sum, [, n]) => sum + n, 0);
    io.stdout.write(`Copied ${total} rows in ${counts.length} tables from ${source} to ${target}; row counts match.\n`);
    return 0;
  } catch (error) {
    const message = masked(error instanceof Error ? error.message : String(error));
    if (error instanceof CopyRefused) io.stderr.write(`vendorwatch db copy: ${message}\n`);
    else io.stderr.write(`vendorwatch db copy: the copy to ${target} failed, nothing was committed: ${message}\n`);
    return 2;
  } finally {
    db?.close();
  }
}

interface PgColumn {
  name: string;
  type: string;
}

/** The copy itself: refuses a non-empty target, migrates it, copies in one transaction. Returns [table, rows] pairs. */
export async function copyInstallation(db: Db, url: string, print: (line: string) => void): Promise<[string, number][]> {
  const sqliteTables = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as {
      name: string;
    }[]
  )
    .map((row) => row.name)
    .filter((name) => !NOT_COPIED.has(name));
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
          counts.push([table, await copyTable(db, copy, table)]);
        }
        await resetSequences(copy);
        for (const [table, expected] of counts) {
          const found = Number((await copy.query<{ n: string }>(`SELECT count(*) AS n FROM ${quote(table)}`)).rows[0]!.n);
          if (found !== expected) throw new Error(`${table}: ${expected} rows in SQLite, ${found} in PostgreSQL`);
        }
        await copy.query('COMMIT');
        for (const [table, n] of counts) print(`${table.padEnd(20)} ${n}\n`);
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

/** Any row in any table of the target's schema (but the migrations' bookkeeping) refuses the copy. */
async function refuseNonEmpty(client: pg.Client): Promise<void> {
  const tables = (
    await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
    )
  ).rows.map((row) => row.name);
  const holding: string[] = [];
  for (const table of tables) {
    if (NOT_COPIED.has(table)) continue;
    const { rows } = await client.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${quote(table)}) AS any`);
    if (rows[0]?.any) holding.push(table);
  }
  if (holding.length > 0) {
    throw new CopyRefused(
      `the target database is not empty (rows in ${holding.join(', ')}); copy only into an empty database. Nothing was changed.`,
    );
  }
}

async function copyTable(db: Db, client: pg.Client, table: string): Promise<number> {
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
  const rowidColumn = ROWID_COLUMNS[table];
  const columns = pgColumns.filter((column) => sqliteColumns.has(column.name) || column.name === rowidColumn);
  const select = columns.map((column) => (column.name === rowidColumn ? `rowid AS ${quote(column.name)}` : quote(column.name)));
  const statement = db.prepare(`SELECT ${select.join(', ')} FROM ${quote(table)} ORDER BY rowid`);
  const perInsert = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  const head = `INSERT INTO ${quote(table)} (${columns.map((column) => quote(column.name)).join(', ')}) VALUES `;
  let batch: unknown[][] = [];
  let copied = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const params: unknown[] = [];
    const tuples = batch.map((row) => `(${row.map((value) => `$${params.push(value)}`).join(', ')})`);
    await client.query(head + tuples.join(', '), params);
    copied += batch.length;
    batch = [];
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
