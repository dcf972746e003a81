// The SQLite store behind the AsyncStore interface: the existing synchronous Store, unchanged, called through
// Promises. Every repository method runs the very same synchronous code.
//
// Transactions. better-sqlite3's db.transaction(fn) cannot span an await: it commits when fn returns, and an async
// fn returns at its first await. So a transaction here is opened by hand on the store's one connection (BEGIN
// IMMEDIATE: the write lock is taken up front, so the transaction cannot fail half-way for want of it), the callback's
// repository calls run inside it through the transaction's store, and it ends with COMMIT, or ROLLBACK when the
// callback throws. While it is open nothing else may use the connection, or that work would land inside it (and be
// rolled back with it): every call on the outer store and every other transaction waits for a mutex the transaction
// holds until it ends, in the order they were made. A call on the outer store from inside the callback would wait
// forever, so it is refused with a StoreMisuseError instead. Nested transactions are savepoints, as in better-sqlite3,
// and the repositories' own db.transaction() calls nest as savepoints inside ours.
//
// Replicas. SQLite is the one-box engine: replicas need PostgreSQL. The lease and claim primitives exist here so that
// code written against AsyncStore runs on both engines; on SQLite they live in this process's memory (one process is
// the only replica; two `start` processes on one file do not share them).

import type { Logger } from '../log.js';
import {
  type AsyncCorrectionRepository,
  type AsyncCycleLock,
  type AsyncDeliveryRepository,
  type AsyncDigestRepository,
  type AsyncFeedRepository,
  type AsyncIncidentRepository,
  type AsyncInteractionRepository,
  type AsyncItemRepository,
  type AsyncStore,
  type ClaimOptions,
  checkLeaseMs,
  checkReplicaId,
  DEFAULT_CLAIM_LEASE_MS,
  type Leadership,
  type LeaseView,
  type Promisified,
  type ReplicaCoordination,
  refuseInsideTransaction,
  StoreMisuseError,
  type TransactionContext,
  transactionContext,
} from './async-store.js';
import { CycleLock } from './cycle-lock.js';
import type { DeliveryRecord } from './delivery-repository.js';
import { Store } from './store.js';

/** First come, first served: run() waits for every run() called before it to finish. */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();

  run<T>(work: () => T | Promise<T>): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    return previous.then(work).finally(release);
  }
}

interface Claim {
  replicaId: string;
  /** Date.now() at which the claim runs out. */
  until: number;
}

interface Lease {
  holder: string;
  term: number;
  expiresAt: number;
}

/** What every view of one SQLite store shares: the connection, its mutex, and the in-process leases and claims. */
class Session {
  readonly mutex = new Mutex();
  readonly claims = new Map<string, Claim>();
  readonly leases = new Map<string, Lease>();
  savepoints = 0;
  closed = false;

  constructor(readonly store: Store) {}
}

type Run = <R>(work: () => R) => Promise<R>;

/** Wraps every method of a synchronous repository so that it runs through `run`. */
function promisify<T extends object>(repository: T, run: Run): Promisified<T> {
  const wrapped: Record<string, unknown> = {};
  const prototype = Object.getPrototypeOf(repository) as object;
  for (const name of Object.getOwnPropertyNames(prototype)) {
    if (name === 'constructor') continue;
    const method = (repository as Record<string, unknown>)[name];
    if (typeof method !== 'function') continue;
    wrapped[name] = (...args: unknown[]) => run(() => (method as (...a: unknown[]) => unknown).apply(repository, args));
  }
  return wrapped as Promisified<T>;
}

export class SqliteAsyncStore implements AsyncStore {
  readonly engine = 'sqlite' as const;
  readonly location: string;
  readonly feeds: AsyncFeedRepository;
  readonly items: AsyncItemRepository;
  readonly incidents: AsyncIncidentRepository;
  readonly deliveries: AsyncDeliveryRepository;
  readonly interactions: AsyncInteractionRepository;
  readonly corrections: AsyncCorrectionRepository;
  readonly digests: AsyncDigestRepository;
  readonly replicas: ReplicaCoordination;

