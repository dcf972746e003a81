import type { Vendor } from '../../core/types.js';
import type { VendorMention } from '../mentions.js';
import { escapeRegExp } from '../regex-matches.js';
import { normaliseTerm } from './normalise-text.js';

// The watchlist's `not` field: names that are never this vendor. A vendor's term found inside one of them ("Epic"
// in "Epic Games", for Epic Systems with "not": ["Epic Games"]) is that other organisation, and so is every other
// use of the same term in that text, unless the vendor is also named by a term no `not` name contains ("Epic
// Systems" itself). Applied to the matcher's mentions after it has judged them, so it only ever rejects.

export type NotNameFilter = (text: string, mentions: VendorMention[]) => VendorMention[];

interface NotName {
  name: string;
  pattern: RegExp;
  /** Normalised tokens with a space either side, for "does this name contain that term". */
  spaced: string;
}

function compile(name: string): NotName {
  const body = name.trim().split(/\s+/).map(escapeRegExp).join('\\s+');
  return { name, pattern: new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'giu'), spaced: ` ${normaliseTerm(name)} ` };
}

/** Null when no vendor has a `not` list: the matcher then pays nothing. */
export function createNotNameFilter(vendors: readonly Vendor[]): NotNameFilter | null {
  const byVendor = new Map<Vendor, NotName[]>();
  for (const vendor of vendors) {
    if (vendor.not && vendor.not.length > 0) byVendor.set(vendor, vendor.not.map(compile));
  }
  if (byVendor.size === 0) return null;

  return (text, mentions) => {
    const spans = new Map<Vendor, { start: number; end: number; name: NotName }[]>();
    for (const [vendor, names] of byVendor) {
      if (!mentions.some((m) => m.vendor === vendor && m.accepted)) continue;
      const found: { start: number; end: number; name: NotName }[] = [];
      for (const name of names) {
        for (const match of text.matchAll(name.pattern)) found.push({ start: match.index, end: match.index + match[0].length, name });
      }
      if (found.length > 0) spans.set(vendor, found);
    }
    if (spans.size === 0) return mentions;

    const inside = (m: VendorMention) => spans.get(m.vendor)?.find((s) => s.start <= m.start && m.end <= s.end);
    const containedIn = (m: VendorMention) => {
      const term = ` ${normaliseTerm(m.term)} `;
      return spans.get(m.vendor)?.find((s) => s.name.spaced.includes(term));
    };
    // Vendors named in this text by a term no `not` name explains: their other mentions stand.
    const namedApart = new Set<Vendor>();
    for (const m of mentions) {
      if (m.accepted && spans.has(m.vendor) && !inside(m) && !containedIn(m)) namedApart.add(m.vendor);
    }
    return mentions.map((m) => {
      if (!m.accepted || !spans.has(m.vendor)) return m;
      const span = inside(m);
      if (span) return { ...m, accepted: false, reason: `inside "${span.name.name}", which the watchlist says is not ${m.vendor.name}` };
      const same = namedApart.has(m.vendor) ? undefined : containedIn(m);
      if (same)
        return {
          ...m,
          accepted: false,
          reason: `means "${same.name.name}" in this text, which the watchlist says is not ${m.vendor.name}`,
        };
      return m;
    });
  };
}
