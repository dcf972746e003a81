// `vendorwatch db copy` moves every table SQLite's migrations create, or says why not: a fresh SQLite store's tables
// are each in the copy's list (COPY_ORDER) or in its commented NOT_COPIED list, and each copied table, with each of
// its SQLite columns, exists in PostgreSQL's schema. A new SQLite migration adding a table or a column fails here
// until the copy and PostgreSQL's migrations handle it. PostgreSQL's schema is read from a freshly migrated schema
// when a server answers, and otherwise from the CREATE TABLE statements of its migrations.

import { afterAll, describe, expect, it } from 'vitest';
import { COPY_ORDER, NOT_COPIED } from '../../src/store/copy-sqlite-to-postgres.js';
import { openDatabase } from '../../src/store/open-database.js';
import { PG_MIGRATIONS } from '../../src/store/postgres/pg-migrations.js';
import { PgStore } from '../../src/store/postgres/pg-store.js';
import { createTestDatabase, postgresAvailable } from '../support/postgres.js';

const available = await postgresAvailable();

const sqlite = openDatabase(':memory:');
afterAll(() => sqlite.close());

const sqliteTables = (
  sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as {
    name: string;
  }[]
).map((row) => row.name);

const sqliteColumns = (table: string) =>
  (sqlite.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((column) => column.name);

/** PostgreSQL's tables and their columns: from a migrated schema, or from the migrations' text. */
async function postgresSchema(): Promise<{ source: string; tables: Map<string, Set<string>> }> {
  const tables = new Map<string, Set<string>>();
  if (available) {
    const database = await createTestDatabase('copy_covers');
    const { schema, options } = await database.freshSchema();
    database.track(await PgStore.open(options));
    const rows = await database.query<{ table: string; column: string }>(
      'SELECT table_name AS table, column_name AS column FROM information_schema.columns WHERE table_schema = $1',
      [schema],
    );
    for (const { table, column } of rows) tables.set(table, (tables.get(table) ?? new Set()).add(column));
    return { source: 'a freshly migrated PostgreSQL schema', tables };
  }
  const text = PG_MIGRATIONS.map((migration) => migration.sql).join('\n');
  for (const match of text.matchAll(/CREATE TABLE (?:IF NOT EXISTS )?(\w+) \(([\s\S]*?)\n\);/g)) {
    const columns = match[2]!
      .split('\n')
      .map((line) => /^\s+(\w+)\s/.exec(line)?.[1])
      .filter((name): name is string => name !== undefined && !['PRIMARY', 'UNIQUE', 'FOREIGN', 'CHECK', 'CONSTRAINT'].includes(name));
    tables.set(match[1]!, new Set(columns));
  }
  for (const match of text.matchAll(/ALTER TABLE (\w+) ADD COLUMN (\w+)/g)) tables.get(match[1]!)?.add(match[2]!);
  return { source: "PostgreSQL's migrations (no server answered)", tables };
}

describe('vendorwatch db copy covers every table', () => {
  it("has each table of a fresh SQLite store either in the copy's list or in the explicit not-copied list", () => {
    expect(sqliteTables.length).toBeGreaterThanOrEqual(19);
    const copied = new Set<string>(COPY_ORDER);
    const uncovered = sqliteTables.filter((table) => !copied.has(table) && !Object.hasOwn(NOT_COPIED, table));
    expect(uncovered, 'tables neither copied nor listed as not copied').toEqual([]);
    for (const table of Object.keys(NOT_COPIED)) expect(copied.has(table), table).toBe(false);
    expect(new Set(COPY_ORDER).size).toBe(COPY_ORDER.length);
  });

  it('finds each copied table, with each of its SQLite columns, in the PostgreSQL schema', async () => {
    const { source, tables } = await postgresSchema();
    expect(tables.size, source).toBeGreaterThanOrEqual(COPY_ORDER.length);
    const missingTables = COPY_ORDER.filter((table) => !tables.has(table));
    expect(missingTables, `copied tables missing from ${source}`).toEqual([]);
    const missingColumns = COPY_ORDER.flatMap((table) =>
      sqliteTables.includes(table)
        ? sqliteColumns(table)
            .filter((column) => !tables.get(table)!.has(column))
            .map((column) => `${table}.${column}`)
        : [],
    );
    expect(missingColumns, `SQLite columns missing from ${source}`).toEqual([]);
  }, 60_000);
});
