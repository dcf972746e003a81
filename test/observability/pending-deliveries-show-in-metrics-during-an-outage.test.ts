import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ChatAdapter, DeliveryError, type Destination, type PostedMessage } from '../../src/core/chat.js';
import { DeliveryWorker } from '../../src/delivery/delivery-worker.js';
import { HttpServer } from '../../src/http/http-server.js';
import { silentLogger } from '../../src/log.js';
import { VendorwatchMetrics } from '../../src/observability/metrics.js';
import { SqliteAsyncStore } from '../../src/store/sqlite-async-store.js';
import { Store } from '../../src/store/store.js';

const CHANNEL: Destination = { platform: 'slack', address: 'CALERTS001' };
const MINUTE = 60_000;

/** Slack as the worker sees it: answering, or down with 500s. */
class FlakySlack implements ChatAdapter {
  readonly platform = 'slack' as const;
  down = true;
  readonly posted: string[] = [];
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  async destinationsFor(): Promise<Destination[]> {
    return [CHANNEL];
  }
  private async post(destination: Destination, id: string): Promise<PostedMessage> {
    if (this.down) throw new DeliveryError('transient', 'http_500', 'Slack answered HTTP 500');
    this.posted.push(id);
    return { destination, messageId: `1767225600.${String(this.posted.length).padStart(6, '0')}` };
  }
  postAlert(destination: Destination, _alert: unknown, id: string) {
    return this.post(destination, id);
  }
  postThreadUpdate(parent: PostedMessage, _update: unknown, id: string) {
    return this.post(parent.destination, id);
  }
  async refreshAlert(): Promise<void> {}
  postNotice(destination: Destination, _notice: unknown, _parent: PostedMessage | null, id: string) {
    return this.post(destination, id);
  }
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('/metrics while a platform is down', () => {
  it('shows the queued deliveries as pending for ten simulated minutes, then zero once all went out exactly once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vw-outage-'));
    const store = Store.open(join(dir, 'vendorwatch.db'));
    cleanups.push(
      () => rmSync(dir, { recursive: true, force: true }),
      () => store.close(),
    );
    let t = Date.parse('2026-04-01T09:00:00Z');
    const now = () => new Date(t);

    const metrics = new VendorwatchMetrics({ defaultMetrics: false });
    metrics.bindStore({
      pendingDeliveries: () => store.deliveries.pendingCount(),
      unacknowledgedAlerts: () => store.interactions.unacknowledgedAlertedCount(),
    });
    const slack = new FlakySlack();
    const worker = new DeliveryWorker(
      SqliteAsyncStore.wrap(store),
      new Map([['slack', metrics.instrumentAdapter(slack)]]),
      new Map(),
      silentLogger,
      now,
    );
    const server = new HttpServer(
      silentLogger,
      () => ({ ok: true, reason: null }),
      () => metrics.scrape(),
    );
    const port = await server.listen(0, '127.0.0.1');
    cleanups.push(() => server.close());
    const scrape = async () => (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const value = (text: string, series: string) =>
      Number(
        text
          .split('\n')
          .find((line) => line.startsWith(`${series} `))
          ?.slice(series.length + 1),
      );

    const ids = ['first', 'second', 'third'].map((text) =>
      store.deliveries.enqueue({
        incidentId: null,
        kind: 'notice',
        destination: CHANNEL,
        payload: { notice: { kind: 'info', text } },
        at: now(),
      }),
    );

    // Ten minutes of outage, the worker trying every 30 s as `start` does.
    for (let minute = 0; minute < 10; minute += 0.5) {
      await worker.deliverDue();
      const text = await scrape();
      expect(value(text, 'vendorwatch_deliveries_pending')).toBe(3);
      t += 0.5 * MINUTE;
    }
    const during = await scrape();
    const failedTries = value(during, `vendorwatch_deliveries_total{destination="slack:CALERTS001",outcome="transient"}`);
    // Every failed try is counted (each delivery backs off on its own: 30 s, 1 min, 2 min, ...).
    expect(failedTries).toBeGreaterThanOrEqual(3);
    expect(slack.posted).toEqual([]);

    slack.down = false;
    for (let i = 0; i < 4 && store.deliveries.pendingCount() > 0; i += 1) {
      t += 10 * MINUTE;
      await worker.deliverDue();
    }
    const after = await scrape();
    expect(value(after, 'vendorwatch_deliveries_pending')).toBe(0);
    expect(value(after, `vendorwatch_deliveries_total{destination="slack:CALERTS001",outcome="sent"}`)).toBe(3);
    expect(slack.posted).toEqual(ids);
  });
});
