import type { Destination } from '../core/chat.js';
import type { Article, Detection, Vendor } from '../core/types.js';
import { normaliseFactValue } from '../detection/facts.js';
import type { Logger } from '../log.js';
import type { AsyncStore } from '../store/async-store.js';
import type { ItemRecord } from '../store/item-repository.js';

import { breachedOrganisation } from './breached-organisation.js';

/** One incident an article reports, and the incident it joins. */
export interface IncidentGroup {
  key: string;
  isNew: boolean;
  signature: unknown;
  /** The breached party of this incident as the article names it. */
  organisation: string | null;
  /** The watchlist vendor that is this incident's breached party, if any. */
  vendor: string | null;
  /** For a separate incident of a roundup: its own summary and no facts (the article's facts are its first incident's). */
  separate: { summary: string } | null;
}

/** What the tracker needs from detection: a verdict per article, and which incidents it belongs to. */
export interface DetectionEngine {
  detect(article: Article): Detection;
  /**
   * The incidents a breach article reports, its own first (a new key when none matches), then the separate incidents
   * of a roundup; [] for non-breach articles.
   */
  group(article: Article, detection: Detection): IncidentGroup[];
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
    private readonly store: AsyncStore,
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
    const groups = detection.breach ? this.engine.group(article, detection) : [];
    if (groups.length === 0) {
      await this.store.transaction(async (tx) => {
        await tx.incidents.saveDetection(item.id, detection, null, this.now());
        await tx.items.markDone(item.id);
      });
      return outcome;
    }

    // Exclusions and routes are settled before the transaction: routing may need the platform's stored conversations.
    const parts: PlannedIncident[] = [];
    for (const group of groups) parts.push(await this.plan(group, detection, outcome));

