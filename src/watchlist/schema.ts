import { z } from 'zod';
import { CRITICALITIES, type Vendor } from '../core/types.js';

// The watchlist file format of INTERFACES.md, one vendor an entry. The same schema validates JSON entries and CSV
// rows (after list cells are split on ';'), so both formats accept and reject exactly the same things.

const MAX_TEXT_FIELD = 200;
const MAX_NOTES = 4000;
const MAX_LIST_ITEMS = 200;

/** Field names as the file spells them, in the order the documentation lists them. */
export const WATCHLIST_FIELDS = [
  'name',
  'aliases',
  'products',
  'domains',
  'parent',
  'category',
  'criticality',
  'owner',
  'slack_channel',
  'teams_channel',
  'notes',
  'sec_cik',
  'not',
] as const;
export type WatchlistField = (typeof WATCHLIST_FIELDS)[number];

export const LIST_FIELDS: readonly WatchlistField[] = ['aliases', 'products', 'domains', 'not'];

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((value) => !CONTROL.test(value), 'must not contain control characters');

const term = text(MAX_TEXT_FIELD).refine((value) => !/[\r\n]/.test(value), 'must be on one line');

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/i;

const domain = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .superRefine((value, ctx) => {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || value.includes('/')) {
      ctx.addIssue({ code: 'custom', message: `"${value.slice(0, 80)}" is a URL: give the bare domain, e.g. "example.com"` });
    } else if (value.includes('@')) {
      ctx.addIssue({ code: 'custom', message: `"${value.slice(0, 80)}" is an e-mail address: give the domain after the @` });
    } else if (!DOMAIN.test(value)) {
      ctx.addIssue({ code: 'custom', message: `"${value.slice(0, 80)}" is not a domain like "example.com"` });
    }
  })
  .transform((value) => value.toLowerCase().replace(/\.$/, ''));

/** Slack: a channel id (C…/G…) or a #channel-name. */
const SLACK_CHANNEL = /^(?:[CG][A-Z0-9]{6,20}|#[a-z0-9][a-z0-9._-]{0,79})$/;
/** Teams: a channel conversation id as Teams gives it, "19:…@thread.tacv2". */
/** A Teams conversation id: alerts are routed by id only, never by a channel's display name. */
export const TEAMS_CHANNEL = /^19:[A-Za-z0-9_.-]{1,200}@thread\.[a-z0-9]{1,20}$/;

/**
 * SEC Central Index Key: up to ten digits, as SEC writes it with or without its leading zeros (`1582982`,
 * `0001582982`; a JSON number too), kept as the ten-digit form EDGAR's feed shows.
 */
const secCik = z
  .union([z.string(), z.number()])
  .transform((value) => (typeof value === 'number' ? (Number.isSafeInteger(value) && value >= 0 ? String(value) : '') : value.trim()))
  .pipe(
    z
      .string()
      .refine(
        (digits) => /^\d{1,10}$/.test(digits) && /[1-9]/.test(digits),
        'must be a SEC CIK: up to ten digits, not all zero, e.g. "0001582982" (look it up on EDGAR company search)',
      ),
  )
  .transform((digits) => digits.padStart(10, '0'));

const list = <T extends z.ZodType<string>>(item: T) =>
  z.array(item).max(MAX_LIST_ITEMS, `must have at most ${MAX_LIST_ITEMS} entries`).default([]);

export const watchlistEntrySchema = z.strictObject({
  name: term,
  aliases: list(term),
  products: list(term),
  domains: list(domain),
  parent: term.optional(),
  category: term.optional(),
  criticality: z.enum(CRITICALITIES, { error: () => `must be one of ${CRITICALITIES.join(', ')}` }).default('medium'),
  owner: term.optional(),
  slack_channel: z.string().trim().regex(SLACK_CHANNEL, 'must be a Slack channel id such as C0123ABCD or a #channel-name').optional(),
  teams_channel: z.string().trim().regex(TEAMS_CHANNEL, 'must be a Teams channel id such as 19:abc123@thread.tacv2').optional(),
  notes: text(MAX_NOTES).optional(),
  /** The vendor's SEC Central Index Key, to match its 8-K filings exactly (ten digits). */
  sec_cik: secCik.optional(),
  /** Names that are never this vendor ("Epic Games" for Epic Systems): a term of the vendor inside one is not it. */
  not: list(term),
});

export type WatchlistEntry = z.output<typeof watchlistEntrySchema>;

/** A watchlist vendor with what only the disclosure sources use. (The core's Vendor carries it as this field.) */
export type WatchlistVendor = Vendor & { secCik?: string };

/** The vendor's SEC CIK (ten digits), when the watchlist gives one. */
export function secCikOf(vendor: Vendor): string | undefined {
  const cik = (vendor as WatchlistVendor).secCik;
  return typeof cik === 'string' && /^\d{10}$/.test(cik) ? cik : undefined;
}
