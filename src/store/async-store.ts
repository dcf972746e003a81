// The store as callers will see it once the store can be PostgreSQL (issue 17): the same repositories with the
// same method names as the SQLite `Store`, every method returning a Promise. Two engines implement it:
// SqliteAsyncStore (the existing synchronous store, wrapped; src/store/sqlite-async-store.ts) and PgStore
// (src/store/postgres/). The repository method signatures are derived from the SQLite repositories, so the record
// types stay the ones they export and a method added there is a method every engine must have.

import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from '../log.js';
import type { CorrectionRepository } from './correction-repository.js';
import type { DeliveryRecord, DeliveryRepository } from './delivery-repository.js';
import type { FeedRepository } from './feed-repository.js';
import type { IncidentRepository } from './incident-repository.js';
import type { InteractionRepository } from './interaction-repository.js';
import type { ItemRepository } from './item-repository.js';
import type { CycleRecord } from './store.js';

/** Every public method of T, returning a Promise of what it returned. */
export type Promisified<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

export type AsyncFeedRepository = Promisified<FeedRepository>;
export type AsyncItemRepository = Promisified<ItemRepository>;
export type AsyncIncidentRepository = Promisified<IncidentRepository>;
export type AsyncInteractionRepository = Promisified<InteractionRepository>;
export type AsyncCorrectionRepository = Promisified<CorrectionRepository>;

export interface ClaimOptions {
  /** What "due" is measured against (as `due(now)`); the clock by default. */
  now?: Date;
  /** How long the claim keeps other replicas off these deliveries; 60 s by default. */
  leaseMs?: number;
}

export const DEFAULT_CLAIM_LEASE_MS = 60_000;
/** A claim or a lease longer than a day is a mistake (a replica that dies holds it that long). */
export const MAX_LEASE_MS = 24 * 60 * 60_000;

export interface AsyncDeliveryRepository extends Promisified<DeliveryRepository> {
  /** How many deliveries have this status (the status report's failed count). */
  countByStatus(status: DeliveryRecord['status']): Promise<number>;
  /**
   * Claims up to `limit` deliveries that `due(now)` would return and no other replica holds a live claim on, oldest
   * first, for `leaseMs`. A destination's queue is never split between replicas: a delivery is not claimed while an
   * older pending one to the same destination is backing off or held by another replica, so messages still reach a
   * channel in the order they were queued. Claiming again what this replica holds renews the claim. markSent,
   * markAttemptFailed and postpone end the claim; a replica that dies loses it when the lease runs out.
   */
  claimDeliveries(replicaId: string, limit: number, options?: ClaimOptions): Promise<DeliveryRecord[]>;
  /** Gives up every claim this replica holds (a clean shutdown); returns how many. */
  releaseClaims(replicaId: string): Promise<number>;
}

export interface DigestEntry {
  sentAt: Date;
  coveredSince: Date;
  lines: number;
}

/** The daily digests queued so far (src/notices/digest.ts reads and writes these with SQL today). */
export interface AsyncDigestRepository {
  /** When the last digest was queued (ISO 8601), or null when none was. */
  lastSentAt(): Promise<string | null>;
  record(entry: DigestEntry): Promise<void>;
}

/** Who holds a named lease (leadership of the poll cycle, say). */
export interface LeaseView {
  name: string;
  /** The replica holding a live lease; null when nobody does (never taken, released, or run out). */
  holder: string | null;
  /** Goes up by one each time the lease changes hands: a fencing token. 0 when never taken. */
  term: number;
  /** When the current (or last) lease runs out, ISO 8601; null when never taken. */
  expiresAt: string | null;
}

export interface Leadership extends LeaseView {
  /** The asking replica holds the lease now (taken or renewed by this call). */
  isLeader: boolean;
}

