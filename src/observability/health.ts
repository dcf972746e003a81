import type { Config } from '../config/load-config.js';
import type { Db } from '../store/open-database.js';
import type { CycleSnapshot } from './cycle-monitor.js';

export interface HealthStatus {
  ok: boolean;
  /**
   * A generic phrase (`store unavailable`, `poll overdue`, …), safe to show anyone who reaches /healthz: never an
   * error message, path, feed URL or host name.
   */
  reason: string | null;
  /** What exactly is wrong, for the operator's log only. */
  detail: string | null;
  /** Standing configuration warnings, shown even while healthy. */
  warnings?: readonly string[];
  /** Which replica this is and who polls (replicas on PostgreSQL); shown on every answer. */
  replica?: ReplicaRole;
}

export interface ReplicaRole {
  id: string;
  role: 'leader' | 'follower';
  /** The replica holding the poll lease; null when none does right now. */
  leader: string | null;
}

/** The generic reasons /healthz gives. */
const HEALTH_REASONS = {
  store: 'store unavailable',
  cycleStuck: 'poll cycle running too long',
  overdue: 'poll overdue',
} as const;

/**
 * Settings that weaken Vendorwatch on purpose, in the words /healthz and `vendorwatch status` show them: nobody
 * should be able to leave one on without it showing.
 */
export function configurationWarnings(config: Pick<Config, 'teams'>): string[] {
  return config.teams?.dangerouslyAllowUnauthenticated ? ['teams authentication is off'] : [];
}

export interface CycleDeadlines {
  /** A cycle still running after this long is wedged. */
  maxCycleMs: number;
  /** The first cycle after start-up must have finished within this long. */
  firstCycleGraceMs: number;
  /** The last successful cycle must have finished no longer ago than this. */
  staleAfterMs: number;
}

const MINUTE_MS = 60_000;

/**
 * Deadlines from the schedule's longest gap between runs: a cycle may take up to two gaps (clamped to 10 min–1 h,
 * a cycle is bounded by feed timeouts, not by the schedule), and one tick may be skipped while a long cycle runs.
 */
export function deadlinesForSchedule(longestGapMs: number): CycleDeadlines {
  const maxCycleMs = Math.min(Math.max(2 * longestGapMs, 10 * MINUTE_MS), 60 * MINUTE_MS);
  return { maxCycleMs, firstCycleGraceMs: maxCycleMs, staleAfterMs: 2 * longestGapMs + maxCycleMs };
}

/** What the health check needs of the store: a real committed write (AsyncStore.probeWritable). */
export interface WritableProbe {
  probeWritable(at: Date): Promise<void>;
}

/**
 * The SQLite probe on a bare connection (tests swap connections under a running check). `BEGIN IMMEDIATE` is not
 * enough: on a connection opened read-only it still succeeds; only writing a row fails there (SQLITE_READONLY), as it
 * does under `PRAGMA query_only`, on a full disk or when the file's permissions were taken away.
 */
export function sqliteProbe(db: Db): WritableProbe {
  return {
    probeWritable: async (at) => {
      db.exec('CREATE TABLE IF NOT EXISTS health_probe (id INTEGER PRIMARY KEY CHECK (id = 1), checked_at TEXT NOT NULL)');
      db.prepare(
        'INSERT INTO health_probe (id, checked_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at',
      ).run(at.toISOString());
    },
  };
}

