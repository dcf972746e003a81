// What every disclosure source turns its body into: a FeedItem (so fetching, storage and detection handle it as
// they handle a news item) plus where it comes from, who it names as the breached party, a stable key for the
// record, the value whose change means "revised", and a few typed facts the source states outright.

import { z } from 'zod';
import type { FeedItem } from '../core/types.js';
import { canonicalizeUrl, fingerprintItem } from '../feeds/normalise.js';
import { cleanBlock, cleanLine } from './source-text.js';

export const PROVENANCES = ['news', 'sec-filing', 'hhs-ocr', 'state-ag', 'leak-site'] as const;
export type Provenance = (typeof PROVENANCES)[number];

/** The candidate breached party as the source names it: the legal name as given, never rewritten. */
export interface SourceParty {
  name: string;
  /** SEC Central Index Key, ten digits. */
  cik?: string;
  /** Lowercase host without scheme or `www.`. */
  domain?: string;
}

/** What a source states outright about the record. Absent means the source does not say. */
export interface SourceFacts {
  individualsAffected?: number;
  /** As the source words it (HHS OCR: `Hacking/IT Incident`). */
  breachType?: string;
  /** Where the breached information was (HHS OCR: `Network Server, Email`). */
  location?: string;
  businessAssociatePresent?: boolean;
  /** HHS OCR: `Healthcare Provider`, `Health Plan`, `Business Associate`, … */
  entityType?: string;
  /** SEC 8-K item numbers (`1.05`, `9.01`). */
  items?: string[];
  /** SEC form (`8-K`, `8-K/A`). */
  form?: string;
  /** The group claiming the attack (leak sites). */
  threatActor?: string;
  /** Days the breach happened, ISO (`2025-03-14`), as the source lists them. */
  breachDates?: string[];
  /** US state (HHS OCR) or country code (leak sites). */
  state?: string;
  country?: string;
  sector?: string;
  /** The customer a filer reported for ("X on behalf of Y": Y). */
  onBehalfOf?: string;
}

export interface SourceItem extends FeedItem {
  provenance: Provenance;
  party: SourceParty | null;
  /** Stable key of the record within its source: the same record re-published keeps it. */
  identity: string;
  /** A value whose change on a known identity means the source revised the record; null when none. */
  revision: string | null;
  facts: SourceFacts;
}

export const MAX_PARTY_NAME_CHARS = 300;
export const MAX_SOURCE_TITLE_CHARS = 500;
export const MAX_SOURCE_TEXT_CHARS = 20_000;
const MAX_IDENTITY_CHARS = 700;
const MAX_FACT_CHARS = 300;
const MAX_LIST = 50;

const line = (max: number) => z.string().max(max);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const factsSchema = z
  .object({
    individualsAffected: z.number().int().nonnegative().max(1e10).optional(),
    breachType: line(MAX_FACT_CHARS).optional(),
    location: line(MAX_FACT_CHARS).optional(),
    businessAssociatePresent: z.boolean().optional(),
    entityType: line(MAX_FACT_CHARS).optional(),
    items: z
      .array(z.string().regex(/^\d{1,2}\.\d{2}$/))
      .max(MAX_LIST)
      .optional(),
    form: z.enum(['8-K', '8-K/A']).optional(),
    threatActor: line(MAX_FACT_CHARS).optional(),
    breachDates: z.array(day).max(MAX_LIST).optional(),
    state: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .optional(),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .optional(),
    sector: line(MAX_FACT_CHARS).optional(),
    onBehalfOf: line(MAX_PARTY_NAME_CHARS).optional(),
  })
  .strict();

