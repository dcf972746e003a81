import { distance } from 'fastest-levenshtein';
import type { Vendor } from '../../core/types.js';
import { normaliseTerm } from './normalise-text.js';

// Finds the vendor a person means in a chat command or CLI argument ("carecloud", "Care Cloud", "CareCloud Inc",
// "carecloud.com"). Exact on normalised names, aliases, products and domains first; then a single close spelling
// (one typo); otherwise the closest names as suggestions, so the reply can say "did you mean …".

export type VendorLookupResult = { kind: 'found'; vendor: Vendor } | { kind: 'unknown'; suggestions: string[] };

export interface VendorLookup {
  find(query: string): VendorLookupResult;
}

/** Longer queries are cut: nobody types a 200-character vendor name, and fuzzy scoring is quadratic in length. */
export const MAX_LOOKUP_QUERY = 120;
const MAX_SUGGESTIONS = 5;

interface Key {
  vendorIndex: number;
  /** Normalised tokens joined by spaces. */
  spaced: string;
  /** The same without spaces: "care cloud" and "carecloud" meet here. */
  compact: string;
  tokens: string[];
  /** 0 name, 1 alias, 2 product: ties go to the name. */
  rank: number;
}

interface LookupIndex {
  keys: Key[];
  exact: Map<string, Key>;
  domains: Map<string, number>;
}

function indexVendors(vendors: Vendor[]): LookupIndex {
  const keys: Key[] = [];
  const exact = new Map<string, Key>();
  const domains = new Map<string, number>();
  vendors.forEach((vendor, vendorIndex) => {
    const terms: [string, number][] = [
      [vendor.name, 0],
      ...vendor.aliases.map((a): [string, number] => [a, 1]),
      ...vendor.products.map((p): [string, number] => [p, 2]),
    ];
    for (const [term, rank] of terms) {
      const spaced = normaliseTerm(term);
      if (spaced.length === 0) continue;
      const key: Key = { vendorIndex, spaced, compact: spaced.replace(/ /g, ''), tokens: spaced.split(' '), rank };
      keys.push(key);
      for (const form of [key.spaced, key.compact]) {
        const existing = exact.get(form);
        if (!existing || key.rank < existing.rank) exact.set(form, key);
      }
    }
    for (const domain of vendor.domains) {
      const d = domain.toLowerCase();
      if (!domains.has(d)) domains.set(d, vendorIndex);
    }
  });

  return { keys, exact, domains };
}

export function createVendorLookup(vendors: Vendor[]): VendorLookup {
  // Built on the first query: only chat commands and the CLI look vendors up, and for 10,000 vendors the index
  // is ~20 MB that a polling process would otherwise carry for nothing.
  let index: LookupIndex | null = null;

  return {
    find(rawQuery: string): VendorLookupResult {
      index ??= indexVendors(vendors);
      const { keys, exact, domains } = index;
      const query = rawQuery.slice(0, MAX_LOOKUP_QUERY).trim();
      const host = query
        .toLowerCase()
        .replace(/^[a-z]+:\/\//, '')
        .replace(/[/?#].*$/, '')
        .replace(/^www\./, '');
      const byDomain = domains.get(host);
      if (byDomain !== undefined) return { kind: 'found', vendor: vendors[byDomain] as Vendor };

      const spaced = normaliseTerm(query);
      if (spaced.length === 0) return { kind: 'unknown', suggestions: [] };
      const compact = spaced.replace(/ /g, '');
      const hit = exact.get(spaced) ?? exact.get(compact);
      if (hit) return { kind: 'found', vendor: vendors[hit.vendorIndex] as Vendor };

      const tokens = spaced.split(' ');
      const best = new Map<number, { score: number; typos: number }>();
      for (const key of keys) {
        const typos = distance(compact, key.compact);
        const similarity = 1 - typos / Math.max(compact.length, key.compact.length);
        const shared = tokens.filter((t) => key.tokens.some((k) => k === t || (t.length >= 3 && k.startsWith(t)))).length;
        const overlap = shared / Math.max(tokens.length, key.tokens.length);
        const score = Math.max(similarity, overlap * 0.9) - key.rank * 0.01;
        const previous = best.get(key.vendorIndex);
        if (!previous || score > previous.score) best.set(key.vendorIndex, { score, typos });
      }
      const ranked = [...best.entries()].sort((a, b) => b[1].score - a[1].score);
      const [first, second] = ranked;
      // A slip of the keyboard (two edits: a swapped pair) on a name long enough not to become another vendor's.
      const allowed = compact.length >= 8 ? 2 : compact.length >= 5 ? 1 : 0;
      if (first && first[1].typos <= allowed && (!second || second[1].typos > first[1].typos)) {
        return { kind: 'found', vendor: vendors[first[0]] as Vendor };
      }
      const suggestions = ranked
        .filter(([, s]) => s.score >= 0.4)
        .slice(0, MAX_SUGGESTIONS)
        .map(([index]) => (vendors[index] as Vendor).name);
      return { kind: 'unknown', suggestions };
    },
  };
}