  /** The root store's session, or the transaction this view belongs to. */
  private constructor(
    private readonly session: Session,
    private readonly root: SqliteAsyncStore | null,
    private readonly context: TransactionContext | null,
  ) {
    const run = this.runner();
    const store = session.store;
    this.location = store.path;
    this.feeds = promisify(store.feeds, run);
    this.items = promisify(store.items, run);
    this.incidents = promisify(store.incidents, run);
    this.interactions = promisify(store.interactions, run);
    this.corrections = promisify(store.corrections, run);
    const deliveries = promisify(store.deliveries, run);
    /** Runs a write that ends a delivery's claim, then ends it (only once the write succeeded). */
    const ending = (id: string, write: () => void) =>
      run(() => {
        write();
        session.claims.delete(id);
      });
    this.deliveries = {
      ...deliveries,
      markSent: (id, messageId, at) => ending(id, () => store.deliveries.markSent(id, messageId, at)),
      markAttemptFailed: (id, error, retryAt, mayHaveArrived) =>
        ending(id, () => store.deliveries.markAttemptFailed(id, error, retryAt, mayHaveArrived)),
      postpone: (id, until) => ending(id, () => store.deliveries.postpone(id, until)),
      countByStatus: (status) =>
        run(() => (store.db.prepare('SELECT count(*) AS n FROM deliveries WHERE status = ?').get(status) as { n: number }).n),
      claimDeliveries: (replicaId, limit, options) => run(() => this.claim(replicaId, limit, options)),
      releaseClaims: (replicaId) =>
        run(() => {
          let released = 0;
          for (const [id, claim] of session.claims) {
            if (claim.replicaId === replicaId) {
              session.claims.delete(id);
              released += 1;
            }
          }
          return released;
        }),
    };
    this.digests = {
      lastSentAt: () => run(() => (store.db.prepare('SELECT max(sent_at) AS at FROM digests').get() as { at: string | null }).at),
      record: (entry) =>
        run(() => {
          store.db
            .prepare('INSERT INTO digests (sent_at, covered_since, lines) VALUES (?, ?, ?)')
            .run(entry.sentAt.toISOString(), entry.coveredSince.toISOString(), entry.lines);
        }),
    };
    this.replicas = {
      tryLeadership: (name, replicaId, leaseMs) => run(() => this.takeLease(name, replicaId, leaseMs)),
      releaseLeadership: (name, replicaId) =>
        run(() => {
          const lease = session.leases.get(name);
          if (!lease || lease.holder !== replicaId || lease.expiresAt <= Date.now()) return false;
          lease.expiresAt = Date.now();
          return true;
        }),
      leader: (name) => run(() => this.leaseView(name)),
    };
  }

  static open(path: string): SqliteAsyncStore {
    return SqliteAsyncStore.wrap(Store.open(path));
  }

  /** Puts an open synchronous store behind the async interface; closing this closes it. */
  static wrap(store: Store): SqliteAsyncStore {
    return new SqliteAsyncStore(new Session(store), null, null);
  }

  /** The synchronous store underneath, for code not converted yet. Do not use it while a transaction is open. */
  get sync(): Store {
    return this.session.store;
  }

  /** Root: wait for the mutex (no transaction is open). Transaction view: run at once, inside it. */
  private runner(): Run {
    const session = this.session;
    const context = this.context;
    if (context === null) {
      return <R>(work: () => R): Promise<R> => {
        try {
          refuseInsideTransaction(this, 'a call');
          if (session.closed) throw new StoreMisuseError('the store is closed');
        } catch (error) {
          return Promise.reject(error);
        }
        return session.mutex.run(work);
      };
    }
    return <R>(work: () => R): Promise<R> => {
      if (!context.open) return Promise.reject(new StoreMisuseError('a call on a transaction that has already ended'));
      try {
        return Promise.resolve(work());
      } catch (error) {
        return Promise.reject(error);
      }
    };
  }

