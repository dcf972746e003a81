// What the repository contract needs of an engine: fresh empty stores, and a place that can be opened again.

import type { AsyncStore } from '../../../src/store/async-store.js';

export interface StorePlace {
  /** Opens the store at this place (again: another process's view of the same data). */
  open(): Promise<AsyncStore>;
  /** The schema versions recorded as applied at this place. */
  schemaVersions(): Promise<number[]>;
  /** What a fully migrated store of this engine records. */
  expectedVersions: number[];
}

export interface StoreEngine {
  name: 'sqlite' | 'postgres';
  /** A new place, empty until opened. */
  place(): Promise<StorePlace>;
}
