import { type ChatAdapter, DeliveryError, type NoticeView, type Platform, type PostedMessage } from '../core/chat.js';
import type { Vendor } from '../core/types.js';
import { buildAlertView, factViews, sourceView } from '../incidents/alert-view.js';
import { revisionsForUpdate } from '../incidents/source-updates.js';
import type { Logger } from '../log.js';
import { type AsyncStore, DEFAULT_CLAIM_LEASE_MS } from '../store/async-store.js';
import type { DeliveryRecord } from '../store/delivery-repository.js';

export interface DeliveryRunSummary {
  sent: number;
  retrying: number;
  failed: number;
  waiting: number;
}

/** Exponential backoff for transient platform errors: 30 s doubling to one hour. */
export function transientRetryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts), 3_600_000);
}

/** After this many failed attempts a transient error is treated as lasting and the delivery is given up. */
const MAX_DELIVERY_ATTEMPTS = 40;

/** The ids a stored payload field lists; anything that is not an array of integers lists none. */
function numbersIn(value: unknown): number[] {
  return Array.isArray(value) ? value.filter((entry): entry is number => Number.isSafeInteger(entry)) : [];
}

/** A run stops after this many deliveries; the next run (after a cycle, an interaction or the retry timer) goes on. */
const MAX_DELIVERIES_PER_RUN = 500;

export interface DeliveryWorkerOptions {
  /** This process's name among replicas: its claims on deliveries are held under it. */
  replicaId?: string;
  /** How long a claim keeps other replicas off a delivery this worker is sending. */
  claimLeaseMs?: number;
}

/**
 * Sends due outbox rows through the adapters, in order per destination, and records the platform's message id.
 * A failing destination never blocks the others; a permanent error is recorded with a fix-it line, not retried.
 *
 * Several replicas may run a worker on one outbox (PostgreSQL). Each delivery is claimed before it is sent, one at a
 * time, so a claim only has to outlast one delivery (a platform call or two, each bounded by its timeout), and a
 * replica that dies holds up one destination for one lease at most. A destination's queue is never split: the store
 * does not hand out a delivery while an older one to its destination is held by another replica or backing off.
 */
export class DeliveryWorker {
  private running: Promise<DeliveryRunSummary> | null = null;
  private readonly replicaId: string;
  private readonly claimLeaseMs: number;

  constructor(
    private readonly store: AsyncStore,
    private readonly adapters: ReadonlyMap<Platform, ChatAdapter>,
    private readonly vendors: ReadonlyMap<string, Vendor>,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
    options: DeliveryWorkerOptions = {},
  ) {
    this.replicaId = options.replicaId ?? `worker:${process.pid}`;
    this.claimLeaseMs = options.claimLeaseMs ?? DEFAULT_CLAIM_LEASE_MS;
  }

