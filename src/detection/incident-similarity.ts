import { isCommonWord } from './matching/common-words.js';
import { type IncidentSignature, monthOfDate, sameOrg, timesCompatible } from './signature.js';
import { GROUPING } from './weights.js';

// How alike a new report and an open incident are, as a score from three kinds of evidence: the breached party
// (by name, acronym or short/long form; outlets never get this far, detection drops them), the time (dates that can
// be one incident, or developments that follow it within the story's span) and the facts both state (counts of
// people affected, the attackers). The grouper joins the best-scoring incident above GROUPING.joinThreshold.
//
// After Miranda et al., "Multilingual Clustering of Streaming News" (EMNLP 2018): online clustering that compares
// each new story with the open clusters on entity and time features. Unlike general news, a breach story names its
// victim, so the party decides and time and facts confirm or veto; and follow-ups (a lawsuit, a final count months
// later) are judged by dates of their own kind instead of a decaying time feature, so they still join.

export interface Similarity {
  score: number;
  reason: string;
}

/** The score of `article` against `incident`, or null when they cannot be one incident. */
export function similarity(article: IncidentSignature, incident: IncidentSignature): Similarity | null {
  if (!timesCompatible(article, incident)) return null;
  const party = partyEvidence(article, incident);
  if (!party) return null;
  const facts = factEvidence(article, incident);
  // Same victim, but different attackers and different dates or counts: another incident at the same organisation.
  if (facts.conflict && party.score >= GROUPING.samePrimary) return null;
  const score = party.score + facts.bonus;
  if (score < GROUPING.joinThreshold) return null;
  return { score, reason: facts.reason ? `${party.reason}; ${facts.reason}` : party.reason };
}

function partyEvidence(a: IncidentSignature, b: IncidentSignature): Similarity | null {
  const aPlat = new Set(a.platforms);
  const bPlat = new Set(b.platforms);
  if (a.primary && b.primary) {
    if (sameOrg(a.primary, b.primary)) return { score: GROUPING.samePrimary, reason: `same breached party (${b.primary.name})` };
    // One outlet leads with the vendor, another with a hospital it serves: one names the other's primary as a party.
    const aInB = !bPlat.has(a.primary.key) && b.orgs.some((o) => sameOrg(o, a.primary!));
    const bInA = !aPlat.has(b.primary.key) && a.orgs.some((o) => sameOrg(o, b.primary!));
    const sharedVictims = a.orgs.filter((o) => !aPlat.has(o.key) && b.orgs.some((p) => !bPlat.has(p.key) && sameOrg(o, p))).length;
    // Told months apart with nothing else in common, it is the customer's other incident (a print vendor's breach
    // reaching a plan that had its own phishing breach in the winter), not one incident told from two sides.
    if ((aInB || bInA) && sharedVictims >= 1 && (sharesAMonth(a, b) || sharesAFact(a, b) || !datedBoth(a, b)))
      return {
        score: GROUPING.partyOfBoth + sharedVictims,
        reason: `${aInB ? a.primary.name : b.primary.name} is a party of both`,
      };
    if (sharedVictims >= GROUPING.minSharedParties)
      return { score: GROUPING.sharedParties + sharedVictims, reason: `${sharedVictims} parties in common` };
    // Each names the other's breached party ("the CHSF" and "the hospital of Corbeil-Essonnes", in two reports).
    const aNamedInB = b.entities.includes(a.primary.key);
    const bNamedInA = a.entities.includes(b.primary.key);
    if (aNamedInB && bNamedInA)
      return { score: GROUPING.namedInBoth, reason: `each names the other's breached party (${a.primary.name}, ${b.primary.name})` };
    // One names the other's breached party, and both give the same count or attackers.
    if ((aNamedInB || bNamedInA) && sharesAFact(a, b))
      return {
        score: GROUPING.namedOnceWithAFact,
        reason: `${aNamedInB ? a.primary.name : b.primary.name} named in both, with a fact in common`,
      };
    // Class 4, two long forms of one brand ("Excellus BlueCross BlueShield", "Excellus Health Plan"): the same
    // distinctive first word, one report naming the other's, and the same incident month.
    if ((aNamedInB || bNamedInA) && sameBrand(a.primary.key, b.primary.key) && sharesAMonth(a, b))
      return {
        score: GROUPING.namedOnceWithAFact,
        reason: `${a.primary.name} and ${b.primary.name}: one brand, named in both, the same month`,
      };
    return null;
  }
  // No breached party named on one side (researchers' findings, vague reposts): fall back on the story's names.
  const primary = a.primary ?? b.primary;
  if (primary) {
    const side = a.primary ? b : a;
    if (side.orgs.some((o) => sameOrg(o, primary)) || side.entities.includes(primary.key))
      return { score: GROUPING.namedInBoth, reason: `${primary.name} named in both` };
  }
  // Neither names a breached party, and both lead with the same name (a TV page and a regulator's release about one
  // hospital): that name is what both are about.
  if (a.entities[0] !== undefined && a.entities[0] === b.entities[0])
    return { score: GROUPING.namedInBoth, reason: `both about ${a.entities[0]}` };
  const sim = entityOverlap(a.entities, b.entities);
  if (sim >= GROUPING.entityMatch) return { score: GROUPING.sameNames + sim, reason: `same names (${Math.round(sim * 100)}% shared)` };
  return null;
}

