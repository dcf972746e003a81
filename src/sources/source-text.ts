// Text from disclosure sources (names, descriptions, dates) as plain, bounded data. Nothing here escapes for a
// platform: that happens at delivery. What is removed is what no reader should ever receive: control characters,
// bidi overrides and invisible characters, and anything past a field's cap.

import { foldWhitespace } from '../feeds/normalise.js';

/** Bidi embeddings, overrides and isolates, and marks that show nothing: they can reorder what a reader sees. */
const BIDI_AND_INVISIBLE = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Cuts to at most `max` characters, ending in `…` when cut, never splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = /[\ud800-\udbff]/.test(text.charAt(max - 2)) ? max - 2 : max - 1;
  return `${text.slice(0, cut)}…`;
}

/**
 * One line of text: control characters become spaces, bidi controls and invisible characters go, whitespace folds
 * to single spaces, and the result is cut to `max` characters. `<!channel>` or `*bold*` stay as the literal text.
 */
export function cleanLine(text: string, max: number): string {
  // A hostile field can be megabytes long: cap before the regular expressions run over it.
  const bounded = text.length > max * 4 + 64 ? text.slice(0, max * 4 + 64) : text;
  return truncate(foldWhitespace(bounded).replace(BIDI_AND_INVISIBLE, '').replace(/\n/g, ' ').trim(), max);
}

/** As cleanLine, but paragraphs keep their line breaks (one line per block). */
export function cleanBlock(text: string, max: number): string {
  const bounded = text.length > max * 4 + 64 ? text.slice(0, max * 4 + 64) : text;
  return truncate(foldWhitespace(bounded).replace(BIDI_AND_INVISIBLE, ''), max);
}

/** Case, accents, punctuation and spacing do not distinguish two names: the comparable form of a name. */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A US date as the portals print it (`03/14/2025`, also `3/4/2025`) as `2025-03-14`; null when not a real date. */
export function parseUsDate(text: string): string | null {
  const match = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (match === null) return null;
  const [month, day, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isoDate(year, month, day);
}

/** `2025-03-14` when that day exists (no 02/30), else null. */
export function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1990 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** Midnight UTC of an ISO day (`2025-03-14`). */
export function dayToDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** `31,007`: how counts read in the sentences the sources produce. */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}