/** The shape every source's output is checked against before it leaves the module. */
export const sourceItemSchema = z
  .object({
    feedUrl: z.string().min(1).max(2048),
    guid: z
      .string()
      .min(1)
      .max(MAX_IDENTITY_CHARS + 20),
    canonicalUrl: z
      .string()
      .regex(/^https?:\/\//)
      .max(2048)
      .nullable(),
    title: z.string().min(1).max(MAX_SOURCE_TITLE_CHARS),
    text: z.string().max(MAX_SOURCE_TEXT_CHARS),
    publishedAt: z.date().nullable(),
    fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
    provenance: z.enum(PROVENANCES),
    party: z
      .object({
        name: z.string().min(1).max(MAX_PARTY_NAME_CHARS),
        cik: z
          .string()
          .regex(/^\d{10}$/)
          .optional(),
        domain: z.string().max(253).optional(),
      })
      .strict()
      .nullable(),
    identity: z.string().min(1).max(MAX_IDENTITY_CHARS),
    revision: z.string().max(100).nullable(),
    facts: factsSchema,
  })
  .strict();

/** What a source module hands to makeSourceItem: the sentences and values, not yet cleaned or capped. */
export interface SourceItemDraft {
  feedUrl: string;
  provenance: Exclude<Provenance, 'news'>;
  identity: string;
  revision: string | null;
  title: string;
  text: string;
  /** A page people may open for the record; only http(s), never a leak site. */
  link: string | null;
  publishedAt: Date | null;
  party: SourceParty | null;
  facts: SourceFacts;
}

/**
 * Cleans and caps a draft into a SourceItem: control and bidi characters removed, every field within its cap, the
 * link canonical (or null), the guid derived from the identity (so a re-published record keeps it) and the
 * fingerprint from the title and text (so a revised record gets a new one). Throws if the result breaks the schema:
 * that is a bug in the source module, never a property of the input.
 */
export function makeSourceItem(draft: SourceItemDraft): SourceItem {
  const title = cleanLine(draft.title, MAX_SOURCE_TITLE_CHARS);
  const text = cleanBlock(draft.text, MAX_SOURCE_TEXT_CHARS);
  const identity = cleanLine(draft.identity, MAX_IDENTITY_CHARS);
  const party =
    draft.party === null
      ? null
      : {
          name: cleanLine(draft.party.name, MAX_PARTY_NAME_CHARS),
          ...(draft.party.cik === undefined ? {} : { cik: draft.party.cik }),
          ...(draft.party.domain === undefined ? {} : { domain: draft.party.domain }),
        };
  const item: SourceItem = {
    feedUrl: draft.feedUrl,
    guid: `${draft.provenance}:${identity}`,
    canonicalUrl: draft.link === null ? null : canonicalizeUrl(draft.link),
    title,
    text,
    publishedAt: draft.publishedAt !== null && !Number.isNaN(draft.publishedAt.getTime()) ? draft.publishedAt : null,
    fingerprint: fingerprintItem(title, text),
    provenance: draft.provenance,
    party: party !== null && party.name.length > 0 ? party : null,
    identity,
    revision: draft.revision === null ? null : cleanLine(draft.revision, 100),
    facts: cleanFacts(draft.facts),
  };
  return sourceItemSchema.parse(item) as SourceItem;
}

function cleanFacts(facts: SourceFacts): SourceFacts {
  const out: SourceFacts = {};
  for (const [key, value] of Object.entries(facts) as [keyof SourceFacts, SourceFacts[keyof SourceFacts]][]) {
    if (value === undefined) continue;
    if (typeof value === 'string') {
      const cleaned = cleanLine(value, key === 'onBehalfOf' ? MAX_PARTY_NAME_CHARS : MAX_FACT_CHARS);
      if (cleaned.length > 0) (out as Record<string, unknown>)[key] = cleaned;
    } else if (Array.isArray(value)) {
      (out as Record<string, unknown>)[key] = [...new Set(value)].slice(0, MAX_LIST);
    } else {
      (out as Record<string, unknown>)[key] = value;
    }
  }
  return out;
}

/** What parsing one source body gives: its items, and how many records were skipped as unreadable and why. */
export interface SourceParseResult {
  items: SourceItem[];
  /** Records that were not readable (bad row, wrong shape); the rest of the body still counts. */
  skipped: number;
  /** The first few reasons, one line each, for feed health and logs. */
  problems: string[];
}

export const MAX_PROBLEMS = 5;
