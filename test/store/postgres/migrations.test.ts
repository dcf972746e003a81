// PostgreSQL's migrations: run once when replicas start together, refused when the schema is newer, all or nothing,
// and the same tables, columns, keys and indexes as SQLite's.

import { describe, expect, it } from 'vitest';
import { StoreError } from '../../../src/store/open-database.js';
import { PG_MIGRATIONS } from '../../../src/store/postgres/pg-migrations.js';
import { PgStore } from '../../../src/store/postgres/pg-store.js';
import { Store } from '../../../src/store/store.js';
import { createTestDatabase, postgresAvailable, skippedTitle } from '../../support/postgres.js';

const available = await postgresAvailable();
const database = available ? await createTestDatabase('migrations') : (null as never);

(available ? describe : describe.skip)(available ? 'PostgreSQL migrations' : skippedTitle(), () => {
  const versions = async (schema = 'public') =>
    (await database.query<{ version: string }>(`SELECT version FROM ${schema}.schema_migrations ORDER BY version`)).map((r) =>
      Number(r.version),
    );

  it('run once when three stores open an empty database at the same moment', async () => {
    const stores = await Promise.all(
      [1, 2, 3].map(() => PgStore.open({ connectionString: database.url, poolSize: 2 }).then(database.track)),
    );
    expect(await versions()).toEqual(PG_MIGRATIONS.map((m) => m.version));
    const applied = stores.map((store) => store.migrationsApplied).sort((a, b) => b.length - a.length);
    expect(applied).toEqual([PG_MIGRATIONS.map((m) => m.version), [], []]);
    // Every store works on the one schema.
    await stores[1]!.incidents.create({
      key: 'k',
      vendor: null,
      organisation: null,
      title: 't',
      summary: 's',
      healthcare: false,
      signature: {},
      at: new Date(),
    });
    expect(await stores[2]!.incidents.byKey('k')).not.toBeNull();
  });

  it('refuse a schema newer than this Vendorwatch knows', async () => {
    const { schema, options } = await database.freshSchema();
    database.track(await PgStore.open(options));
    await database.query(`INSERT INTO ${schema}.schema_migrations (version, name, applied_at) VALUES (99, 'from the future', 'now')`);
    const opening = PgStore.open(options);
    await expect(opening).rejects.toBeInstanceOf(StoreError);
    await expect(opening).rejects.toThrow(
      `schema version 99, newer than this Vendorwatch (${PG_MIGRATIONS.at(-1)!.version}): upgrade Vendorwatch`,
    );
  });

  it('apply all pending migrations or none, and let the next process try again', async () => {
    const { schema, options } = await database.freshSchema();
    const broken = [
      ...PG_MIGRATIONS,
      { version: PG_MIGRATIONS.length + 1, name: 'broken', sql: 'CREATE TABLE extra (id BIGINT); SELECT no_such_function();' },
    ];
    await expect(PgStore.open({ ...options, migrations: broken })).rejects.toThrow(/no_such_function/);
    // Nothing of the failed transaction stayed, not even the good migrations that came before the broken one.
    expect(await versions(schema)).toEqual([]);
    const tables = await database.query(
      `SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name IN ('feeds', 'extra')`,
      [schema],
    );
    expect(tables).toEqual([]);
    // The migration lock was let go.
    const store = database.track(await PgStore.open(options));
    expect(store.migrationsApplied).toEqual(PG_MIGRATIONS.map((m) => m.version));
  });

  it('refuse a schema that does not exist, naming the database without its password', async () => {
    const url = new URL(database.url);
    url.password = 'not-used-with-trust';
    const opening = PgStore.open({ connectionString: url.toString(), schema: 'no_such_schema' });
    await expect(opening).rejects.toThrow(/no schema to create tables in/);
    await expect(opening).rejects.not.toThrow(/not-used-with-trust/);
  });

  it('make the tables, columns, primary keys and indexes of the SQLite schema', async () => {
    const { schema } = await database.freshSchema();
    database.track(await PgStore.open({ connectionString: database.url, schema }));
    const sqlite = Store.open(':memory:');
    const sqliteColumns = new Map<string, string>();
    const tables = (sqlite.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]).map(
      (t) => t.name,
    );
    for (const table of tables) {
      for (const column of sqlite.db.prepare(`SELECT name, "notnull" AS not_null, pk FROM pragma_table_info(?)`).all(table) as {
        name: string;
        not_null: number;
        pk: number;
      }[]) {
        // SQLite lets an INTEGER PRIMARY KEY be declared without NOT NULL; it is never null all the same.
        sqliteColumns.set(
          `${table}.${column.name}`,
          `${column.not_null === 1 || column.pk > 0 ? 'not null' : 'null'}${column.pk > 0 ? ` pk${column.pk}` : ''}`,
        );
      }
    }
    const sqliteIndexes = (
      sqlite.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex_%'`).all() as {
        name: string;
      }[]
    ).map((i) => i.name);
    sqlite.close();

    const pgColumns = new Map<string, string>();
    for (const row of await database.query<{ table_name: string; column_name: string; is_nullable: string; pk: number | null }>(
      `SELECT c.table_name, c.column_name, c.is_nullable, k.ordinal_position AS pk
         FROM information_schema.columns c
         LEFT JOIN information_schema.table_constraints t
           ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.constraint_type = 'PRIMARY KEY'
         LEFT JOIN information_schema.key_column_usage k
           ON k.constraint_name = t.constraint_name AND k.table_schema = c.table_schema AND k.column_name = c.column_name
        WHERE c.table_schema = $1`,
      [schema],
    )) {
      pgColumns.set(
        `${row.table_name}.${row.column_name}`,
        `${row.is_nullable === 'NO' ? 'not null' : 'null'}${row.pk ? ` pk${row.pk}` : ''}`,
      );
    }
    // What PostgreSQL has beyond SQLite: rowid stand-ins, the replicas' leases and claims, the /healthz probe table
    // (SQLite's /healthz creates it on first use).
    const extra = [
      'deliveries.seq',
      'mutes.seq',
      'deliveries.claimed_by',
      'deliveries.claim_expires_at',
      ...[...pgColumns.keys()].filter((key) => key.startsWith('leases.') || key.startsWith('health_probe.')),
    ];
    expect(Object.fromEntries([...pgColumns].filter(([key]) => !extra.includes(key)).sort())).toEqual(
      Object.fromEntries([...sqliteColumns].sort()),
    );
    const pgIndexes = (await database.query<{ indexname: string }>('SELECT indexname FROM pg_indexes WHERE schemaname = $1', [schema])).map(
      (i) => i.indexname,
    );
    expect(pgIndexes).toEqual(expect.arrayContaining(sqliteIndexes));
  });

  it('keep the pool at the size asked for, 10 when not asked, and refuse a size that makes no sense', async () => {
    const { options } = await database.freshSchema();
    const { poolSize: _unused, ...withoutSize } = options;
    const byDefault = database.track(await PgStore.open(withoutSize));
    expect(byDefault.pool.options.max).toBe(10);
    const three = database.track(await PgStore.open({ ...options, poolSize: 3 }));
    expect(three.pool.options.max).toBe(3);
    await expect(PgStore.open({ ...options, poolSize: 0 })).rejects.toThrow(/pool size must be a whole number from 1 to 200, not 0/);
    await expect(PgStore.open({ ...options, schema: 'Robert"; DROP TABLE x' })).rejects.toThrow(/not a plain lowercase identifier/);
  });
});
