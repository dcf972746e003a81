import type { DismissalView, FactView, MergeView } from '../core/chat.js';
import type { FactName, Vendor } from '../core/types.js';
import { mergeFacts } from '../detection/facts.js';
import { type DisclosureAlertView, type DisclosureSourceView, strongestFirst } from '../sources/provenance.js';
import type { AsyncStore } from '../store/async-store.js';
import type { IncidentFactRecord } from '../store/incident-repository.js';
import type { ItemRecord } from '../store/item-repository.js';

import { claimStanding, revisionMessage } from './source-updates.js';

export const FACT_LABELS: Record<FactName, string> = {
  detected: 'Detected',
  disclosed: 'Disclosed',
  filed: 'Filed',
  attack_type: 'Attack type',
  systems_affected: 'Systems affected',
  people_affected: 'People affected',
  records_affected: 'Records affected',
  data_types: 'Data types',
  regulatory_filing: 'Regulatory filing',
  threat_actor: 'Threat actor',
  status: 'Status',
  duration: 'Duration',
};

const FACT_ORDER = Object.keys(FACT_LABELS) as FactName[];

/** Only http(s) links ever reach a chat message. */
export function safeHttpUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.toString() : null;
  } catch {
    return null;
  }
}

/**
 * A source line: the item's title, link, outlet and date, what kind of source it is (news, SEC filing, HHS OCR,
 * state AG, leak-site claim) and, when the source revised its record, what changed.
 */
export function sourceView(item: ItemRecord): DisclosureSourceView {
  const url = safeHttpUrl(item.canonicalUrl);
  const revision = item.latestRevision;
  const view: DisclosureSourceView = {
    title: item.title,
    url,
    outlet: item.feedName || (url ? new URL(url).host : 'unknown outlet'),
    // An undated item shows no date rather than the day we happened to read it.
    published: item.publishedAt ? item.publishedAt.slice(0, 10) : null,
  };
  // A news line is the SourceView it always was; a disclosure source says what it is.
  if (item.provenance !== 'news') view.provenance = item.provenance;
  if (revision) {
    const afterJoining = item.firstJoinedAt !== null && item.firstJoinedAt <= revision.recordedAt;
    view.revision = { message: revisionMessage(revision), at: revision.recordedAt, afterJoining };
  }
  return view;
}

/**
 * Groups facts by name, and equal values (ignoring case and number formatting) together with every outlet that
 * states them. Disagreeing values stay side by side: a summary never invents a consensus.
 */
export function factViews(facts: readonly IncidentFactRecord[], outletOf: (itemId: number) => string): FactView[] {
  const merged = new Map(
    mergeFacts(facts.map((fact) => ({ name: fact.name, value: fact.value, source: outletOf(fact.itemId) }))).map((fact) => [
      fact.name,
      fact,
    ]),
  );
  return FACT_ORDER.filter((name) => merged.has(name)).map((name) => ({
    name,
    label: FACT_LABELS[name],
    values: merged.get(name)!.values,
  }));
}

async function dismissalView(store: AsyncStore, incidentId: number): Promise<DismissalView | null> {
  const dismissal = await store.corrections.dismissal(incidentId);
  if (!dismissal) return null;
  return {
    platform: dismissal.platform,
    userId: dismissal.userId,
    userName: dismissal.userName,
    at: dismissal.at,
    vendor: dismissal.vendor,
  };
}

/**
 * An incident merged into another: who merged it, when, and the key of the incident that took its story. Only a
 * merged incident's view has the field: every other view stays as it was before merges were shown.
 */
async function mergeOf(store: AsyncStore, incidentId: number): Promise<{ merge?: MergeView }> {
  const merge = await store.corrections.mergedFrom(incidentId);
  if (!merge) return {};
  return {
    merge: {
      platform: merge.platform,
      userId: merge.userId,
      userName: merge.userName,
      at: merge.at,
      intoKey: (await store.incidents.byId(merge.intoId))?.key ?? String(merge.intoId),
    },
  };
}

/**
 * Builds the platform-neutral view of an incident's alert from what the store holds now: sources strongest kind
 * first (src/sources/provenance.ts), and a leak-site claim's standing when one is involved.
 */
export async function buildAlertView(
  store: AsyncStore,
  incidentId: number,
  vendors: ReadonlyMap<string, Vendor>,
  now: Date,
): Promise<DisclosureAlertView | null> {
  const incident = await store.incidents.byId(incidentId);
  if (!incident) return null;
  const joined = await store.incidents.sourcesJoined(incidentId);
  const items = await store.items.byIds(joined.map((source) => source.itemId));
  const joinedAt = new Map(joined.map((source) => [source.itemId, source.joinedAt]));
  const outlets = new Map(items.map((item) => [item.id, sourceView(item).outlet]));
  const sources = items.map(sourceView);
  const standing = claimStanding(
    items.map((item, index) => ({
      item,
      joinedAt: joinedAt.get(item.id) ?? incident.firstSeenAt,
      line: sources[index] as DisclosureSourceView,
    })),
  );
  const vendor = incident.vendor ? vendors.get(incident.vendor) : undefined;
  const mute = incident.vendor ? await store.interactions.activeMute(incident.vendor, now) : null;
  const facts = await store.incidents.facts(incidentId);
  const roles = await store.incidents.vendorRoles(incidentId);
  const acknowledgement = await store.interactions.acknowledgement(incidentId);
  const dismissal = await dismissalView(store, incidentId);
  const merge = await mergeOf(store, incidentId);
  return {
    incidentId: incident.id,
    incidentKey: incident.key,
    vendor: {
      name: incident.vendor ?? incident.organisation ?? 'Unknown organisation',
      criticality: vendor?.criticality ?? 'medium',
      category: vendor?.category ?? null,
      owner: vendor?.owner ?? null,
    },
    title: incident.title,
    summary: incident.summary,
    facts: factViews(facts, (itemId) => outlets.get(itemId) ?? 'unknown outlet'),
    // The strongest kind first (an SEC filing before the press, a claim last); within a kind, as stored.
    sources: strongestFirst(sources),
    ...(standing ? { standing } : {}),
    related: roles.filter((entry) => entry.role === 'related' && entry.vendor !== incident.vendor).map((entry) => entry.vendor),
    firstSeenAt: incident.firstSeenAt,
    updatedAt: incident.updatedAt,
    acknowledgement,
    mutedUntil: mute?.until ?? null,
    dismissal,
    ...merge,
  };
}
