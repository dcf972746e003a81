import { describe, expect, it } from 'vitest';
import { deadlinesForSchedule } from '../../src/observability/health.js';
import { longestScheduleGapMs } from '../../src/observability/schedule-interval.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('health deadlines follow the poll schedule', () => {
  it('measures the longest gap between runs, weekends and months included', () => {
    expect(longestScheduleGapMs('*/10 * * * *')).toBe(10 * MINUTE);
    expect(longestScheduleGapMs('0 8 * * 1-5', 'UTC')).toBe(72 * HOUR);
    expect(longestScheduleGapMs('*/5 * * * * *')).toBe(5_000);
    expect(longestScheduleGapMs('0 0 1 * *', 'UTC')).toBe(31 * 24 * HOUR);
  });

  it('gives a cycle two gaps to finish, clamped to 10 min to 1 h, and allows one skipped tick before stale', () => {
    expect(deadlinesForSchedule(10 * MINUTE)).toEqual({
      maxCycleMs: 20 * MINUTE,
      firstCycleGraceMs: 20 * MINUTE,
      staleAfterMs: 40 * MINUTE,
    });
    expect(deadlinesForSchedule(MINUTE)).toMatchObject({ maxCycleMs: 10 * MINUTE, staleAfterMs: 12 * MINUTE });
    expect(deadlinesForSchedule(72 * HOUR)).toMatchObject({ maxCycleMs: HOUR, staleAfterMs: 145 * HOUR });
  });
});
