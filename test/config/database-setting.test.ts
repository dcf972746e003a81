// VENDORWATCH_DB names the engine: a file path is SQLite (made absolute, as always), a postgres:// or postgresql://
// URL is PostgreSQL (kept as given). VENDORWATCH_DB_POOL_SIZE sizes the PostgreSQL pool. A URL the driver could not
// read is refused at start-up without repeating it: it may hold a password.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load-config.js';
import { createRedactingStream, secretsOf } from '../../src/observability/redact-secrets.js';
import { collectStatus } from '../../src/observability/status-report.js';
import { SqliteAsyncStore } from '../../src/store/sqlite-async-store.js';

const cwd = mkdtempSync(join(tmpdir(), 'vw-config-db-'));

function problemsOf(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env, { cwd });
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('VENDORWATCH_DB and VENDORWATCH_DB_POOL_SIZE', () => {
  it('keeps a file path as a SQLite file under the working directory, with a pool of 10 for PostgreSQL by default', () => {
    const config = loadConfig({ VENDORWATCH_DB: 'state/vw.db' }, { cwd });
    expect(config.dbPath).toBe(join(cwd, 'state', 'vw.db'));
    expect(config.dbPoolSize).toBe(10);
  });

  it('keeps a postgres:// or postgresql:// URL as given, and reads the pool size', () => {
    const url = 'postgresql://vendorwatch:pw-Xy7@db.internal:5432/vendorwatch?sslmode=require';
    const config = loadConfig({ VENDORWATCH_DB: url, VENDORWATCH_DB_POOL_SIZE: '25' }, { cwd });
    expect(config.dbPath).toBe(url);
    expect(config.dbPoolSize).toBe(25);
    expect(loadConfig({ VENDORWATCH_DB: ' postgres://db.internal/vw ' }, { cwd }).dbPath).toBe('postgres://db.internal/vw');
  });

  it('refuses a pool size that is not a whole number from 1 to 200, naming the variable', () => {
    for (const size of ['0', '201', 'ten', '2.5']) {
      expect(problemsOf({ VENDORWATCH_DB_POOL_SIZE: size }).problems).toEqual([
        expect.objectContaining({ field: 'VENDORWATCH_DB_POOL_SIZE', message: expect.stringContaining('1 to 200') }),
      ]);
    }
  });

  it('refuses a PostgreSQL URL with no host without repeating it (it holds a password)', () => {
    const error = problemsOf({ VENDORWATCH_DB: 'postgres://vendorwatch:Sup3r-Secret-Pw@' });
    expect(error.problems).toEqual([
      expect.objectContaining({ field: 'VENDORWATCH_DB', message: expect.stringContaining('PostgreSQL URL') }),
    ]);
    expect(error.message).not.toContain('Sup3r-Secret-Pw');
  });

  it('shows the database in `status` with the password masked', async () => {
    const store = SqliteAsyncStore.open(':memory:');
    try {
      const report = await collectStatus(
        store,
        { feeds: [], dbPath: 'postgres://vendorwatch:Sup3r-Secret-Pw@db.internal:5432/vendorwatch?password=Other-Secret' },
        new Date(),
      );
      expect(report.database).toBe('postgres://vendorwatch:***@db.internal:5432/vendorwatch?password=***');
      expect(JSON.stringify(report)).not.toMatch(/Sup3r-Secret-Pw|Other-Secret/);
    } finally {
      await store.close();
    }
  });

  it('masks the PostgreSQL password in every log line, however a message quotes it', async () => {
    const config = loadConfig(
      { VENDORWATCH_DB: 'postgres://vendorwatch:Sup3r%2FSecret-Pw@db.internal:5432/vendorwatch?sslpassword=Key-Phrase-42' },
      { cwd },
    );
    const sink = new PassThrough();
    let written = '';
    sink.on('data', (chunk: Buffer) => (written += chunk.toString('utf8')));
    const log = createRedactingStream(sink, secretsOf(config));
    log.write('connect failed for Sup3r/Secret-Pw and Sup3r%2FSecret-Pw with Key-Phrase-42\n');
    await new Promise<void>((resolve) => log.end(resolve));
    expect(written).toContain('connect failed for [redacted]');
    expect(written).not.toMatch(/Sup3r|Key-Phrase/);
  });
});
