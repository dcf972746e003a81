import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/app-harness.js';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

const postCalls = (h: Harness) => h.slack.callsTo('chat.postMessage').length;

describe('platform faults over a long stretch', () => {
  it('records invalid_auth on the delivery with how to fix it, and never retries it', async () => {
    harness = await startHarness();
    const h = harness;
    h.slack.failNext('chat.postMessage', { error: 'invalid_auth' }, 100);
    await h.app.runCycle({ backfill: true });
    const [failed] = await h.app.store.deliveries.byStatus('failed');
    expect(failed).toMatchObject({ kind: 'alert', errorCode: 'invalid_auth' });
    expect(failed?.lastError).toMatch(/SLACK_BOT_TOKEN|token/i);
    const calls = postCalls(h);
    for (let hour = 0; hour < 24; hour += 1) {
      h.clock.advance(3_600_000);
      await h.app.worker.deliverDue();
    }
    expect(postCalls(h)).toBe(calls);
  });

  it('backs off through a day of ratelimited answers without a tight loop, then delivers once', async () => {
    harness = await startHarness();
    const h = harness;
    h.slack.failNext('chat.postMessage', { error: 'ratelimited' }, 10_000);
    await h.app.runCycle({ backfill: true });
    for (let minute = 0; minute < 24 * 60; minute += 10) {
      h.clock.advance(600_000);
      await h.app.worker.deliverDue();
    }
    // At most one try per worker run, and the worker ran every 10 simulated minutes.
    expect(postCalls(h)).toBeLessThanOrEqual(24 * 6 + 2);
    expect(await h.app.store.deliveries.pendingCount()).toBe(1);
    h.slack.clearFailures();
    for (let minute = 0; minute < 10 && (await h.app.store.deliveries.pendingCount()) > 0; minute += 1) {
      h.clock.advance(60_000);
      await h.app.worker.deliverDue();
    }
    expect(await h.app.store.deliveries.pendingCount()).toBe(0);
    const alerts = h.slack.callsTo('chat.postMessage').filter((call) => call.result?.ok && !call.params.thread_ts);
    expect(alerts).toHaveLength(1);
  });
});
