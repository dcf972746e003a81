import { z } from 'zod';
import { acronymOf, orgKey } from './organisations.js';

// What grouping needs to know about an article or an incident, as plain JSON so the bot can store it and rebuild
// its index after a restart. An incident's signature is the union of its articles' signatures.

export interface OrgRef {
  /** Normalised name (see orgKey). */
  key: string;
  name: string;
  /** Initials of a multi-word name, or the letters of an acronym. */
  acronym: string | null;
  /** True when the article writes it as an acronym (M&S, PJ&A). */
  short: boolean;
}

export interface IncidentSignature {
  version: 1;
  primary: OrgRef | null;
  /** Parties of the breach that are not platforms, primary included. */
  orgs: OrgRef[];
  /** Platforms through which it happened (MOVEit, Snowflake-style): shared by unrelated incidents, so weak evidence. */
  platforms: string[];
  /** Watchlist names with role primary or related. */
  vendors: string[];
  /** Months of the incident: year * 12 + (month - 1). */
  months: number[];
  /** Months of later developments (a lawsuit filed, a settlement, letters mailed): after the incident, not of it. */
  laterMonths: number[];
  /** People or records affected, as numbers (every figure the reports gave). */
  counts: number[];
  /** The report says this is another incident at its organisation ("a second breach", "hit again"). */
  another: boolean;
  /** Years stated without a month. */
  years: number[];
  /** Months stated without any year (and no publication date to place them). */
  bareMonths: number[];
  /** Earliest and latest publication dates (YYYY-MM-DD) of its articles. */
  published: [string, string] | null;
  /** Distinctive names of the story, for articles whose breached party has no name. */
  entities: string[];
  threatActors: string[];
  articles: number;
}

const orgRefSchema = z.object({ key: z.string(), name: z.string(), acronym: z.string().nullable(), short: z.boolean() });

/** Signatures come back from the database: checked at that boundary like any other input. */
export const incidentSignatureSchema = z.object({
  version: z.literal(1),
  primary: orgRefSchema.nullable(),
  orgs: z.array(orgRefSchema),
  platforms: z.array(z.string()),
  vendors: z.array(z.string()),
  months: z.array(z.number().int()),
  // Added in issue 15: signatures stored before it have neither, and read as having none.
  laterMonths: z.array(z.number().int()).default([]),
  counts: z.array(z.number().nonnegative()).default([]),
  another: z.boolean().default(false),
  years: z.array(z.number().int()),
  bareMonths: z.array(z.number().int()),
  published: z.tuple([z.string(), z.string()]).nullable(),
  entities: z.array(z.string()),
  threatActors: z.array(z.string()),
  articles: z.number().int().nonnegative(),
});

export function orgRef(name: string): OrgRef {
  const compact = name.trim();
  const short = /^[A-Z0-9&.-]{2,8}$/.test(compact);
  return { key: orgKey(compact), name: compact, acronym: acronymOf(compact), short };
}

/** True when two references name the same organisation (same key, acronym of the other, or a shorter form). */
export function sameOrg(a: OrgRef, b: OrgRef): boolean {
  if (!a.key || !b.key) return false;
  if (a.key === b.key) return true;
  if (a.short && b.acronym && a.key.replace(/ and /g, '').replace(/\s+/g, '') === b.acronym) return true;
  if (b.short && a.acronym && b.key.replace(/ and /g, '').replace(/\s+/g, '') === a.acronym) return true;
  if (a.short && b.short) return false;
  // Class 4, one organisation under a short and a long name: "Acme" and "Acme Resorts International", "Acme Health"
  // and "Acme Health Systems", "Acme Healthcare" and "Acme Health".
  const [shorter, longer] = orderByLength(looseKey(a.key), looseKey(b.key));
  if (shorter === longer) return shorter.length >= 4;
  if (shorter.length >= 4 && longer.startsWith(`${shorter} `)) return true;
  return initialsOfTheRest(shorter, longer);
}

/** "MediVantage HS" and "MediVantage Health Systems": the same first words, then the initials of the rest. */
function initialsOfTheRest(shorter: string, longer: string): boolean {
  const s = shorter.split(' ');
  const l = longer.split(' ');
  if (s.length < 2 || l.length <= s.length) return false;
  const head = s.slice(0, -1);
  if (head.join(' ').length < 4 || head.some((w, i) => w !== l[i])) return false;
  const initials = l
    .slice(head.length)
    .map((w) => w[0])
    .join('');
  return initials.length >= 2 && initials === s[s.length - 1];
}

// Words that vary between a short and a long form of one name without making it another organisation.
const DROPPED_WORDS = new Set(['the', 'international', 'incorporated', 'corporation', 'company', 'group', 'holdings', 'holding', 'global']);

/** A key with plural words made singular, "healthcare" read as "health" and corporate words dropped. */
function looseKey(key: string): string {
  return key
    .split(' ')
    .filter((w) => !DROPPED_WORDS.has(w))
    .map((w) => (w === 'healthcare' ? 'health' : w.length > 4 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w))
    .join(' ');
}

function orderByLength(a: string, b: string): [string, string] {
  return a.length <= b.length ? [a, b] : [b, a];
}

export function monthIndex(year: number, month: number): number {
  return year * 12 + (month - 1);
}

const MONTH_TOLERANCE = 7;
/**
 * How long a story goes on after its incident: a lawsuit, a final count or a settlement up to this many months
 * later still belongs to it, and a report with no date of its own joins an incident reported within this span.
 */
export const STORY_SPAN_MONTHS = 24;

