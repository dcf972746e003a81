import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { PollScheduler } from '../../src/scheduler/poll-scheduler.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PollScheduler', () => {
  it('never runs two cycles at once: ticks during a slow cycle are skipped and a manual run joins the running one', async () => {
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    const scheduler = new PollScheduler({
      schedule: '* * * * * *', // every second
      logger: silentLogger,
      cycle: async () => {
        running += 1;
        runs += 1;
        maxRunning = Math.max(maxRunning, running);
        await sleep(2_600);
        running -= 1;
      },
    });
    scheduler.start();
    const first = scheduler.runNow();
    expect(scheduler.runNow()).toBe(first);
    await sleep(2_200);
    expect(scheduler.skippedTicks).toBeGreaterThanOrEqual(1);
    await scheduler.stop(5_000);
    expect(maxRunning).toBe(1);
    expect(runs).toBe(1);
  });

  it('aborts a cycle that does not finish within the grace period when stopping', async () => {
    let aborted = false;
    const scheduler = new PollScheduler({
      schedule: '0 0 1 1 *',
      logger: silentLogger,
      cycle: (signal) =>
        new Promise<void>((resolve) => {
          signal.addEventListener('abort', () => {
            aborted = true;
            resolve();
          });
        }),
    });
    void scheduler.runNow();
    const started = Date.now();
    await scheduler.stop(300);
    expect(aborted).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(scheduler.running).toBe(false);
  });

  it('keeps scheduling after a cycle throws', async () => {
    let calls = 0;
    const scheduler = new PollScheduler({
      schedule: '0 0 1 1 *',
      logger: silentLogger,
      cycle: async () => {
        calls += 1;
        throw new Error('boom');
      },
    });
    await scheduler.runNow();
    await scheduler.runNow();
    expect(calls).toBe(2);
    await scheduler.stop();
  });
});
