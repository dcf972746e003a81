import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type AlertView,
  type ChatAdapter,
  DeliveryError,
  type Destination,
  type NoticeView,
  type PostedMessage,
  type ThreadUpdateView,
} from '../../src/core/chat.js';
import { HttpServer } from '../../src/http/http-server.js';
import { silentLogger } from '../../src/log.js';
import { VendorwatchMetrics } from '../../src/observability/metrics.js';
import type { CycleReport } from '../../src/pipeline/run-cycle.js';
import { Store } from '../../src/store/store.js';
import carecloud from '../slack/fixtures/alert-carecloud.json' with { type: 'json' };
import cycleReport from './fixtures/cycle-report.json' with { type: 'json' };

const alert = carecloud.input as AlertView;
const OK_CHANNEL: Destination = { platform: 'slack', address: 'CALERTS001' };
const LIMITED_CHANNEL: Destination = { platform: 'slack', address: 'CBUSY00001' };
const GONE_CHANNEL: Destination = { platform: 'slack', address: 'CGONE00001' };

/** An adapter with a private field, as real classes have: the metrics wrapper must call it as itself. */
class ScriptedAdapter implements ChatAdapter {
  readonly platform = 'slack' as const;
  #posted = 0;
  started = false;

  async start(): Promise<void> {
    this.started = true;
  }
  async stop(): Promise<void> {}
  async destinationsFor(): Promise<Destination[]> {
    return [OK_CHANNEL];
  }
  async postAlert(destination: Destination): Promise<PostedMessage> {
    if (destination.address === LIMITED_CHANNEL.address) throw new DeliveryError('rate_limited', 'ratelimited', 'slow down', 3000);
    if (destination.address === GONE_CHANNEL.address) throw new DeliveryError('permanent', 'channel_not_found', 'no such channel');
    this.#posted += 1;
    return { destination, messageId: `1767225600.00000${this.#posted}` };
  }
  async postThreadUpdate(parent: PostedMessage, _update: ThreadUpdateView): Promise<PostedMessage> {
    this.#posted += 1;
    return { destination: parent.destination, messageId: `reply-${this.#posted}` };
  }
  async refreshAlert(): Promise<void> {
    throw new Error('socket hang up');
  }
  async postNotice(destination: Destination, _notice: NoticeView): Promise<PostedMessage> {
    return { destination, messageId: 'notice-1' };
  }
  get postedCount(): number {
    return this.#posted;
  }
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(metrics: VendorwatchMetrics): Promise<() => Promise<string>> {
  const server = new HttpServer(
    silentLogger,
    () => ({ ok: true, reason: null }),
    () => metrics.scrape(),
  );
  const port = await server.listen(0, '127.0.0.1');
  cleanups.push(() => server.close());
  return async () => {
    const res = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text();
  };
}

/** The value of one sample line, e.g. `vendorwatch_cycles_total{outcome="ok"}`; undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('/metrics', () => {
  it('counts cycles, their duration, new items, alerts and failed feeds by name from the cycle reports', async () => {
    const metrics = new VendorwatchMetrics();
    const scrape = await serve(metrics);
    const report = cycleReport as CycleReport;
    metrics.recordCycle({ report, failedFeeds: ['HIPAA Journal', 'SEC EDGAR 8-K'] }, new Date('2026-04-01T09:00:04Z'));
    metrics.recordCycle(
      { report: { ...report, cycleId: 8, itemsNew: 3, alertsNew: 0, durationMs: 900 }, failedFeeds: ['HIPAA Journal'] },
      new Date('2026-04-01T09:10:01Z'),
    );
    metrics.recordFailedCycle(65_000);
    const text = await scrape();
    expect(text).toContain('# TYPE vendorwatch_cycles_total counter');
    expect(sample(text, 'vendorwatch_cycles_total{outcome="ok"}')).toBe(2);
    expect(sample(text, 'vendorwatch_cycles_total{outcome="failed"}')).toBe(1);
    expect(text).toContain('# TYPE vendorwatch_cycle_duration_seconds histogram');
    expect(sample(text, 'vendorwatch_cycle_duration_seconds_count')).toBe(3);
    expect(sample(text, 'vendorwatch_cycle_duration_seconds_sum')).toBeCloseTo(4.2 + 0.9 + 65, 6);
    expect(sample(text, 'vendorwatch_cycle_duration_seconds_bucket{le="1"}')).toBe(1);
    expect(sample(text, 'vendorwatch_cycle_duration_seconds_bucket{le="5"}')).toBe(2);
    expect(sample(text, 'vendorwatch_items_fetched_total')).toBe(15);
    expect(sample(text, 'vendorwatch_alerts_created_total')).toBe(2);
    expect(sample(text, 'vendorwatch_feed_failures_total{feed="HIPAA Journal"}')).toBe(2);
    expect(sample(text, 'vendorwatch_feed_failures_total{feed="SEC EDGAR 8-K"}')).toBe(1);
    expect(sample(text, 'vendorwatch_last_cycle_success_timestamp_seconds')).toBe(Date.parse('2026-04-01T09:10:01Z') / 1000);
  });

  it('counts every delivery call by destination and outcome, and the adapter still works as itself', async () => {
    const metrics = new VendorwatchMetrics({ defaultMetrics: false });
    const scrape = await serve(metrics);
    const real = new ScriptedAdapter();
    const adapter = metrics.instrumentAdapter(real);
    await adapter.start({} as never, null);
    expect(real.started).toBe(true);
    expect(adapter.platform).toBe('slack');
    expect(await adapter.destinationsFor({ name: 'CareCloud' })).toEqual([OK_CHANNEL]);
    const posted = await adapter.postAlert(OK_CHANNEL, alert, 'd-1');
    await adapter.postThreadUpdate(posted, { alert, newSources: [], newFacts: [] }, 'd-2');
    await adapter.postNotice(OK_CHANNEL, { kind: 'info', text: 'hello' }, null, 'd-3');
    await expect(adapter.postAlert(LIMITED_CHANNEL, alert, 'd-4')).rejects.toMatchObject({ kind: 'rate_limited', retryAfterMs: 3000 });
    await expect(adapter.postAlert(GONE_CHANNEL, alert, 'd-5')).rejects.toMatchObject({ kind: 'permanent', code: 'channel_not_found' });
    await expect(adapter.refreshAlert(posted, alert)).rejects.toThrow('socket hang up');
    expect(real.postedCount).toBe(2);

    const text = await scrape();
    expect(sample(text, 'vendorwatch_deliveries_total{destination="slack:CALERTS001",outcome="sent"}')).toBe(3);
    expect(sample(text, 'vendorwatch_deliveries_total{destination="slack:CALERTS001",outcome="error"}')).toBe(1);
    expect(sample(text, 'vendorwatch_deliveries_total{destination="slack:CBUSY00001",outcome="rate_limited"}')).toBe(1);
    expect(sample(text, 'vendorwatch_deliveries_total{destination="slack:CGONE00001",outcome="permanent"}')).toBe(1);
    // Routing and start-up are not deliveries.
    expect(text.match(/^vendorwatch_deliveries_total\{/gm)).toHaveLength(4);
  });

  it('reads pending deliveries and unacknowledged alerts from the store at each scrape', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vw-metrics-'));
    const store = Store.open(join(dir, 'vendorwatch.db'));
    cleanups.push(
      () => rmSync(dir, { recursive: true, force: true }),
      () => store.close(),
    );
    const metrics = new VendorwatchMetrics({ defaultMetrics: false });
    const scrape = await serve(metrics);
    expect(sample(await scrape(), 'vendorwatch_deliveries_pending')).toBe(0);

    metrics.bindStore({
      pendingDeliveries: () => store.deliveries.pendingCount(),
      unacknowledgedAlerts: () => store.interactions.unacknowledgedAlertedCount(),
    });
    const at = new Date('2026-04-01T09:00:00Z');
    const first = store.deliveries.enqueue({
      incidentId: null,
      kind: 'notice',
      destination: OK_CHANNEL,
      payload: { notice: { kind: 'info', text: 'a' } },
      at,
    });
    store.deliveries.enqueue({
      incidentId: null,
      kind: 'notice',
      destination: OK_CHANNEL,
      payload: { notice: { kind: 'info', text: 'b' } },
      at,
    });
    let text = await scrape();
    expect(sample(text, 'vendorwatch_deliveries_pending')).toBe(2);
    expect(sample(text, 'vendorwatch_alerts_unacknowledged')).toBe(0);

    store.deliveries.markSent(first, 'ts-1', at);
    text = await scrape();
    expect(sample(text, 'vendorwatch_deliveries_pending')).toBe(1);

    // A store that cannot be read keeps the last value rather than failing the whole scrape.
    store.close();
    expect(sample(await scrape(), 'vendorwatch_deliveries_pending')).toBe(1);
  });

  it('keeps each instance in its own registry, with the default process metrics, and never in the global one', async () => {
    const { register } = await import('prom-client');
    const one = new VendorwatchMetrics();
    const two = new VendorwatchMetrics();
    one.recordFailedCycle(1000);
    const [a, b] = [(await one.scrape()).body, (await two.scrape()).body];
    expect(sample(a, 'vendorwatch_cycles_total{outcome="failed"}')).toBe(1);
    expect(sample(b, 'vendorwatch_cycles_total{outcome="failed"}')).toBeUndefined();
    expect(a).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(a).toMatch(/^nodejs_eventloop_lag_seconds /m);
    expect(await register.metrics()).not.toContain('vendorwatch_');
  });
});