  async transaction<T>(work: (tx: AsyncStore) => Promise<T>): Promise<T> {
    const session = this.session;
    const db = session.store.db;
    if (this.context !== null) {
      const outer = this.context;
      if (!outer.open) throw new StoreMisuseError('a transaction on a transaction that has already ended');
      const name = `vw_async_${++session.savepoints}`;
      db.exec(`SAVEPOINT ${name}`);
      try {
        const result = await work(this);
        db.exec(`RELEASE ${name}`);
        return result;
      } catch (error) {
        if (db.inTransaction) {
          db.exec(`ROLLBACK TO ${name}`);
          db.exec(`RELEASE ${name}`);
        }
        throw error;
      }
    }
    refuseInsideTransaction(this, 'a transaction');
    if (session.closed) throw new StoreMisuseError('the store is closed');
    return session.mutex.run(async () => {
      const context: TransactionContext = { owner: this, open: true };
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await transactionContext.run(context, () => work(new SqliteAsyncStore(session, this, context)));
        db.exec('COMMIT');
        return result;
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      } finally {
        context.open = false;
      }
    });
  }

  startCycle(at: Date): Promise<number> {
    return this.runner()(() => this.session.store.startCycle(at));
  }

  finishCycle(id: number, at: Date, stats: Parameters<Store['finishCycle']>[2]): Promise<void> {
    return this.runner()(() => this.session.store.finishCycle(id, at, stats));
  }

  lastCycle(): ReturnType<AsyncStore['lastCycle']> {
    return this.runner()(() => this.session.store.lastCycle());
  }

  /** The same probe as the /healthz store check on SQLite (src/observability/health.ts). */
  probeWritable(at: Date): Promise<void> {
    const db = this.session.store.db;
    return this.runner()(() => {
      db.exec('CREATE TABLE IF NOT EXISTS health_probe (id INTEGER PRIMARY KEY CHECK (id = 1), checked_at TEXT NOT NULL)');
      db.prepare(
        'INSERT INTO health_probe (id, checked_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at',
      ).run(at.toISOString());
    });
  }

  createCycleLock(logger: Logger, now: () => Date = () => new Date()): AsyncCycleLock {
    const root = this.root ?? this;
    const lock = new CycleLock(this.session.store.db, logger, now);
    const db = this.session.store.db;
    return {
      tryAcquire: () => root.runner()(() => lock.tryAcquire()),
      release: () => root.runner()(() => lock.release()),
      // As CycleLock.acquire, with every look at the database through the mutex.
      acquire: async (signal?: AbortSignal, pollMs = 250) => {
        let told = false;
        while (!(await root.runner()(() => lock.tryAcquire()))) {
          if (signal?.aborted) throw new Error('aborted while waiting for the cycle lock');
          if (!told) {
            const current = await root.runner()(
              () => db.prepare('SELECT pid FROM cycle_lock WHERE id = 1').get() as { pid: number } | undefined,
            );
            logger.info(
              { pid: current?.pid },
              `another Vendorwatch process (pid ${current?.pid ?? '?'}) is running a cycle on this database: waiting for it`,
            );
            told = true;
          }
          await new Promise((resolve) => setTimeout(resolve, pollMs));
        }
      },
    };
  }

  async close(): Promise<void> {
    if (this.context !== null) throw new StoreMisuseError('close the store, not a transaction');
    refuseInsideTransaction(this, 'close');
    if (this.session.closed) return;
    await this.session.mutex.run(() => {
      this.session.closed = true;
      this.session.store.close();
    });
  }

  private claim(replicaId: string, limit: number, options: ClaimOptions = {}): DeliveryRecord[] {
    checkReplicaId(replicaId);
    const leaseMs = checkLeaseMs(options.leaseMs ?? DEFAULT_CLAIM_LEASE_MS, 'a claim lease');
    if (!Number.isInteger(limit) || limit <= 0) return [];
    const claims = this.session.claims;
    const clock = Date.now();
    const heldByOther = (id: string) => {
      const claim = claims.get(id);
      return claim !== undefined && claim.replicaId !== replicaId && claim.until > clock;
    };
    // due() already holds a destination back behind an older delivery that is backing off; what it cannot know is
    // who holds a claim, so a destination whose older delivery another replica holds stops here.
    const blocked = new Set<string>();
    const claimed: DeliveryRecord[] = [];
    for (const delivery of this.session.store.deliveries.due(options.now ?? new Date(), Number.MAX_SAFE_INTEGER)) {
      if (claimed.length >= limit) break;
      const destination = `${delivery.destination.platform}\n${delivery.destination.address}`;
      if (blocked.has(destination)) continue;
      if (heldByOther(delivery.id)) {
        blocked.add(destination);
        continue;
      }
      claims.set(delivery.id, { replicaId, until: clock + leaseMs });
      claimed.push(delivery);
    }
    return claimed;
  }

  private takeLease(name: string, replicaId: string, leaseMs: number): Leadership {
    checkReplicaId(replicaId);
    checkLeaseMs(leaseMs, 'a lease');
    const clock = Date.now();
    const lease = this.session.leases.get(name);
    if (lease === undefined) {
      this.session.leases.set(name, { holder: replicaId, term: 1, expiresAt: clock + leaseMs });
    } else if (lease.holder === replicaId) {
      lease.expiresAt = clock + leaseMs;
    } else if (lease.expiresAt <= clock) {
      lease.holder = replicaId;
      lease.term += 1;
      lease.expiresAt = clock + leaseMs;
    }
    const view = this.leaseView(name);
    return { ...view, isLeader: view.holder === replicaId };
  }

  private leaseView(name: string): LeaseView {
    const lease = this.session.leases.get(name);
    if (lease === undefined) return { name, holder: null, term: 0, expiresAt: null };
    return {
      name,
      holder: lease.expiresAt > Date.now() ? lease.holder : null,
      term: lease.term,
      expiresAt: new Date(lease.expiresAt).toISOString(),
    };
  }
}
