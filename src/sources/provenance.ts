// What kind of source each line of an alert is, said the same way on every platform, and the order sources are
// shown in. The fields the disclosure sources add to a view are the core's (src/core/chat.ts: SourceView.provenance,
// SourceView.revision, AlertView.standing), optional there: the readers here check them, so a view without them (an
// old fixture, a row stored before the sources existed, a payload that went through JSON) reads as news with nothing
// to add. Pure: no store, no platform.

import type {
  AlertView,
  ClaimStanding,
  SourceKey,
  SourceProvenance,
  SourceRevisionView,
  SourceView,
  ThreadUpdateView,
} from '../core/chat.js';
import { PROVENANCES, type Provenance } from './source-item.js';

export type { ClaimStanding, SourceKey, SourceRevisionView } from '../core/chat.js';
export type { Provenance } from './source-item.js';

/** The core's kinds of source and the sources' own list are one list: a kind added to one and not the other fails here. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const PROVENANCE_LISTS_AGREE: Same<Provenance, SourceProvenance> = true;
void PROVENANCE_LISTS_AGREE;

/** How each kind of source is named on a source line. */
export const PROVENANCE_LABELS: Readonly<Record<Provenance, string>> = {
  'sec-filing': 'SEC filing',
  'hhs-ocr': 'HHS OCR',
  'state-ag': 'State AG',
  news: 'News',
  'leak-site': 'Leak-site claim',
};

/**
 * Strongest first: the breached company's own filing under securities law, then the federal regulator's list
 * (filed by the covered entity itself under HIPAA), then a state attorney general's list (a notice was sent, but the
 * list says little), then the press (second-hand), and last a criminal group's claim (unverified by anyone).
 */
export const PROVENANCE_ORDER: readonly Provenance[] = ['sec-filing', 'hhs-ocr', 'state-ag', 'news', 'leak-site'];

const RANK = new Map(PROVENANCE_ORDER.map((provenance, index) => [provenance, index]));

export function isProvenance(value: unknown): value is Provenance {
  return typeof value === 'string' && (PROVENANCES as readonly string[]).includes(value);
}

/** A source line with what the disclosure sources add: the core's SourceView, whose `provenance` and `revision` they set. */
export type DisclosureSourceView = SourceView;

/** An alert with a leak-site claim's standing: the core's AlertView, whose `standing` they set. */
export type DisclosureAlertView = AlertView;

export function sameSource(a: SourceKey, b: SourceKey): boolean {
  if (a.url !== null || b.url !== null) return a.url === b.url;
  return a.title === b.title && a.outlet === b.outlet;
}

/** The kind of a source line; `news` for a view that does not say. */
export function provenanceOf(source: SourceView): Provenance {
  // Checked, not trusted: a view may come from a stored payload or a fixture.
  const value = source.provenance;
  return isProvenance(value) ? value : 'news';
}

export function provenanceLabel(source: SourceView): string {
  return PROVENANCE_LABELS[provenanceOf(source)];
}

export function provenanceRank(provenance: Provenance): number {
  return RANK.get(provenance) ?? PROVENANCE_ORDER.length;
}

/** The sources, strongest kind first; within a kind, in the order given. */
export function strongestFirst<T extends SourceView>(sources: readonly T[]): T[] {
  return sources
    .map((source, index) => ({ source, index, rank: provenanceRank(provenanceOf(source)) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((entry) => entry.source);
}

function revisionOf(source: SourceView): SourceRevisionView | null {
  const revision = source.revision;
  if (typeof revision !== 'object' || revision === null) return null;
  return typeof revision.message === 'string' && typeof revision.at === 'string' ? revision : null;
}

/** The revision note of a source line, or null: shown on the line wherever the source is listed. */
export function revisionNote(source: SourceView): string | null {
  return revisionOf(source)?.message ?? null;
}

/** What a leak-site claim's incident stands at, or null when no claim is involved or the view does not say. */
export function standingOf(alert: AlertView): ClaimStanding | null {
  const standing = alert.standing;
  if (typeof standing !== 'object' || standing === null) return null;
  if (!Array.isArray(standing.groups) || !standing.groups.every((group) => typeof group === 'string')) return null;
  if (standing.state === 'claimed') return standing;
  if (standing.state === 'confirmed' && typeof standing.by === 'object' && standing.by !== null && typeof standing.by.outlet === 'string') {
    return standing;
  }
  return null;
}

/** `kraken`, `kraken and brinevault`, `kraken, brinevault and 2 more`. */
export function groupList(groups: readonly string[]): string {
  const named = groups.slice(0, 2);
  const more = groups.length - named.length;
  if (named.length === 0) return 'a ransomware group';
  if (more > 0) return `${named.join(', ')} and ${more} more`;
  return named.length === 2 ? `${named[0]} and ${named[1]}` : (named[0] as string);
}

/** What a thread update is about, once its lines are told apart. */
export interface ThreadUpdateParts {
  /** Lines of sources already in the incident whose record was revised (the reason for the update). */
  revised: { source: SourceView; message: string }[];
  /** Lines of sources new to the incident. */
  added: SourceView[];
  /** Set when one of the new sources is the one that confirmed a leak-site claim. */
  confirmation: { provenance: Provenance; label: string; outlet: string; groups: string[] } | null;
}

/**
 * Splits a thread update's sources: a source the incident already held when it revised its record is a revision
 * (HHS OCR revised its count); any other is a new source, and the one that first confirmed a leak-site claim is
 * the confirmation.
 */
export function threadUpdateParts(update: ThreadUpdateView): ThreadUpdateParts {
  const revised: ThreadUpdateParts['revised'] = [];
  const added: SourceView[] = [];
  for (const source of update.newSources) {
    const revision = revisionOf(source);
    if (revision?.afterJoining === true) revised.push({ source, message: revision.message });
    else added.push(source);
  }
  const standing = standingOf(update.alert);
  let confirmation: ThreadUpdateParts['confirmation'] = null;
  if (standing?.state === 'confirmed') {
    const by = added.find((source) => sameSource(source, standing.by));
    if (by !== undefined) {
      const provenance = provenanceOf(by);
      confirmation = { provenance, label: PROVENANCE_LABELS[provenance], outlet: by.outlet, groups: standing.groups };
    }
  }
  return { revised, added, confirmation };
}

/** `news report`, `SEC filing`, `HHS OCR listing`, `state AG listing`: what confirmed a claim, in a sentence. */
export function confirmingSourceNoun(provenance: Provenance): string {
  switch (provenance) {
    case 'news':
      return 'a news report';
    case 'sec-filing':
      return 'an SEC filing';
    case 'hhs-ocr':
      return 'the HHS OCR breach list';
    case 'state-ag':
      return "a state attorney general's breach list";
    case 'leak-site':
      return 'another leak-site claim';
  }
}
