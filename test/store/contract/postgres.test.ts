// The repository contract on PostgreSQL: a database of its own for this file, a new schema per store. Skipped, and
// saying so, when no PostgreSQL server answers (test/support/postgres.ts says where it looks).

import { describe } from 'vitest';
import { PG_MIGRATIONS } from '../../../src/store/postgres/pg-migrations.js';
import { PgStore } from '../../../src/store/postgres/pg-store.js';
import { createTestDatabase, postgresAvailable, skippedTitle } from '../../support/postgres.js';
import type { StoreEngine } from './engine.js';
import { defineRepositoryContract } from './repository-contract.js';

const available = await postgresAvailable();

if (available) {
  const database = await createTestDatabase('contract');
  const postgres: StoreEngine = {
    name: 'postgres',
    async place() {
      const { schema, options } = await database.freshSchema();
      return {
        open: async () => database.track(await PgStore.open(options)),
        async schemaVersions() {
          const rows = await database.query<{ version: number }>(`SELECT version FROM ${schema}.schema_migrations ORDER BY version`);
          return rows.map((r) => Number(r.version));
        },
        expectedVersions: PG_MIGRATIONS.map((m) => m.version),
      };
    },
  };
  describe('repository contract on PostgreSQL', () => {
    defineRepositoryContract(postgres);
  });
} else {
  // Once per run: the other PostgreSQL test files only skip.
  console.warn(skippedTitle());
  describe.skip(skippedTitle(), () => {
    defineRepositoryContract({ name: 'postgres', place: () => Promise.reject(new Error('no PostgreSQL server')) });
  });
}
