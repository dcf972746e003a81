import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { type ChatAdapter, DeliveryError, type Destination } from '../core/chat.js';
import type { PageCounts } from '../fulltext/article-pages.js';
import type { CycleReport } from '../pipeline/run-cycle.js';

/** What the gauges read from the store at scrape time. */
export interface StoreGaugeSource {
  pendingDeliveries(): number | Promise<number>;
  unacknowledgedAlerts(): number | Promise<number>;
}

/** `sent`, or why a send failed: the adapters' `DeliveryError` kinds, `error` for anything else they threw. */
export type DeliveryOutcome = 'sent' | 'rate_limited' | 'transient' | 'permanent' | 'error';

export interface CycleObservation {
  report: CycleReport;
  /** Names of the feeds that failed in this cycle. */
  failedFeeds: readonly string[];
}

/** The `outcome` label of each article-page count of a cycle report. */
const PAGE_OUTCOME_LABELS: Record<keyof PageCounts, string> = {
  fetched: 'fetched',
  cacheHits: 'cache_hit',
  refused: 'refused',
  walls: 'wall',
  ignored: 'ignored',
  failed: 'failed',
  overBudget: 'over_budget',
};

/** The adapter calls that put something on a platform; each is one delivery attempt. */
const DELIVERY_METHODS = new Set(['postAlert', 'postThreadUpdate', 'refreshAlert', 'postNotice']);

/** Label values come from configuration (feed names, channel ids); still, keep one odd value from bloating a scrape. */
const label = (value: string): string => (value.length > 120 ? `${value.slice(0, 117)}...` : value);

const destinationLabel = (destination: Destination): string => label(`${destination.platform}:${destination.address}`);

function destinationOf(method: string, args: unknown[]): Destination | null {
  const first = args[0] as { platform?: unknown; address?: unknown; destination?: Destination } | undefined;
  if (!first) return null;
  // postAlert and postNotice take the destination; postThreadUpdate and refreshAlert the posted parent message.
  if (method === 'postThreadUpdate' || method === 'refreshAlert') return first.destination ?? null;
  return typeof first.platform === 'string' && typeof first.address === 'string' ? (first as Destination) : null;
}

/**
 * Vendorwatch's Prometheus metrics in a registry of their own (never prom-client's global one), so a process or a
 * test can hold several without clashes. Counters are fed from the cycle reports and from the adapters; the two
 * gauges read the store when scraped, so they are right even after a restart.
 */
export class VendorwatchMetrics {
  readonly registry = new Registry();
  private storeSource: StoreGaugeSource | null = null;
  private readonly cycles: Counter<'outcome'>;
  private readonly cycleDuration: Histogram;
  private readonly itemsFetched: Counter;
  private readonly feedFailures: Counter<'feed'>;
  private readonly alertsCreated: Counter;
  private readonly articlePages: Counter<'outcome'>;
  private readonly deliveries: Counter<'destination' | 'outcome'>;
  private readonly lastSuccess: Gauge;