/**
 * Whether two sets of incident dates can describe one incident: some pair of dates lies within a few months (a
 * notification or lawsuit months later still mentions the original dates). Dates of later developments (a lawsuit
 * filed, a settlement approved) only have to follow the incident within the story's span; a report with no dates
 * at all has to be published within that span.
 */
export function timesCompatible(a: IncidentSignature, b: IncidentSignature): boolean {
  const aKnown = a.months.length + a.years.length > 0;
  const bKnown = b.months.length + b.years.length > 0;
  if (aKnown && bKnown) {
    if (!monthsClose(a.months, b.months) && !yearShared(a, b) && !yearShared(b, a)) return false;
  } else if (a.bareMonths.length > 0 && b.bareMonths.length > 0 && a.months.length === 0 && b.months.length === 0) {
    // "In May" and "in August" with no year anywhere: different months are the one signal there is.
    const shared = a.bareMonths.some((m) => b.bareMonths.some((n) => Math.abs(m - n) <= 1 || Math.abs(m - n) === 11));
    if (!shared) return false;
  }
  if (!aKnown && !developmentsFollow(a, b)) return false;
  if (!bKnown && !developmentsFollow(b, a)) return false;
  // An article cannot report an incident that happened after it was published.
  if (a.published && b.months.length > 0 && monthOfDate(a.published[1]) + 1 < smallest(b.months)) return false;
  if (b.published && a.months.length > 0 && monthOfDate(b.published[1]) + 1 < smallest(a.months)) return false;
  return true;
}

/**
 * For a side with no incident date of its own: its developments' dates come after the other's incident, within the
 * story's span, and it was published within that span of the other's reports.
 */
function developmentsFollow(undated: IncidentSignature, other: IncidentSignature): boolean {
  const start = other.months.length > 0 ? smallest(other.months) : null;
  if (start !== null && undated.laterMonths.length > 0) {
    const end = largest(other.months) + STORY_SPAN_MONTHS;
    if (!undated.laterMonths.some((m) => m >= start - 1 && m <= end)) return false;
  }
  if (!undated.published) return true;
  // Published within the story's span of the other's incident dates, or of its reports when it gives none.
  const first = monthOfDate(undated.published[0]);
  const last = monthOfDate(undated.published[1]);
  if (start !== null) return last >= start - 1 && first <= largest(other.months) + STORY_SPAN_MONTHS;
  if (other.published) {
    const gap = Math.abs(first - monthOfDate(other.published[1]));
    const reverse = Math.abs(monthOfDate(other.published[0]) - last);
    if (Math.min(gap, reverse) > STORY_SPAN_MONTHS) return false;
  }
  return true;
}

// Grouping compares an article with every candidate incident: these loops allocate nothing (no sets or spread
// copies per pair), which kept the comparison's compiled code changing shape as signatures of new kinds came in.

function monthsClose(a: number[], b: number[]): boolean {
  for (const x of a) for (const y of b) if (Math.abs(x - y) <= MONTH_TOLERANCE) return true;
  return false;
}

/** Whether a year `from` states without a month is a year of `to`, stated alone or as the year of a month. */
function yearShared(from: IncidentSignature, to: IncidentSignature): boolean {
  for (const year of from.years) {
    if (to.years.includes(year)) return true;
    for (const m of to.months) if (Math.floor(m / 12) === year) return true;
  }
  return false;
}

function smallest(values: number[]): number {
  let min = Infinity;
  for (const v of values) if (v < min) min = v;
  return min;
}

function largest(values: number[]): number {
  let max = -Infinity;
  for (const v of values) if (v > max) max = v;
  return max;
}

export function monthOfDate(date: string): number {
  return monthIndex(Number(date.slice(0, 4)), Number(date.slice(5, 7)));
}

function uniq<T>(items: T[]): T[] {
  return [...new Set(items)];
}

function mergeOrgs(a: OrgRef[], b: OrgRef[]): OrgRef[] {
  const out = [...a];
  for (const o of b) if (!out.some((x) => x.key === o.key)) out.push(o);
  return out.slice(0, 24);
}

/** The signature of an incident after one more article joined it. */
export function mergeSignatures(into: IncidentSignature, next: IncidentSignature): IncidentSignature {
  const publishedDates = [...(into.published ?? []), ...(next.published ?? [])].sort();
  return {
    version: 1,
    primary: into.primary ?? next.primary,
    orgs: mergeOrgs(into.orgs, next.orgs),
    platforms: uniq([...into.platforms, ...next.platforms]).slice(0, 12),
    vendors: uniq([...into.vendors, ...next.vendors]),
    months: uniq([...into.months, ...next.months])
      .sort((x, y) => x - y)
      .slice(0, 24),
    laterMonths: uniq([...into.laterMonths, ...next.laterMonths])
      .sort((x, y) => x - y)
      .slice(0, 24),
    counts: uniq([...into.counts, ...next.counts]).slice(0, 12),
    // Whether the incident's first report called itself another incident; later reports do not change that.
    another: into.another,
    years: uniq([...into.years, ...next.years]).sort(),
    bareMonths: uniq([...into.bareMonths, ...next.bareMonths]).sort((x, y) => x - y),
    published: publishedDates.length > 0 ? [publishedDates[0]!, publishedDates[publishedDates.length - 1]!] : null,
    entities: uniq([...into.entities, ...next.entities]).slice(0, 60),
    threatActors: uniq([...into.threatActors, ...next.threatActors]).slice(0, 6),
    articles: into.articles + next.articles,
  };
}