  /** Delivers everything due now. Concurrent calls share one run. */
  deliverDue(): Promise<DeliveryRunSummary> {
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<DeliveryRunSummary> {
    const summary: DeliveryRunSummary = { sent: 0, retrying: 0, failed: 0, waiting: 0 };
    const blocked = new Set<string>();
    const seen = new Set<string>();
    // Seen this run and still claimable (waiting for their alert, or behind one that waits): passed over from now on.
    const passedOver = new Set<string>();
    try {
      while (seen.size < MAX_DELIVERIES_PER_RUN) {
        const claimed = await this.store.deliveries.claimDeliveries(this.replicaId, 1 + passedOver.size, {
          now: this.now(),
          leaseMs: this.claimLeaseMs,
        });
        const delivery = claimed.find((candidate) => !seen.has(candidate.id));
        if (!delivery) break;
        seen.add(delivery.id);
        const destinationKey = `${delivery.destination.platform}:${delivery.destination.address}`;
        // Keep order per destination: once one message to a channel must wait, the later ones wait too.
        if (blocked.has(destinationKey)) {
          summary.waiting += 1;
          passedOver.add(delivery.id);
          continue;
        }
        const result = await this.deliverOne(delivery);
        summary[result] += 1;
        if (result !== 'sent') {
          blocked.add(destinationKey);
          passedOver.add(delivery.id);
        }
      }
    } finally {
      // What this run passed over is free for the next run, here or on another replica.
      await this.store.deliveries
        .releaseClaims(this.replicaId)
        .catch((error: unknown) => this.logger.warn({ err: error }, 'could not release delivery claims: they run out on their own'));
    }
    return summary;
  }

  private async deliverOne(delivery: DeliveryRecord): Promise<keyof DeliveryRunSummary> {
    const adapter = this.adapters.get(delivery.destination.platform);
    if (!adapter) {
      // The platform was configured when this was queued and is not now: keep it for when it comes back.
      await this.store.deliveries.postpone(delivery.id, new Date(this.now().getTime() + 3_600_000));
      return 'waiting';
    }
    try {
      const sent = await this.send(adapter, delivery);
      if (sent === 'waiting') return 'waiting';
      return 'sent';
    } catch (error) {
      return await this.recordFailure(delivery, error);
    }
  }

  private async send(adapter: ChatAdapter, delivery: DeliveryRecord): Promise<'sent' | 'waiting'> {
    const now = this.now();
    const incidentId = delivery.incidentId;
    const alert = incidentId === null ? null : await buildAlertView(this.store, incidentId, this.vendors, now);
    if (incidentId !== null && !alert) throw new DeliveryError('permanent', 'incident_missing', 'the incident no longer exists');
    const parent = async (): Promise<PostedMessage | null> => {
      if (incidentId === null) return null;
      const posted = await this.store.deliveries.postedAlertAt(incidentId, delivery.destination);
      return posted ? { destination: posted.destination, messageId: posted.messageId } : null;
    };

    switch (delivery.kind) {
      case 'alert': {
        const existing = await parent();
        if (existing) {
          // Already posted there (e.g. queued twice): never a second top-level alert.
          await this.store.deliveries.markSent(delivery.id, existing.messageId, now);
          return 'sent';
        }
        const posted =
          (await this.findEarlierAttempt(adapter, delivery, null)) ??
          (await this.attempt(delivery, () => adapter.postAlert(delivery.destination, alert!, delivery.id)));
        await this.store.transaction(async (tx) => {
          await tx.deliveries.recordPostedAlert(
            { incidentId: incidentId!, destination: delivery.destination, messageId: posted.messageId },
            now,
          );
          await tx.deliveries.markSent(delivery.id, posted.messageId, now);
        });
        this.logger.info({ incident: alert!.incidentKey, vendor: alert!.vendor.name, destination: delivery.destination }, 'alert posted');
        return 'sent';
      }
      case 'thread_update':
      case 'refresh': {
        const posted = await parent();
        if (!posted) return this.waitForParent(delivery);
        if (delivery.kind === 'refresh') {
          await adapter.refreshAlert(posted, alert!);
          await this.store.deliveries.markSent(delivery.id, posted.messageId, now);
          return 'sent';
        }
        const itemIds = (delivery.payload.itemIds as number[] | undefined) ?? [];
        const factIds = new Set((delivery.payload.factIds as number[] | undefined) ?? []);
        // An update queued for a revision shows that revision, not the item's latest: two revisions queued before
        // delivery each say their own count (src/incidents/source-updates.ts).
        const revisions = await revisionsForUpdate(this.store, numbersIn(delivery.payload.revisionIds));
        const items = (await this.store.items.byIds(itemIds)).map((item) => {
          const queued = revisions.get(item.id);
          if (!queued) return item;
          return { ...item, title: queued.titleThen ?? item.title, latestRevision: queued.revision };
        });
        const facts = (await this.store.incidents.facts(incidentId!)).filter((fact) => factIds.has(fact.id));
        const outlets = new Map(
          (await this.store.items.byIds(facts.map((f) => f.itemId))).map((item) => [item.id, sourceView(item).outlet]),
        );
        const reply =
          (await this.findEarlierAttempt(adapter, delivery, posted)) ??
          (await this.attempt(delivery, () =>
            adapter.postThreadUpdate(
              posted,
              { alert: alert!, newSources: items.map(sourceView), newFacts: factViews(facts, (id) => outlets.get(id) ?? 'unknown outlet') },
              delivery.id,
            ),
          ));
        await this.store.deliveries.markSent(delivery.id, reply.messageId, now);
        return 'sent';
      }
      case 'notice': {
        const notice = delivery.payload.notice as NoticeView;
        // Reminders and merge pointers belong to one alert: they go in its thread.
        const threadParent = notice.kind === 'reminder' || notice.kind === 'merge' ? await parent() : null;
        const reply =
          (await this.findEarlierAttempt(adapter, delivery, threadParent)) ??
          (await this.attempt(delivery, () =>
            adapter.postNotice(delivery.destination, { ...notice, ...(alert ? { alert } : {}) }, threadParent, delivery.id),
          ));
        await this.store.deliveries.markSent(delivery.id, reply.messageId, now);
        return 'sent';
      }
    }
  }

  /** Marks the attempt as started (committed before the call) so a crash during it is known on restart. */
  private async attempt<T>(delivery: DeliveryRecord, send: () => Promise<T>): Promise<T> {
    await this.store.deliveries.markAttemptStarted(delivery.id, this.now());
    return send();
  }

  /**
   * A delivery whose earlier attempt never recorded an outcome (the process died, or the call timed out) may be
   * on the platform already: look for it there before sending it again.
   */
  private async findEarlierAttempt(
    adapter: ChatAdapter,
    delivery: DeliveryRecord,
    parent: PostedMessage | null,
  ): Promise<PostedMessage | null> {
    if (!delivery.attemptStartedAt || !adapter.findPosted) return null;
    const since = new Date(new Date(delivery.attemptStartedAt).getTime() - 60_000);
    const found = await adapter.findPosted(delivery.destination, delivery.id, parent, since);
    if (found)
      this.logger.info(
        { delivery: delivery.id, kind: delivery.kind, destination: delivery.destination },
        'found an earlier attempt already posted: not sending it again',
      );
    return found;
  }

  private async waitForParent(delivery: DeliveryRecord): Promise<'waiting'> {
    if (delivery.incidentId !== null && (await this.store.deliveries.hasPendingAlert(delivery.incidentId, delivery.destination))) {
      await this.store.deliveries.postpone(delivery.id, this.now());
      return 'waiting';
    }
    // The alert there failed for good (or was never queued): the update has nowhere to go.
    await this.store.deliveries.markAttemptFailed(
      delivery.id,
      { code: 'no_parent_alert', message: 'the alert this update belongs to was never posted' },
      null,
    );
    return 'waiting';
  }

  private async recordFailure(delivery: DeliveryRecord, error: unknown): Promise<'retrying' | 'failed'> {
    const now = this.now();
    const deliveryError =
      error instanceof DeliveryError
        ? error
        : new DeliveryError('transient', 'unexpected', error instanceof Error ? error.message : String(error));
    const context = { delivery: delivery.id, kind: delivery.kind, destination: delivery.destination, code: deliveryError.code };
    // Rate limits say "later", never "no": only transient failures count towards giving up.
    if (deliveryError.kind === 'permanent' || (deliveryError.kind === 'transient' && delivery.attempts + 1 >= MAX_DELIVERY_ATTEMPTS)) {
      await this.store.deliveries.markAttemptFailed(delivery.id, { code: deliveryError.code, message: deliveryError.message }, null);
      this.logger.error(context, `delivery failed for good: ${deliveryError.message}`);
      return 'failed';
    }
    const delayMs =
      deliveryError.kind === 'rate_limited' ? Math.max(deliveryError.retryAfterMs ?? 1000, 1000) : transientRetryDelayMs(delivery.attempts);
    // After a timeout or a dropped connection the platform may have posted it anyway: keep the attempt marker.
    await this.store.deliveries.markAttemptFailed(
      delivery.id,
      { code: deliveryError.code, message: deliveryError.message },
      new Date(now.getTime() + delayMs),
      deliveryError.kind === 'transient',
    );
    this.logger.warn({ ...context, retryInMs: delayMs }, `delivery will be retried: ${deliveryError.message}`);
    return 'retrying';
  }
}
