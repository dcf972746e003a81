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
  /** Months of the incident and its developments: year * 12 + (month - 1). */
  months: number[];
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
  const [shorter, longer] = a.key.length <= b.key.length ? [a.key, b.key] : [b.key, a.key];
  return shorter.length >= 4 && longer.startsWith(`${shorter} `);
}

export function monthIndex(year: number, month: number): number {
  return year * 12 + (month - 1);
}

const MONTH_TOLERANCE = 7;

/**
 * Whether two sets of incident dates can describe one incident: some pair of dates lies within a few months (a
 * notification or lawsuit months later still mentions the original dates). Unknown dates never separate.
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
  // An article cannot report an incident that happened after it was published.
  if (a.published && b.months.length > 0 && monthOfDate(a.published[1]) + 1 < smallest(b.months)) return false;
  if (b.published && a.months.length > 0 && monthOfDate(b.published[1]) + 1 < smallest(a.months)) return false;
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

function monthOfDate(date: string): number {
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
    years: uniq([...into.years, ...next.years]).sort(),
    bareMonths: uniq([...into.bareMonths, ...next.bareMonths]).sort((x, y) => x - y),
    published: publishedDates.length > 0 ? [publishedDates[0]!, publishedDates[publishedDates.length - 1]!] : null,
    entities: uniq([...into.entities, ...next.entities]).slice(0, 60),
    threatActors: uniq([...into.threatActors, ...next.threatActors]).slice(0, 6),
    articles: into.articles + next.articles,
  };
}
