// Which engine a VENDORWATCH_DB setting names. Not wired into the app yet (issue 17: callers move to AsyncStore first).

import { SqliteAsyncStore } from '../sqlite-async-store.js';
import { isPostgresUrl } from './database-url.js';
import { PgStore, type PgStoreOptions } from './pg-store.js';

export { isPostgresUrl, maskDatabaseUrl } from './database-url.js';

export type OpenStoreOptions = Omit<PgStoreOptions, 'connectionString'>;

/**
 * A postgres:// or postgresql:// URL opens PgStore (the options apply to it); anything else is a SQLite file path
 * and opens the SQLite store behind the same interface.
 */
export async function openStore(dbSetting: string, options: OpenStoreOptions = {}): Promise<PgStore | SqliteAsyncStore> {
  if (isPostgresUrl(dbSetting)) return PgStore.open({ ...options, connectionString: dbSetting.trim() });
  return SqliteAsyncStore.open(dbSetting);
}
