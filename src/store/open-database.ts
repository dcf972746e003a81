import { closeSync, existsSync, fchmodSync, fsyncSync, mkdirSync, openSync, readdirSync, readSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

/**
 * The database holds who acknowledged and muted what, Teams conversation references and the alert history: owner
 * only. SQLite gives its -wal and -shm files the main file's mode, so a private main file makes them private too.
 */
const PRIVATE_FILE_MODE = 0o600;
/** A folder Vendorwatch creates for the database is the owner's alone; an existing folder is left as it is. */
const PRIVATE_DIR_MODE = 0o700;

export class StoreError extends Error {
  constructor(
    message: string,
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}

/**
 * Opens (creating if needed) the SQLite file in WAL mode and applies pending migrations in one transaction.
 * Before migrating an existing file it is copied to `<file>.bak-v<from>` so a failed upgrade can be undone.
 */
export function openDatabase(path: string): Db {
  const inMemory = path === ':memory:';
  if (!inMemory) {
    try {
      mkdirSync(dirname(path), { recursive: true, mode: PRIVATE_DIR_MODE });
    } catch (error) {
      throw new StoreError(`cannot create the folder for the database ${path}: ${(error as Error).message}`, path, { cause: error });
    }
  }
  const existed = !inMemory && existsSync(path);
  let db: Db;
  try {
    // Created empty and private before SQLite writes a byte (an empty file is a valid new database), instead of
    // SQLite creating it 0644 and a chmod afterwards: no moment where the data is readable by others.
    if (!inMemory && !existed) createPrivateFile(path);
    db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    const backup = inMemory ? null : newestBackup(path);
    throw new StoreError(
      `cannot open the database ${path}: ${(error as Error).message}. ` +
        (backup
          ? `If the file is damaged, move it aside and restore the backup made before the last upgrade: cp ${backup} ${path}`
          : "If the file is damaged, move it aside and start again (Vendorwatch then re-reads the feeds silently; nothing is re-alerted from the feeds' first poll)."),
      path,
      { cause: error },
    );
  }
  migrate(db, path, existed);
  reusePreparedStatements(db);
  return db;
}

/** More distinct statements than the repositories have means SQL is being built from data: stop caching then. */
const MAX_CACHED_STATEMENTS = 500;

/**
 * better-sqlite3 compiles the SQL again on every prepare(), and each compiled statement holds native memory until
 * V8 collects it: tens of thousands per poll cycle. The repositories' SQL is fixed text, so each statement is
 * compiled once and reused. Reuse is safe because no repository iterates a statement lazily or changes its mode
 * (pluck, raw, expand): every call runs to completion before the next begins.
 */
function reusePreparedStatements(db: Db): void {
  const compile = db.prepare.bind(db);
  const statements = new Map<string, Database.Statement>();
  db.prepare = ((sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = compile(sql);
      if (statements.size < MAX_CACHED_STATEMENTS) statements.set(sql, statement);
    }
    return statement;
  }) as Db['prepare'];
}

/** The most recent `<file>.bak-vN` copy made before a migration, if any. */
function newestBackup(path: string): string | null {
  const prefix = `${basename(path)}.bak-v`;
  try {
    const backups = readdirSync(dirname(path))
      .filter((name) => name.startsWith(prefix))
      .map((name) => join(dirname(path), name))
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
    return backups[0] ?? null;
  } catch {
    return null;
  }
}

function migrate(db: Db, path: string, existed: boolean): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const current = (db.prepare('SELECT coalesce(max(version), 0) AS v FROM schema_migrations').get() as { v: number }).v;
  const pending = MIGRATIONS.filter((m) => m.version > current);
  const latest = MIGRATIONS.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new StoreError(
      `the database ${path} is at schema version ${current}, newer than this Vendorwatch (${latest}): upgrade Vendorwatch`,
      path,
    );
  }
  if (pending.length === 0) return;
  if (existed && current > 0) {
    db.pragma('wal_checkpoint(TRUNCATE)');
    copyPrivately(path, `${path}.bak-v${current}`);
  }
  const apply = db.transaction(() => {
    for (const migration of pending) {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        new Date().toISOString(),
      );
    }
  });
  apply();
}

/** Creates `path` owner-only; someone else creating it first (another process opening the same store) is fine. */
function createPrivateFile(path: string): void {
  let fd: number;
  try {
    fd = openSync(path, 'wx', PRIVATE_FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw error;
  }
  try {
    // The mode given to open is cut by the umask; this makes it exactly owner read-write.
    fchmodSync(fd, PRIVATE_FILE_MODE);
  } finally {
    closeSync(fd);
  }
}

const COPY_CHUNK_BYTES = 1024 * 1024;

/**
 * Copies the database to a backup that is owner-only whatever the source's mode (a file from an older Vendorwatch
 * may be 0644). copyFileSync cannot do that: it gives the copy the source's mode.
 */
function copyPrivately(from: string, to: string): void {
  const source = openSync(from, 'r');
  try {
    const target = openSync(to, 'w', PRIVATE_FILE_MODE);
    try {
      // Before any byte is written; also tightens an older backup of the same name being overwritten.
      fchmodSync(target, PRIVATE_FILE_MODE);
      const chunk = Buffer.allocUnsafe(COPY_CHUNK_BYTES);
      for (let read = readSync(source, chunk); read > 0; read = readSync(source, chunk)) {
        for (let written = 0; written < read; ) written += writeSync(target, chunk, written, read - written);
      }
      fsyncSync(target);
    } finally {
      closeSync(target);
    }
  } finally {
    closeSync(source);
  }
}