/** Proves the store takes writes with a real committed write to a one-row table (on either engine). */
async function probeStoreWritable(store: WritableProbe, at: Date): Promise<HealthStatus> {
  try {
    await store.probeWritable(at);
    return { ok: true, reason: null, detail: null };
  } catch (error) {
    return {
      ok: false,
      reason: HEALTH_REASONS.store,
      detail: `store not writable: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

const minutes = (ms: number): string => (ms < 120_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / MINUTE_MS)} min`);

/** Whether the cycles this process ran are on time; the reason says which deadline was missed, by how much. */
export function judgeCycles(snapshot: CycleSnapshot, deadlines: CycleDeadlines, now: Date): HealthStatus {
  const t = now.getTime();
  if (snapshot.runningSince && t - snapshot.runningSince.getTime() > deadlines.maxCycleMs) {
    return {
      ok: false,
      reason: HEALTH_REASONS.cycleStuck,
      detail: `a poll cycle has been running for ${minutes(t - snapshot.runningSince.getTime())} (limit ${minutes(deadlines.maxCycleMs)})`,
    };
  }
  if (!snapshot.lastSuccessAt) {
    const up = t - snapshot.since.getTime();
    if (up <= deadlines.firstCycleGraceMs) return { ok: true, reason: null, detail: null };
    const last = snapshot.lastError ? `; the last one failed: ${snapshot.lastError}` : '';
    return {
      ok: false,
      reason: HEALTH_REASONS.overdue,
      detail: `no poll cycle has finished in the ${minutes(up)} since start (limit ${minutes(deadlines.firstCycleGraceMs)})${last}`,
    };
  }
  const age = t - snapshot.lastSuccessAt.getTime();
  if (age > deadlines.staleAfterMs) {
    const last = snapshot.lastOk === false && snapshot.lastError ? `; the latest failed: ${snapshot.lastError}` : '';
    return {
      ok: false,
      reason: HEALTH_REASONS.overdue,
      detail: `the last successful poll cycle finished ${minutes(age)} ago (limit ${minutes(deadlines.staleAfterMs)})${last}`,
    };
  }
  return { ok: true, reason: null, detail: null };
}

export interface HealthCheckOptions {
  /** The store to probe (AsyncStore, or sqliteProbe(db)). */
  store: () => WritableProbe;
  cycles: () => CycleSnapshot;
  deadlines: CycleDeadlines;
  now?: () => Date;
  /**
   * Writes at most this often; requests in between get the last probe's answer. /healthz is reachable by anyone who
   * reaches the Slack endpoint: a flood of requests must not become a flood of writes.
   */
  probeEveryMs?: number;
  /** Standing warnings to show on every answer (see `configurationWarnings`). */
  warnings?: readonly string[];
  /**
   * This replica's role. A follower does not poll, so its own cycles are not judged: it is healthy while it can
   * write to the store and serve chat (the leader's cycles are judged on the leader, which a load balancer then
   * replaces; a follower takes the lease over).
   */
  replica?: () => Promise<ReplicaRole>;
}

/**
 * /healthz: healthy when the store takes a write and the poll cycles are on time. Every failing reason is given,
 * generic in `reason` and exact in `detail`.
 */
export function createHealthCheck(options: HealthCheckOptions): () => Promise<HealthStatus> {
  const now = options.now ?? (() => new Date());
  const probeEveryMs = options.probeEveryMs ?? 5_000;
  let lastProbe: { at: number; status: HealthStatus } | null = null;
  // Requests that arrive while a probe is in flight share it: one write however many ask at once.
  let probing: Promise<{ at: number; status: HealthStatus }> | null = null;
  const probe = async (at: Date): Promise<{ at: number; status: HealthStatus }> => {
    let status: HealthStatus;
    try {
      status = await probeStoreWritable(options.store(), at);
    } catch (error) {
      status = {
        ok: false,
        reason: HEALTH_REASONS.store,
        detail: `store unreachable: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    return { at: at.getTime(), status };
  };
  return async () => {
    const at = now();
    if (!lastProbe || at.getTime() - lastProbe.at >= probeEveryMs || at.getTime() < lastProbe.at) {
      probing ??= probe(at).finally(() => {
        probing = null;
      });
      lastProbe = await probing;
    }
    const replica = options.replica ? await options.replica() : undefined;
    const judged =
      replica?.role === 'follower' ? [lastProbe.status] : [lastProbe.status, judgeCycles(options.cycles(), options.deadlines, at)];
    const failing = judged.filter((status) => !status.ok);
    const extras = {
      ...(options.warnings && options.warnings.length > 0 ? { warnings: options.warnings } : {}),
      ...(replica ? { replica } : {}),
    };
    if (failing.length === 0) return { ok: true, reason: null, detail: null, ...extras };
    return {
      ok: false,
      reason: failing.map((status) => status.reason).join('; '),
      detail: failing.map((status) => status.detail).join('; '),
      ...extras,
    };
  };
}
