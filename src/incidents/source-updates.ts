// What the disclosure sources add to an incident after its alert: a source revising its record (HHS OCR revised a
// count) goes to the alert's thread as an update, and a leak-site claim that a news report, filing or regulator
// list later confirms is shown as confirmed. The tracker (incident-tracker.ts) queues an update for every new
// source already; this module queues the updates no new source causes, and works out a claim's standing from the
// stored provenance and facts, for the alert view and the thread update renderers (src/sources/provenance.ts).

import type { ClaimStanding, SourceKey } from '../sources/provenance.js';
import type { Provenance } from '../sources/source-item.js';
import { formatCount } from '../sources/source-text.js';
import type { AsyncStore } from '../store/async-store.js';
import type { ItemRecord, ItemRevision, RevisionForUpdate } from '../store/item-repository.js';

const SOURCE_NAMES: Record<Provenance, string> = {
  'hhs-ocr': 'HHS OCR',
  'sec-filing': 'The SEC filing',
  'state-ag': 'The state AG list',
  'leak-site': 'The leak-site tracker',
  news: 'The source',
};

function countText(value: string | null): string | null {
  if (value === null) return null;
  return /^\d{1,15}$/.test(value) ? formatCount(Number(value)) : value;
}

/** `HHS OCR now lists 48,210 individuals, was 31,007`: what a revision changed, in one sentence. */
export function revisionMessage(revision: Pick<ItemRevision, 'provenance' | 'previous' | 'revision'>): string {
  const now = countText(revision.revision) as string;
  const was = countText(revision.previous);
  if (revision.provenance === 'hhs-ocr') return `HHS OCR now lists ${now} individuals${was === null ? '' : `, was ${was}`}`;
  return `${SOURCE_NAMES[revision.provenance]} revised its record: now ${now}${was === null ? '' : `, was ${was}`}`;
}

/**
 * Queues the thread update a revision is owed: for each alerted incident the revised item is a source of, one
 * `thread_update` (naming the item and the revision) and one `refresh` per posted alert, as the tracker does for a
 * new source. Nothing for an incident not alerted, dismissed ("Not this vendor") or whose vendor is muted; an alert
 * still waiting to be posted shows the revised record when it goes out. Call it inside the transaction that
 * recorded the revision (the outbox). Returns how many updates were queued.
 */
export async function queueRevisionUpdates(store: AsyncStore, revision: ItemRevision, at: Date): Promise<number> {
  let queued = 0;
  const seen = new Set<number>();
  for (const sourceOf of await store.incidents.incidentsOfItem(revision.itemId)) {
    const incident = await store.incidents.byId(await store.corrections.survivorOf(sourceOf));
    if (incident === null || seen.has(incident.id)) continue;
    seen.add(incident.id);
    await store.incidents.markUpdated(incident.id, at);
    if (incident.alertState !== 'alerted' || incident.vendor === null) continue;
    if (await store.corrections.dismissal(incident.id)) continue;
    if (await store.interactions.activeMute(incident.vendor, at)) continue;
    for (const posted of await store.deliveries.postedAlerts(incident.id)) {
      await store.deliveries.enqueue({
        incidentId: incident.id,
        kind: 'thread_update',
        destination: posted.destination,
        // The delivery worker renders itemIds as source lines; the line of a revised item says the revision.
        payload: { itemIds: [revision.itemId], factIds: [], revisionIds: [revision.id] },
        at,
      });
      await store.deliveries.enqueue({ incidentId: incident.id, kind: 'refresh', destination: posted.destination, at });
      queued += 1;
    }
  }
  return queued;
}

export type { RevisionForUpdate } from '../store/item-repository.js';

/**
 * The revisions a queued thread update names (its payload's `revisionIds`), by the item each revised. A thread update
 * shows the revision it was queued for, not the item's latest: two revisions queued before delivery each keep their
 * own count ("now 40,000, was 31,007", then "now 48,210, was 40,000"). Ids that name no revision are skipped.
 */
export function revisionsForUpdate(store: AsyncStore, revisionIds: readonly number[]): Promise<Map<number, RevisionForUpdate>> {
  return store.items.revisionsForUpdate(revisionIds);
}

/** One source of an incident, as claimStanding needs it: the stored item, when it joined, and its line. */
export interface JoinedSource {
  item: Pick<ItemRecord, 'id' | 'provenance' | 'facts'>;
  joinedAt: string;
  line: SourceKey;
}

/**
 * A leak-site claim's standing in an incident, from the stored provenance and facts: `claimed` while only leak-site
 * claims report it; `confirmed` once the incident, begun as a claim, has a news report, filing or regulator list
 * (the first such is `by`); null when no claim is involved or another kind of source reported it first (the claim is
 * then one more source).
 */
export function claimStanding(sources: readonly JoinedSource[]): ClaimStanding | null {
  return standingAndConfirmation(sources).standing;
}

function standingAndConfirmation(sources: readonly JoinedSource[]): { standing: ClaimStanding | null; confirmedBy: number | null } {
  const ordered = [...sources].sort((a, b) => a.joinedAt.localeCompare(b.joinedAt) || a.item.id - b.item.id);
  const claims = ordered.filter((source) => source.item.provenance === 'leak-site');
  if (claims.length === 0) return { standing: null, confirmedBy: null };
  const groups = [
    ...new Set(claims.map((source) => source.item.facts.threatActor?.trim() ?? '').filter((group): group is string => group.length > 0)),
  ];
  const first = ordered[0] as JoinedSource;
  const confirming = ordered.find((source) => source.item.provenance !== 'leak-site');
  if (confirming === undefined) return { standing: { state: 'claimed', groups }, confirmedBy: null };
  if (first.item.provenance !== 'leak-site') return { standing: null, confirmedBy: null };
  return {
    standing: { state: 'confirmed', groups, by: { ...confirming.line, provenance: confirming.item.provenance } },
    confirmedBy: confirming.item.id,
  };
}

/**
 * For the tracker, after it added `itemId` to an incident: true when that item is what turned the incident's
 * leak-site claim into a confirmed breach. The thread update the tracker already queues for a new source says so
 * when it is rendered; this is for logs and counts.
 */
export async function confirmsClaim(store: AsyncStore, incidentId: number, itemId: number): Promise<boolean> {
  const joined = await store.incidents.sourcesJoined(incidentId);
  const items = new Map((await store.items.byIds(joined.map((source) => source.itemId))).map((item) => [item.id, item]));
  const sources: JoinedSource[] = joined.flatMap(({ itemId: id, joinedAt }) => {
    const item = items.get(id);
    return item ? [{ item, joinedAt, line: { title: item.title, url: item.canonicalUrl, outlet: item.feedName } }] : [];
  });
  return standingAndConfirmation(sources).confirmedBy === itemId;
}