interface FactEvidence {
  bonus: number;
  conflict: boolean;
  reason: string | null;
}

function factEvidence(a: IncidentSignature, b: IncidentSignature): FactEvidence {
  const sameCount = a.counts.some((x) => b.counts.some((y) => closeCounts(x, y)));
  const aActors = new Set(a.threatActors.map(actorKey));
  const bActors = b.threatActors.map(actorKey);
  const sameActor = bActors.some((x) => aActors.has(x));
  const otherActors = aActors.size > 0 && bActors.length > 0 && !sameActor;
  const otherMonths = a.months.length > 0 && b.months.length > 0 && !a.months.some((m) => b.months.includes(m));
  const otherCounts = a.counts.length > 0 && b.counts.length > 0 && !sameCount;
  // "A second breach": the report is not about an incident all of whose dates and reports are older than its own
  // recent months (the earlier incident, which such a story recalls, often with its dates and counts).
  // Its newest incident date is the new incident's; without dates, an incident reported in its recent months may be it.
  const newest = a.months.length > 0 ? Math.max(...a.months) : null;
  const recent = a.published ? monthOfDate(a.published[1]) - GROUPING.recentMonths : -Infinity;
  const incidentIsRecent = b.months.some((m) => m >= recent) || (b.published !== null && monthOfDate(b.published[1]) >= recent);
  const saysAnother = a.another && (newest !== null ? !b.months.includes(newest) : !incidentIsRecent);
  const reasons: string[] = [];
  if (sameCount) reasons.push('same count');
  if (sameActor) reasons.push('same attackers');
  return {
    bonus: (sameCount ? GROUPING.sameCount : 0) + (sameActor ? GROUPING.sameActor : 0),
    conflict: (otherActors && (otherMonths || otherCounts)) || saysAnother,
    reason: reasons.length > 0 ? reasons.join(', ') : null,
  };
}

/** The same count of people affected or the same attackers: a month alone is shared by too many incidents. */
// First words many unrelated organisations share: they make no brand.
const COMMON_HEADS = new Set(
  'american national united first general city county state university north south east west northern southern eastern western new saint community regional global international health medical central pacific atlantic valley mountain river premier advanced family children women'.split(
    ' ',
  ),
);

/** One distinctive first word ("Excellus"); an everyday word ("Ladle", "Summit") heads unrelated businesses' names. */
function sameBrand(aKey: string, bKey: string): boolean {
  const a = aKey.split(' ')[0]!;
  return a.length >= 5 && a === bKey.split(' ')[0] && !COMMON_HEADS.has(a) && !isCommonWord(a);
}

function datedBoth(a: IncidentSignature, b: IncidentSignature): boolean {
  return a.months.length > 0 && b.months.length > 0;
}

function sharesAMonth(a: IncidentSignature, b: IncidentSignature): boolean {
  return a.months.some((x) => b.months.some((y) => Math.abs(x - y) <= 1));
}

function sharesAFact(a: IncidentSignature, b: IncidentSignature): boolean {
  if (a.counts.some((x) => b.counts.some((y) => closeCounts(x, y)))) return true;
  const actors = new Set(a.threatActors.map(actorKey));
  return b.threatActors.some((x) => actors.has(actorKey(x)));
}

function closeCounts(x: number, y: number): boolean {
  return Math.abs(x - y) <= Math.max(x, y) * GROUPING.countTolerance;
}

// "Hunters International" is "Hunters" once named: a gang is keyed by its first distinctive word, so a short and a
// long form of one gang never read as two gangs (which would split an incident as "different attackers").
function actorKey(name: string): string {
  const words = name
    .toLowerCase()
    .replace(/\b(?:ransomware|group|gang|hackers?|crew|team|the)\b/g, ' ')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
  const first = words[0] ?? '';
  return first.length >= 4 ? first : words.join('');
}

/** Overlap of two name sets relative to the smaller one; a few shared names at least, or it is chance. */
function entityOverlap(a: string[], b: string[]): number {
  const sa = new Set(a);
  const sb = new Set(b);
  if (sa.size === 0 || sb.size === 0) return 0;
  let shared = 0;
  for (const x of sb) if (sa.has(x)) shared += 1;
  return shared >= GROUPING.minSharedNames ? shared / Math.min(sa.size, sb.size) : 0;
}
