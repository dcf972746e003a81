/** What the running process has seen of its own poll cycles (the store's cycle table may hold a dead process's rows). */
export interface CycleSnapshot {
  /** When this process started watching (the bot's start-up). */
  since: Date;
  /** Start of the cycle running now, null when none is. */
  runningSince: Date | null;
  lastFinishedAt: Date | null;
  /** Whether the last finished cycle ended without throwing. */
  lastOk: boolean | null;
  /** When the last cycle that ended without throwing finished. */
  lastSuccessAt: Date | null;
  lastError: string | null;
}

/**
 * Tracks cycle starts and ends in memory, so /healthz can tell "the bot is polling" from "the bot is wedged" without
 * trusting rows a crashed earlier process left unfinished in the store.
 */
export class CycleMonitor {
  private runningSince: Date | null = null;
  private lastFinishedAt: Date | null = null;
  private lastOk: boolean | null = null;
  private lastSuccessAt: Date | null = null;
  private lastError: string | null = null;
  private since: Date;

  constructor(private readonly now: () => Date = () => new Date()) {
    this.since = now();
  }

  /**
   * This replica began leading (or leading again): its cycles are judged from now, with the first-cycle grace, not
   * against the time it spent following.
   */
  leadershipBegan(): void {
    this.since = this.now();
    this.lastSuccessAt = null;
    this.lastFinishedAt = null;
    this.lastOk = null;
    this.lastError = null;
  }

  started(): Date {
    const at = this.now();
    this.runningSince = at;
    return at;
  }

  finished(outcome: { ok: true } | { ok: false; error: string }): Date {
    const at = this.now();
    this.runningSince = null;
    this.lastFinishedAt = at;
    this.lastOk = outcome.ok;
    if (outcome.ok) {
      this.lastSuccessAt = at;
      this.lastError = null;
    } else {
      this.lastError = outcome.error;
    }
    return at;
  }

  snapshot(): CycleSnapshot {
    return {
      since: this.since,
      runningSince: this.runningSince,
      lastFinishedAt: this.lastFinishedAt,
      lastOk: this.lastOk,
      lastSuccessAt: this.lastSuccessAt,
      lastError: this.lastError,
    };
  }
}
