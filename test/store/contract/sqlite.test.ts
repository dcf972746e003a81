// The repository contract on SQLite: a new file in a temporary folder per store.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';
import { MIGRATIONS } from '../../../src/store/migrations.js';
import { SqliteAsyncStore } from '../../../src/store/sqlite-async-store.js';
import { Store } from '../../../src/store/store.js';
import type { StoreEngine } from './engine.js';
import { defineRepositoryContract } from './repository-contract.js';

const sqlite: StoreEngine = {
  name: 'sqlite',
  async place() {
    const path = join(mkdtempSync(join(tmpdir(), 'vw-contract-')), 'vendorwatch.db');
    return {
      open: async () => SqliteAsyncStore.open(path),
      async schemaVersions() {
        const store = Store.open(path);
        try {
          return (store.db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map(
            (r) => r.version,
          );
        } finally {
          store.close();
        }
      },
      expectedVersions: MIGRATIONS.map((m) => m.version),
    };
  },
};

describe('repository contract on SQLite', () => {
  defineRepositoryContract(sqlite);
});