    // The outcome is filled in as the transaction goes; a rolled-back attempt must leave none of it behind.
    const recorded = await this.store.transaction(async (tx) => {
      const at = this.now();
      const attempt: TrackOutcome = { ...outcome };
      let firstIncidentId: number | null = null;
      for (const part of parts) {
        const incidentId = await this.record(tx, item, detection, part, at, attempt);
        firstIncidentId ??= incidentId;
      }
      await tx.incidents.saveDetection(item.id, detection, firstIncidentId, at);
      await tx.items.markDone(item.id);
      return attempt;
    });
    Object.assign(outcome, recorded);
    return outcome;
  }

  /** Who this incident would alert, once learned exclusions are applied, and where. */
  private async plan(group: IncidentGroup, detection: Detection, outcome: TrackOutcome): Promise<PlannedIncident> {
    const detectedPrimary = group.vendor ? (this.vendors.get(group.vendor) ?? null) : null;
    // Someone said in chat that this organisation's breach is not this vendor's: detection may still see the
    // vendor, but it never becomes the incident's vendor and never raises an alert for it again.
    const organisation = group.separate
      ? group.organisation
      : detectedPrimary
        ? breachedOrganisation(detection, detectedPrimary.name)
        : null;
    const excludedBy =
      detectedPrimary && organisation ? await this.store.corrections.exclusionFor(detectedPrimary.name, organisation) : null;
    if (excludedBy) {
      outcome.skippedBecause = `excluded: ${excludedBy.userName} said "${excludedBy.organisation}" is not ${excludedBy.vendor}`;
      this.logger.info(
        { vendor: excludedBy.vendor, organisation: excludedBy.organisation, exclusion: excludedBy.id },
        'vendor excluded for this organisation',
      );
    }
    const primary = excludedBy ? null : detectedPrimary;
    return { group, detectedPrimary, primary, destinations: primary ? await this.routes(primary) : [] };
  }

  /** One incident's change and the deliveries it causes, inside the item's transaction. Returns the incident's id. */
  private async record(
    tx: AsyncStore,
    item: ItemRecord,
    detection: Detection,
    part: PlannedIncident,
    at: Date,
    outcome: TrackOutcome,
  ): Promise<number> {
    const { group, detectedPrimary, primary, destinations } = part;
    const keyed = await tx.incidents.byKey(group.key);
    // An incident an admin merged into another: the grouper still knows its key, its reports go to the survivor.
    const survivorId = keyed ? await tx.corrections.survivorOf(keyed.id) : null;
    const redirected = keyed !== null && survivorId !== keyed.id;
    const existing = redirected ? await tx.incidents.byId(survivorId as number) : keyed;
    const incident =
      existing ??
      (await tx.incidents.create({
        key: group.key,
        vendor: primary?.name ?? null,
        organisation: group.organisation ?? detectedPrimary?.name ?? null,
        title: item.title,
        summary: group.separate ? group.separate.summary : detection.summary,
        healthcare: detection.healthcare,
        signature: group.signature,
        at,
      }));
    // The survivor keeps its own signature: the merged key's signature stays on the merged incident's row.
    if (existing) await tx.incidents.touch(incident.id, redirected ? existing.signature : group.signature, at, primary?.name ?? null);
    outcome.incidentId ??= incident.id;
    if (!existing && outcome.incidentId === incident.id) outcome.incidentIsNew = true;

    const newSource = await tx.incidents.addSource(incident.id, item.id, at);
    // A roundup's facts are its first incident's: a separate incident learns only that it was reported.
    const newFacts = group.separate
      ? []
      : await tx.incidents.addFacts(
          incident.id,
          detection.facts.map((fact) => ({ name: fact.name, value: fact.value, itemId: item.id })),
          at,
          normaliseFactValue,
        );
    if (group.separate) {
      if (group.vendor) await tx.incidents.recordVendorRole(incident.id, group.vendor, 'primary');
    } else {
      const separateVendors = new Set(detection.separateIncidents?.map((s) => s.vendor) ?? []);
      for (const vendor of detection.vendors)
        if (!separateVendors.has(vendor.name)) await tx.incidents.recordVendorRole(incident.id, vendor.name, vendor.role);
    }

    const vendorName = incident.vendor ?? primary?.name ?? null;
    if (!vendorName) return incident.id;
    // A dismissed alert ("Not this vendor") hears no more about the incident: its thread is about the wrong vendor.
    if (await tx.corrections.dismissal(incident.id)) return incident.id;
    const muted = await tx.interactions.activeMute(vendorName, at);

    if (incident.alertState !== 'alerted') {
      if (!primary) return incident.id;
      if (!item.alertEligible) {
        outcome.skippedBecause = item.ineligibleReason ?? 'not eligible';
        return incident.id;
      }
      if (muted) {
        await tx.incidents.setAlertState(incident.id, 'muted', at);
        outcome.skippedBecause = `vendor muted until ${muted.until}`;
        return incident.id;
      }
      if (destinations.length === 0) {
        this.logger.warn({ vendor: vendorName }, 'no destination for this vendor\'s alerts: set a channel (see README "Routing")');
        outcome.skippedBecause = 'no destination';
        return incident.id;
      }
      for (const destination of destinations) {
        await tx.deliveries.enqueue({ incidentId: incident.id, kind: 'alert', destination, at });
      }
      await tx.incidents.setAlertState(incident.id, 'alerted', at);
      outcome.alerted = true;
      return incident.id;
    }

    // A known, alerted incident: later sources and new facts go to the alert's thread, never a new alert.
    if (!newSource && newFacts.length === 0) return incident.id;
    // Silence and the age limit keep old news from raising alerts; an incident the team was already alerted to
    // learns of every later source, however old, because that is the thread people are reading.
    if (muted) return incident.id;
    for (const posted of await tx.deliveries.postedAlerts(incident.id)) {
      await tx.deliveries.enqueue({
        incidentId: incident.id,
        kind: 'thread_update',
        destination: posted.destination,
        payload: { itemIds: newSource ? [item.id] : [], factIds: newFacts.map((fact) => fact.id) },
        at,
      });
      await tx.deliveries.enqueue({ incidentId: incident.id, kind: 'refresh', destination: posted.destination, at });
      outcome.updatesQueued += 1;
    }
    // Where the alert itself is still queued it will be rendered with the new source when it goes out.
    return incident.id;
  }
}

interface PlannedIncident {
  group: IncidentGroup;
  /** The vendor detection found as this incident's breached party. */
  detectedPrimary: Vendor | null;
  /** The same, unless a learned exclusion says it is not this vendor. */
  primary: Vendor | null;
  destinations: Destination[];
}
