import cron from 'node-cron';

/** Enough upcoming runs to see a weekend gap in a weekday schedule and the longest month in a monthly one. */
const RUNS_SAMPLED = 64;

/**
 * The longest wait between two consecutive runs of a cron schedule, from now on. Health deadlines are built from
 * it, so a weekday-only schedule is not called stale on a Sunday.
 */
export function longestScheduleGapMs(schedule: string, timezone: string | null = null): number {
  // A task that is created but never started only computes dates; it is destroyed at once.
  const task = cron.createTask(schedule, () => undefined, timezone ? { timezone } : {});
  try {
    const runs = task.getNextRuns(RUNS_SAMPLED).map((date) => date.getTime());
    let longest = 0;
    for (let i = 1; i < runs.length; i += 1) longest = Math.max(longest, runs[i]! - runs[i - 1]!);
    if (longest === 0) throw new Error(`the schedule "${schedule}" has fewer than two upcoming runs`);
    return longest;
  } finally {
    void task.destroy();
  }
}