  constructor(options: { defaultMetrics?: boolean } = {}) {
    const registers = [this.registry];
    this.cycles = new Counter({
      name: 'vendorwatch_cycles_total',
      help: 'Poll cycles run, by outcome (ok, failed).',
      labelNames: ['outcome'],
      registers,
    });
    this.cycleDuration = new Histogram({
      name: 'vendorwatch_cycle_duration_seconds',
      help: 'How long a poll cycle took, fetch to delivery.',
      buckets: [0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600],
      registers,
    });
    this.itemsFetched = new Counter({
      name: 'vendorwatch_items_fetched_total',
      help: 'New feed items stored (items seen before are not counted).',
      registers,
    });
    this.feedFailures = new Counter({
      name: 'vendorwatch_feed_failures_total',
      help: 'Feed fetches that failed, by feed name.',
      labelNames: ['feed'],
      registers,
    });
    this.alertsCreated = new Counter({
      name: 'vendorwatch_alerts_created_total',
      help: 'Incidents that became alerts (queued for delivery).',
      registers,
    });
    this.articlePages = new Counter({
      name: 'vendorwatch_article_pages_total',
      help:
        'Article pages of teaser items, by outcome: fetched, cache_hit, refused (address policy, no request made), wall (cookie, consent, ' +
        'subscription or paywall page ignored), ignored (no readable story, or not this one), failed, over_budget (not requested).',
      labelNames: ['outcome'],
      registers,
    });
    // Every outcome from the first scrape, at 0: a rate over a series that appears late misses its first increase.
    for (const outcome of Object.values(PAGE_OUTCOME_LABELS)) this.articlePages.inc({ outcome }, 0);
    this.deliveries = new Counter({
      name: 'vendorwatch_deliveries_total',
      help: 'Delivery attempts (alerts, thread updates, refreshes, notices) by destination (platform:channel) and outcome.',
      labelNames: ['destination', 'outcome'],
      registers,
    });
    this.lastSuccess = new Gauge({
      name: 'vendorwatch_last_cycle_success_timestamp_seconds',
      help: 'When the last poll cycle that ended without an error finished (Unix time); 0 before the first.',
      registers,
    });
    const self = this;
    const read = (pick: (source: StoreGaugeSource) => number | Promise<number>) =>
      async function collect(this: Gauge) {
        const source = self.storeSource;
        if (!source) return;
        // A store that cannot be read keeps the last value: /healthz is where that failure is reported.
        try {
          this.set(await pick(source));
        } catch {
          /* see above */
        }
      };
    new Gauge({
      name: 'vendorwatch_deliveries_pending',
      help: 'Deliveries waiting in the outbox (queued, retrying or rate limited).',
      registers,
      collect: read((source) => source.pendingDeliveries()),
    });
    new Gauge({
      name: 'vendorwatch_alerts_unacknowledged',
      help: 'Alerted incidents that nobody has acknowledged.',
      registers,
      collect: read((source) => source.unacknowledgedAlerts()),
    });
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  /** Where the gauges read from; null until the store is open. */
  bindStore(source: StoreGaugeSource | null): void {
    this.storeSource = source;
  }

  recordCycle(observation: CycleObservation, finishedAt: Date): void {
    const { report, failedFeeds } = observation;
    this.cycles.inc({ outcome: 'ok' });
    this.cycleDuration.observe(report.durationMs / 1000);
    this.itemsFetched.inc(report.itemsNew);
    this.alertsCreated.inc(report.alertsNew);
    for (const [key, outcome] of Object.entries(PAGE_OUTCOME_LABELS) as [keyof PageCounts, string][]) {
      const count = report.pages?.[key] ?? 0;
      if (count > 0) this.articlePages.inc({ outcome }, count);
    }
    for (const feed of failedFeeds) this.feedFailures.inc({ feed: label(feed) });
    this.lastSuccess.set(finishedAt.getTime() / 1000);
  }

  /** A cycle that threw: counted, and its time observed, so a failing bot does not look idle. */
  recordFailedCycle(durationMs: number): void {
    this.cycles.inc({ outcome: 'failed' });
    this.cycleDuration.observe(durationMs / 1000);
  }

  recordDelivery(destination: Destination, outcome: DeliveryOutcome): void {
    this.deliveries.inc({ destination: destinationLabel(destination), outcome });
  }

  /**
   * The same adapter, with every delivery call counted by destination and outcome. Everything else (start, stop,
   * routing, methods added later) passes through untouched, bound to the real adapter.
   */
  instrumentAdapter(adapter: ChatAdapter): ChatAdapter {
    const record = (destination: Destination | null, outcome: DeliveryOutcome) => {
      if (destination) this.recordDelivery(destination, outcome);
    };
    return new Proxy(adapter, {
      get(target, property) {
        // The real adapter as `this`: its private fields are not reachable through the proxy.
        const value: unknown = Reflect.get(target, property);
        if (typeof value !== 'function') return value;
        const method = value as (...args: unknown[]) => unknown;
        if (typeof property !== 'string' || !DELIVERY_METHODS.has(property)) return method.bind(target);
        return async (...args: unknown[]) => {
          const destination = destinationOf(property, args);
          try {
            const result = await method.apply(target, args);
            record(destination, 'sent');
            return result;
          } catch (error) {
            record(destination, error instanceof DeliveryError ? error.kind : 'error');
            throw error;
          }
        };
      },
    });
  }

  /** The scrape: Prometheus text format. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
