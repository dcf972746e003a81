// Filer and registrant names come as legal names: `CareCloud, Inc.`, `HOLOGIC INC`, `Acme Holdings Corp /DE/`,
// `Foo Dental, PLLC d/b/a Bright Smiles`. A watchlist names the vendor as people say it. These helpers give the
// forms a legal name is said in, so a filer can be matched to a vendor with the legal dress ignored.

import { nameKey } from './source-text.js';

const MAX_NAME_CHARS = 300;
const MAX_VARIANTS = 8;

/**
 * Legal-form words that end a company name. Each is matched as a whole word at the end, with or without its dots
 * and with an optional comma before it; `Co` also as `& Co`.
 */
const LEGAL_SUFFIXES = [
  'incorporated',
  'inc',
  'corporation',
  'corp',
  'company',
  'co',
  'limited',
  'ltd',
  'llc',
  'l l c',
  'llp',
  'l l p',
  'lp',
  'l p',
  'pllc',
  'p l l c',
  'pc',
  'p c',
  'plc',
  'p l c',
  'nv',
  'n v',
  'sa',
  's a',
  'ag',
  'gmbh',
  'bv',
  'b v',
  'se',
];

// `L.L.C.`, `L. L. C.`, `LLC.` and `llc` are one suffix: letters with optional dots and spaces between them.
const SUFFIX_PATTERN = new RegExp(
  `(?:^|[\\s,]+)(?:&\\s*)?(?:${LEGAL_SUFFIXES.map((suffix) => suffix.split(' ').join('\\.?\\s?')).join('|')})\\.?$`,
  'i',
);

/** EDGAR's state-of-incorporation tags: `/DE/`, `/NV`, `\DE\`, `/NEW/`. */
const STATE_TAG = /\s*[/\\][A-Z]{2,6}[/\\]?\s*$/i;

/** "doing business as", "also/formerly known as": the parts on either side are names of the same entity. */
const DBA_SPLIT =
  /\s+(?:d\s*\/\s*b\s*\/\s*a|d\.b\.a\.?|dba|doing business as|a\s*\/\s*k\s*\/\s*a|aka|f\s*\/\s*k\s*\/\s*a|fka|formerly known as)\.?\s+/i;

const HOLDINGS = /[\s,]+holdings?$/i;

function tidy(name: string): string {
  return name
    .slice(0, MAX_NAME_CHARS)
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[\s,;:&-]+|[\s,;:&-]+$/g, '');
}

/**
 * The name without its legal form and EDGAR state tag: `CareCloud, Inc.` → `CareCloud`, `HOLOGIC INC` → `HOLOGIC`,
 * `Acme Holdings Corp /DE/` → `Acme Holdings`. Several trailing forms go (`Acme Co., Ltd.` → `Acme`); a name that is
 * nothing but a legal form is returned as it is.
 */
export function stripLegalSuffix(name: string): string {
  let current = tidy(name);
  for (let round = 0; round < 6; round++) {
    const next = tidy(current.replace(STATE_TAG, '').replace(SUFFIX_PATTERN, ''));
    if (next === current || next.length === 0) break;
    current = next;
  }
  return current;
}

/**
 * The forms a legal name is said in, most specific first and without repeats: the name as given, without its legal
 * form, without a trailing `Holdings`, and the same for each side of a `d/b/a` (or `aka`, `fka`).
 * `Acme Holdings Corp /DE/` → [`Acme Holdings Corp /DE/`, `Acme Holdings`, `Acme`].
 */
export function legalNameVariants(name: string): string[] {
  const variants: string[] = [];
  const seen = new Set<string>();
  const add = (variant: string): void => {
    const key = nameKey(variant);
    if (key.length === 0 || seen.has(key) || variants.length >= MAX_VARIANTS) return;
    seen.add(key);
    variants.push(variant);
  };
  for (const part of tidy(name).split(DBA_SPLIT).slice(0, 3)) {
    const given = tidy(part);
    add(given);
    const stripped = stripLegalSuffix(given);
    add(stripped);
    const withoutHoldings = tidy(stripped.replace(HOLDINGS, ''));
    if (withoutHoldings.length > 0 && withoutHoldings !== stripped) add(stripLegalSuffix(withoutHoldings));
  }
  return variants;
}

/** The comparable key of a legal name: `CareCloud, Inc.` and `CARECLOUD INC` both give `carecloud`. */
export function legalNameKey(name: string): string {
  return nameKey(stripLegalSuffix(tidy(name).split(DBA_SPLIT)[0] ?? ''));
}
