import { setMaxListeners } from 'node:events';
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../log.js';

export interface PollSchedulerOptions {
  schedule: string;
  timezone?: string | null;
  logger: Logger;
  /** One poll cycle. It must stop early when `signal` aborts. */
  cycle: (signal: AbortSignal) => Promise<void>;
}

/**
 * Runs the poll cycle on a cron schedule, one cycle at a time. node-cron's `noOverlap` does not cover a manual
 * run racing a tick, so the in-flight promise here is the guard for every path.
 */
export class PollScheduler {
  private task: ScheduledTask | null = null;
  private inFlight: Promise<void> | null = null;
  private controller = new AbortController();
  private skipped = 0;

  constructor(private readonly options: PollSchedulerOptions) {
    // Every feed request of a cycle listens to this one signal: dozens at once is expected, not a leak.
    setMaxListeners(0, this.controller.signal);
  }

  start(): void {
    this.task = cron.schedule(this.options.schedule, () => this.tick(), {
      name: 'vendorwatch-poll',
      noOverlap: true,
      ...(this.options.timezone ? { timezone: this.options.timezone } : {}),
    });
  }

  /** Runs a cycle now, or returns the one already running (never two at once). */
  runNow(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    const signal = this.controller.signal;
    this.inFlight = this.options
      .cycle(signal)
      .catch((error: unknown) => {
        this.options.logger.error({ err: error }, 'poll cycle failed; the next one runs on schedule');
      })
      .finally(() => {
        this.inFlight = null;
      });
    return this.inFlight;
  }

  get running(): boolean {
    return this.inFlight !== null;
  }

  get skippedTicks(): number {
    return this.skipped;
  }

  private async tick(): Promise<void> {
    if (this.inFlight) {
      this.skipped += 1;
      this.options.logger.warn('previous poll cycle still running: this tick is skipped');
      return;
    }
    await this.runNow();
  }

  /**
   * Stops the schedule and lets the current cycle finish; after `graceMs` it is told to abort, and the promise
   * resolves by `graceMs * 2` at the latest whatever the cycle does.
   */
  async stop(graceMs = 5_000): Promise<void> {
    if (this.task) {
      await this.task.stop();
      await this.task.destroy();
      this.task = null;
    }
    const current = this.inFlight;
    if (!current) return;
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), graceMs);
    });
    if ((await Promise.race([current.then(() => 'done' as const), graceOver])) === 'timeout') {
      this.options.logger.warn('stopping: aborting the running poll cycle');
      this.controller.abort();
      await Promise.race([current, new Promise((resolve) => setTimeout(resolve, graceMs))]);
    }
    clearTimeout(timer);
  }
}