/** What several replicas on one database need to agree on. */
export interface ReplicaCoordination {
  /**
   * Takes the lease `name` for `replicaId` for `leaseMs` when nobody holds a live one, or renews it when this replica
   * holds it. A leader renews well within `leaseMs` (a third of it, say); one that fails to renew stops leading.
   */
  tryLeadership(name: string, replicaId: string, leaseMs: number): Promise<Leadership>;
  /** Ends this replica's lease at once so another can take it; false when it held none. */
  releaseLeadership(name: string, replicaId: string): Promise<boolean>;
  /** Who leads now, for /healthz and `status`. */
  leader(name: string): Promise<LeaseView>;
}

/** At most one poll cycle writes at a time, across processes (see src/store/cycle-lock.ts). */
export interface AsyncCycleLock {
  /** Tries once; true when this lock now holds it. */
  tryAcquire(): Promise<boolean>;
  /** Waits until the lock is ours, checking every `pollMs`; rejects when `signal` aborts. */
  acquire(signal?: AbortSignal, pollMs?: number): Promise<void>;
  release(): Promise<void>;
}

export type StoreEngine = 'sqlite' | 'postgres';

export interface AsyncStore {
  readonly engine: StoreEngine;
  /** Where the data is, fit for a log line (a PostgreSQL password is masked). */
  readonly location: string;
  readonly feeds: AsyncFeedRepository;
  readonly items: AsyncItemRepository;
  readonly incidents: AsyncIncidentRepository;
  readonly deliveries: AsyncDeliveryRepository;
  readonly interactions: AsyncInteractionRepository;
  readonly corrections: AsyncCorrectionRepository;
  readonly digests: AsyncDigestRepository;
  readonly replicas: ReplicaCoordination;

  /**
   * Runs `work` in one transaction: everything it writes through `tx` lands together or not at all. Use `tx`, not
   * this store, inside `work`: a call on the outer store while the transaction is open is refused (on SQLite it
   * would wait for the transaction forever; on PostgreSQL it would run outside it). `tx.transaction` nests as a
   * savepoint. Do not run several calls of one transaction concurrently.
   */
  transaction<T>(work: (tx: AsyncStore) => Promise<T>): Promise<T>;

  startCycle(at: Date): Promise<number>;
  finishCycle(id: number, at: Date, stats: Omit<CycleRecord, 'id' | 'startedAt' | 'finishedAt'>): Promise<void>;
  lastCycle(): Promise<CycleRecord | null>;

  /** Writes a probe row; rejects when the store cannot be written (the /healthz store check). */
  probeWritable(at: Date): Promise<void>;
  /** A cycle lock for this process (each call is another holder). */
  createCycleLock(logger: Logger, now?: () => Date): AsyncCycleLock;

  close(): Promise<void>;
}

export class StoreMisuseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreMisuseError';
  }
}

/** The transaction a piece of async work runs in, so a call on the outer store from inside it can be refused. */
export interface TransactionContext {
  /** The root store whose transaction this is. */
  readonly owner: object;
  open: boolean;
}

export const transactionContext = new AsyncLocalStorage<TransactionContext>();

/** Throws when called from inside an open transaction of `owner` (use the transaction's store instead). */
export function refuseInsideTransaction(owner: object, what: string): void {
  const context = transactionContext.getStore();
  if (context?.open && context.owner === owner) {
    throw new StoreMisuseError(`${what} on the store while one of its transactions is open: use the store passed to the transaction`);
  }
}

export function checkLeaseMs(leaseMs: number, what: string): number {
  if (!Number.isInteger(leaseMs) || leaseMs <= 0 || leaseMs > MAX_LEASE_MS) {
    throw new RangeError(`${what} must be a whole number of milliseconds between 1 and ${MAX_LEASE_MS}, not ${leaseMs}`);
  }
  return leaseMs;
}

export function checkReplicaId(replicaId: string): string {
  if (typeof replicaId !== 'string' || replicaId.length === 0 || replicaId.length > 200) {
    throw new RangeError('a replica id is 1 to 200 characters');
  }
  return replicaId;
}
