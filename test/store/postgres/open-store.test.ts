// Which engine a VENDORWATCH_DB setting opens, and the connection string as logs and errors show it.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../../src/store/open-database.js';
import { isPostgresUrl, maskDatabaseUrl, openStore } from '../../../src/store/postgres/open.js';
import { PgStore } from '../../../src/store/postgres/pg-store.js';
import { SqliteAsyncStore } from '../../../src/store/sqlite-async-store.js';
import { createTestDatabase, postgresAvailable, skippedTitle } from '../../support/postgres.js';

const available = await postgresAvailable();
const database = available ? await createTestDatabase('open') : (null as never);

describe('maskDatabaseUrl', () => {
  it.each([
    ['postgres://vw:s3cret@db.internal:5432/vendorwatch', 'postgres://vw:***@db.internal:5432/vendorwatch'],
    ['postgresql://vw:s3cret@db.internal/vendorwatch?sslmode=require', 'postgresql://vw:***@db.internal/vendorwatch?sslmode=require'],
    ['POSTGRES://vw:s3cret@db.internal/vendorwatch', 'POSTGRES://vw:***@db.internal/vendorwatch'],
    // Percent-encoded, and not encoded at all: '@', '/', '?' and ':' inside the password.
    ['postgres://vw:p%40ss%2Fword@db.internal/vendorwatch', 'postgres://vw:***@db.internal/vendorwatch'],
    ['postgres://vw:p@ss@db.internal/vendorwatch', 'postgres://vw:***@db.internal/vendorwatch'],
    ['postgres://vw:12/34@db.internal/vendorwatch', 'postgres://vw:***@db.internal/vendorwatch'],
    ['postgres://vw:pa?ss@db.internal/vendorwatch', 'postgres://vw:***@db.internal/vendorwatch'],
    ['postgres://vw:a:b@db.internal/vendorwatch', 'postgres://vw:***@db.internal/vendorwatch'],
    // A password given as a parameter, or for the client key.
    [
      'postgres://db.internal/vendorwatch?user=vw&password=s3cret&sslpassword=k3y',
      'postgres://db.internal/vendorwatch?user=vw&password=***&sslpassword=***',
    ],
    ['postgres://vw:s3cret@%2Fvar%2Frun%2Fpostgresql/vendorwatch', 'postgres://vw:***@%2Fvar%2Frun%2Fpostgresql/vendorwatch'],
    // Nothing to hide.
    ['postgres://vw@db.internal:5432/vendorwatch', 'postgres://vw@db.internal:5432/vendorwatch'],
    ['postgres://db.internal/vendorwatch', 'postgres://db.internal/vendorwatch'],
    ['./data/vendorwatch.db', './data/vendorwatch.db'],
    ['/var/lib/vendorwatch/p:ss@word.db', '/var/lib/vendorwatch/p:ss@word.db'],
  ])('shows %s as %s', (url, shown) => {
    expect(maskDatabaseUrl(url)).toBe(shown);
  });

  it('tells PostgreSQL URLs from file paths', () => {
    expect(isPostgresUrl('postgres://h/db')).toBe(true);
    expect(isPostgresUrl(' postgresql://h/db')).toBe(true);
    expect(isPostgresUrl('./postgres://h/db')).toBe(false);
    expect(isPostgresUrl('mysql://h/db')).toBe(false);
    expect(isPostgresUrl('data/vendorwatch.db')).toBe(false);
  });
});

describe('openStore', () => {
  it('opens the SQLite store for a file path', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'vw-open-')), 'vendorwatch.db');
    const store = await openStore(path);
    expect(store).toBeInstanceOf(SqliteAsyncStore);
    expect(store.engine).toBe('sqlite');
    expect(store.location).toBe(path);
    await store.close();
  });

  it('names the database with its password hidden when it cannot connect', async () => {
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    const opening = openStore('postgres://vw:s3cret-pw-123@127.0.0.1:1/vendorwatch', { connectTimeoutMs: 2_000 });
    await expect(opening).rejects.toBeInstanceOf(StoreError);
    const error = (await opening.catch((e: unknown) => e)) as StoreError;
    expect(error.message).toContain('cannot open the PostgreSQL database postgres://vw:***@127.0.0.1:1/vendorwatch');
    expect(error.path).toBe('postgres://vw:***@127.0.0.1:1/vendorwatch');
    expect(`${error.message} ${error.stack} ${String(error.cause)}`).not.toContain('s3cret-pw-123');
  });

  (available ? it : it.skip)(
    available ? 'opens PgStore for a postgres:// or postgresql:// URL, showing it masked' : skippedTitle(),
    async () => {
      const url = new URL(database.url);
      // Trust authentication ignores the password: it is only there to be hidden.
      url.password = 'hidden-pw';
      for (const scheme of ['postgres:', 'postgresql:']) {
        url.protocol = scheme;
        const store = database.track((await openStore(url.toString(), { poolSize: 2 })) as PgStore);
        expect(store).toBeInstanceOf(PgStore);
        expect(store.engine).toBe('postgres');
        expect(store.location).toBe(maskDatabaseUrl(url.toString()));
        expect(store.location).not.toContain('hidden-pw');
        expect(store.pool.options.max).toBe(2);
        await store.close();
      }
    },
  );
});
