import type { Vendor } from '../core/types.js';

// The shape the vendor matcher (src/detection/matching/) hands to detection. Declared here, where it is used, so
// detection depends on the shape rather than the matcher's module, and tests can pass a matcher of their own.

export type MentionKind = 'name' | 'alias' | 'product' | 'domain';

export interface VendorMention {
  vendor: Vendor;
  /** The watchlist term that matched (name, alias, product or domain as the watchlist spells it). */
  term: string;
  kind: MentionKind;
  /** Offsets in the original text that was searched: text.slice(start, end) is what matched. */
  start: number;
  end: number;
  strength: 'strong' | 'weak';
  /** False when the matcher judged the mention to be something else (Epic Games for Epic Systems, …). */
  accepted: boolean;
  /** A short phrase for why[]. */
  reason: string;
  /** Set when it was rejected as part of another organisation's longer name ("Portage" in "Portage County"). */
  partOf?: string;
}

export interface MentionFinder {
  find(text: string): VendorMention[];
}

export type MentionFinderFactory = (vendors: Vendor[]) => MentionFinder;
