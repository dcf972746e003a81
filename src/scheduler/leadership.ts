import { createHash } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { hostname } from 'node:os';
import type { Logger } from '../log.js';
import type { LeaseView, ReplicaCoordination } from '../store/async-store.js';

/** The lease every replica competes for: whoever holds it runs the poll cycles, reminders and digests. */
export const POLL_LEASE = 'poll';

/**
 * This process's name among replicas: the configured one, or one made from a hash of the host name and the process
 * id. /healthz shows it to whoever reaches the port, so it never carries the host name itself; the start-up log line
 * (operators only) says which host and process it is.
 */
export function replicaIdFor(configured: string | null): string {
  if (configured) return configured;
  const host = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);
  return `replica-${host}-${process.pid}`;
}

export interface LeadershipOptions {
  coordination: ReplicaCoordination;
  replicaId: string;
  leaseMs: number;
  logger: Logger;
  /** Called when this replica starts leading (to run a cycle at once instead of waiting for the next tick). */
  onElected?: () => void;
}

export interface LeadershipView {
  replicaId: string;
  /** This replica holds the lease now. */
  leading: boolean;
  /** Who the database says leads (null: nobody holds a live lease), and its term. */
  lease: LeaseView | null;
}

/**
 * Keeps this replica's claim on the poll lease: renews it every third of the lease while leading, and tries to take
 * it at the same pace while following, so a dead leader is replaced within a lease plus a third.
 *
 * Leading is judged on this process's own clock, conservatively: the lease counts from the moment the request was
 * sent, so the local deadline always falls before the database's. A leader that cannot renew (database gone, lease
 * taken) stops leading at that local deadline at the latest, and `signal` aborts: the cycle it runs stops writing
 * before another replica may start one.
 */
export class Leadership {
  private timer: NodeJS.Timeout | null = null;
  private leadingUntil = 0;
  private lastLease: LeaseView | null = null;
  private controller = new AbortController();
  private expiryTimer: NodeJS.Timeout | null = null;
  private renewing: Promise<boolean> | null = null;
  private stopped = false;

  constructor(private readonly options: LeadershipOptions) {
    setMaxListeners(0, this.controller.signal);
  }

  get replicaId(): string {
    return this.options.replicaId;
  }

  /** Leading now, on the local clock. */
  get leading(): boolean {
    return !this.stopped && performance.now() < this.leadingUntil;
  }

  /** Aborts when this term of leadership ends; a fresh signal is handed out for each term. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  start(): void {
    if (this.timer || this.stopped) return;
    const every = Math.max(250, Math.floor(this.options.leaseMs / 3));
    this.timer = setInterval(() => void this.renew(), every);
    this.timer.unref();
  }

  /** Takes or renews the lease now; true when this replica leads. Concurrent calls share one request. */
  renew(): Promise<boolean> {
    this.renewing ??= this.tryOnce().finally(() => {
      this.renewing = null;
    });
    return this.renewing;
  }

  private async tryOnce(): Promise<boolean> {
    if (this.stopped) return false;
    const { coordination, replicaId, leaseMs, logger } = this.options;
    const sentAt = performance.now();
    const wasLeading = this.leading;
    try {
      const result = await coordination.tryLeadership(POLL_LEASE, replicaId, leaseMs);
      this.lastLease = { name: result.name, holder: result.holder, term: result.term, expiresAt: result.expiresAt };
      if (result.isLeader && !this.stopped) {
        this.leadingUntil = sentAt + leaseMs;
        this.armExpiry();
        if (!wasLeading) {
          logger.info(
            { replica: replicaId, term: result.term },
            `this replica now leads (term ${result.term}): it polls and sends reminders and digests`,
          );
          this.options.onElected?.();
        }
        return true;
      }
      if (wasLeading) this.stepDown(`replica ${result.holder ?? 'unknown'} holds the lease now`);
      return false;
    } catch (error) {
      // Not knowing is not leading: keep the local deadline already earned, and let it run out if this persists.
      logger.warn({ err: error, replica: replicaId }, 'could not renew the poll lease');
      return this.leading;
    }
  }

  /** Steps down when the local deadline passes without a renewal. */
  private armExpiry(): void {
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    const wait = Math.max(0, this.leadingUntil - performance.now());
    this.expiryTimer = setTimeout(() => {
      this.expiryTimer = null;
      if (!this.leading) this.stepDown('the lease ran out before it could be renewed');
    }, wait + 1);
    this.expiryTimer.unref();
  }

  private stepDown(why: string): void {
    this.leadingUntil = 0;
    this.options.logger.warn({ replica: this.options.replicaId }, `this replica no longer leads: ${why}`);
    this.controller.abort(new Error(`leadership lost: ${why}`));
    this.controller = new AbortController();
    setMaxListeners(0, this.controller.signal);
  }

  /** What /healthz and `status` show; reads who leads from the database (falls back to the last answer). */
  async view(): Promise<LeadershipView> {
    try {
      this.lastLease = await this.options.coordination.leader(POLL_LEASE);
    } catch {
      // The store check of /healthz reports an unreachable database; here the last known lease is enough.
    }
    return { replicaId: this.options.replicaId, leading: this.leading, lease: this.lastLease };
  }

  /** Stops renewing and hands the lease over at once, so another replica need not wait for it to run out. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.timer = null;
    this.expiryTimer = null;
    await this.renewing?.catch(() => undefined);
    const held = this.leading;
    this.stopped = true;
    this.leadingUntil = 0;
    if (!held) return;
    try {
      await this.options.coordination.releaseLeadership(POLL_LEASE, this.options.replicaId);
      this.options.logger.info({ replica: this.options.replicaId }, 'handed the poll lease over');
    } catch (error) {
      this.options.logger.warn({ err: error }, 'could not hand the poll lease over: another replica takes it when it runs out');
    }
  }
}
