import type { Destination } from '../core/chat.js';
import type { Article, Detection, Vendor } from '../core/types.js';
import { normaliseFactValue } from '../detection/facts.js';
import type { Logger } from '../log.js';
import type { ItemRecord } from '../store/item-repository.js';
import type { Store } from '../store/store.js';
import { breachedOrganisation } from './breached-organisation.js';

/** What the tracker needs from detection: a verdict per article, and which incident it belongs to. */
export interface DetectionEngine {
  detect(article: Article): Detection;
  /** The incident a breach article belongs to (a new key when none matches); null for non-breach articles. */
  group(article: Article, detection: Detection): { key: string; isNew: boolean; signature: unknown } | null;
}

/** Where a vendor's alerts go, across every configured platform. */
export type RouteResolver = (vendor: Vendor) => Promise<Destination[]>;

export interface TrackOutcome {
  itemId: number;
  breach: boolean;
  incidentId: number | null;
  incidentIsNew: boolean;
  alerted: boolean;
  updatesQueued: number;
  skippedBecause: string | null;
}

function articleFromItem(item: ItemRecord): Article {
  return {
    id: `item-${item.id}`,
    title: item.title,
    text: item.text,
    url: item.canonicalUrl,
    source: item.feedName,
    published: item.publishedAt ? item.publishedAt.slice(0, 10) : null,
  };
}

/**
 * Turns detected items into incidents and queues what people must be told. Each item's incident change and the
 * deliveries it causes are written in one transaction (the outbox), so a crash never loses or doubles an alert.
 */
export class IncidentTracker {
  constructor(
    private readonly store: Store,
    private readonly engine: DetectionEngine,
    private readonly vendors: ReadonlyMap<string, Vendor>,
    private readonly routes: RouteResolver,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** `notes` go first in the detection's `why`: what was done before detection (the article page read, or why not). */
  async track(item: ItemRecord, notes: readonly string[] = []): Promise<TrackOutcome> {
    const article = articleFromItem(item);
    const detected = this.engine.detect(article);
    const detection = notes.length > 0 ? { ...detected, why: [...notes, ...detected.why] } : detected;
    const outcome: TrackOutcome = {
      itemId: item.id,
      breach: detection.breach,
      incidentId: null,
      incidentIsNew: false,
      alerted: false,
      updatesQueued: 0,
      skippedBecause: null,
    };
    const group = detection.breach ? this.engine.group(article, detection) : null;
    if (!group) {
      this.store.transaction(() => {
        this.store.incidents.saveDetection(item.id, detection, null, this.now());
        this.store.items.markDone(item.id);
      });
      return outcome;
    }

    const primaryName = detection.alert ? (detection.vendors.find((v) => v.role === 'primary')?.name ?? null) : null;
    const detectedPrimary = primaryName ? (this.vendors.get(primaryName) ?? null) : null;
    // Someone said in chat that this organisation's breach is not this vendor's: detection may still see the
    // vendor, but it never becomes the incident's vendor and never raises an alert for it again.
    const excludedBy = detectedPrimary
      ? this.store.corrections.exclusionFor(detectedPrimary.name, breachedOrganisation(detection, detectedPrimary.name))
      : null;
    const primary = excludedBy ? null : detectedPrimary;
    if (excludedBy) {
      outcome.skippedBecause = `excluded: ${excludedBy.userName} said "${excludedBy.organisation}" is not ${excludedBy.vendor}`;
      this.logger.info(
        { vendor: excludedBy.vendor, organisation: excludedBy.organisation, exclusion: excludedBy.id },
        'vendor excluded for this organisation',
      );
    }
    // Routing is asked before the transaction: it may need the platform's stored conversations.
    const destinations = primary ? await this.routes(primary) : [];

    this.store.transaction(() => {
      const at = this.now();
      const keyed = this.store.incidents.byKey(group.key);
      // An incident an admin merged into another: the grouper still knows its key, its reports go to the survivor.
      const survivorId = keyed ? this.store.corrections.survivorOf(keyed.id) : null;
      const redirected = keyed !== null && survivorId !== keyed.id;
      const existing = redirected ? this.store.incidents.byId(survivorId as number) : keyed;
      const incident =
        existing ??
        this.store.incidents.create({
          key: group.key,
          vendor: primary?.name ?? null,
          organisation: detection.organisations[0] ?? detectedPrimary?.name ?? null,
          title: item.title,
          summary: detection.summary,
          healthcare: detection.healthcare,
          signature: group.signature,
          at,
        });
      // The survivor keeps its own signature: the merged key's signature stays on the merged incident's row.
      if (existing) this.store.incidents.touch(incident.id, redirected ? existing.signature : group.signature, at, primary?.name ?? null);
      outcome.incidentId = incident.id;
      outcome.incidentIsNew = !existing;

      const newSource = this.store.incidents.addSource(incident.id, item.id, at);
      const newFacts = this.store.incidents.addFacts(
        incident.id,
        detection.facts.map((fact) => ({ name: fact.name, value: fact.value, itemId: item.id })),
        at,
        normaliseFactValue,
      );
      for (const vendor of detection.vendors) this.store.incidents.recordVendorRole(incident.id, vendor.name, vendor.role);
      this.store.incidents.saveDetection(item.id, detection, incident.id, at);
      this.store.items.markDone(item.id);

      const vendorName = incident.vendor ?? primary?.name ?? null;
      if (!vendorName) return;
      // A dismissed alert ("Not this vendor") hears no more about the incident: its thread is about the wrong vendor.
      if (this.store.corrections.dismissal(incident.id)) return;
      const muted = this.store.interactions.activeMute(vendorName, at);

      if (incident.alertState !== 'alerted') {
        if (!primary) return;
        if (!item.alertEligible) {
          outcome.skippedBecause = item.ineligibleReason ?? 'not eligible';
          return;
        }
        if (muted) {
          this.store.incidents.setAlertState(incident.id, 'muted', at);
          outcome.skippedBecause = `vendor muted until ${muted.until}`;
          return;
        }
        if (destinations.length === 0) {
          this.logger.warn({ vendor: vendorName }, 'no destination for this vendor\'s alerts: set a channel (see README "Routing")');
          outcome.skippedBecause = 'no destination';
          return;
        }
        for (const destination of destinations) {
          this.store.deliveries.enqueue({ incidentId: incident.id, kind: 'alert', destination, at });
        }
        this.store.incidents.setAlertState(incident.id, 'alerted', at);
        outcome.alerted = true;
        return;
      }

      // A known, alerted incident: later sources and new facts go to the alert's thread, never a new alert.
      if (!newSource && newFacts.length === 0) return;
      // Silence and the age limit keep old news from raising alerts; an incident the team was already alerted to
      // learns of every later source, however old, because that is the thread people are reading.
      if (muted) return;
      for (const posted of this.store.deliveries.postedAlerts(incident.id)) {
        this.store.deliveries.enqueue({
          incidentId: incident.id,
          kind: 'thread_update',
          destination: posted.destination,
          payload: { itemIds: newSource ? [item.id] : [], factIds: newFacts.map((fact) => fact.id) },
          at,
        });
        this.store.deliveries.enqueue({ incidentId: incident.id, kind: 'refresh', destination: posted.destination, at });
        outcome.updatesQueued += 1;
      }
      // Where the alert itself is still queued it will be rendered with the new source when it goes out.
    });
    return outcome;
  }
}
