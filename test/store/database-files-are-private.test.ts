import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { Store } from '../../src/store/store.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vw-modes-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const modeOf = (path: string): number => statSync(path).mode & 0o777;
const octal = (mode: number): string => `0${mode.toString(8)}`;

describe('the database files', () => {
  // Under the usual umask (022) SQLite would create the file 0644, and its -wal and -shm after it: readable by
  // every user of the machine.
  it('are created owner-only (0600), -wal and -shm too, in a folder only the owner may enter (0700)', () => {
    const path = join(tempDir(), 'data', 'vendorwatch.db');
    const store = Store.open(path);
    cleanups.push(() => store.close());
    const [feed] = store.feeds.sync([{ name: 'A', url: 'http://127.0.0.1/a.xml', tags: [] }]);
    expect(feed).toBeDefined();
    for (const file of [path, `${path}-wal`, `${path}-shm`]) {
      expect(existsSync(file), file).toBe(true);
      expect(octal(modeOf(file)), file).toBe('0600');
    }
    expect(octal(modeOf(join(path, '..')))).toBe('0700');
  });

  it('leaves an existing folder as it is', () => {
    const dir = join(tempDir(), 'shared');
    mkdirSync(dir);
    chmodSync(dir, 0o750);
    const store = Store.open(join(dir, 'vendorwatch.db'));
    cleanups.push(() => store.close());
    expect(octal(modeOf(dir))).toBe('0750');
    expect(octal(modeOf(join(dir, 'vendorwatch.db')))).toBe('0600');
  });

  it('writes the backup made before a migration owner-only, even from a database file readable by all', () => {
    const path = join(tempDir(), 'vendorwatch.db');
    // A store at schema version 1, as an older Vendorwatch left it: 0644.
    const old = new Database(path);
    old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    old.exec(MIGRATIONS[0]!.sql);
    old
      .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (1, ?, ?)')
      .run(MIGRATIONS[0]!.name, new Date().toISOString());
    old.close();
    chmodSync(path, 0o644);

    const store = Store.open(path);
    cleanups.push(() => store.close());
    const backup = `${path}.bak-v1`;
    expect(existsSync(backup)).toBe(true);
    expect(octal(modeOf(backup))).toBe('0600');
    const copy = new Database(backup, { readonly: true });
    cleanups.push(() => copy.close());
    expect(copy.prepare('SELECT max(version) AS v FROM schema_migrations').get()).toEqual({ v: 1 });
  });
});
