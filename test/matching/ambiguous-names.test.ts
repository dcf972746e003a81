import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Vendor } from '../../src/core/types.js';
import { createVendorMatcher } from '../../src/detection/matching/vendor-matcher.js';

// Table of sentences around vendors whose names are everyday words, other organisations' names or short
// acronyms: each lists the vendors the matcher must accept, and no others.

interface Table {
  vendors: { name: string; aliases?: string[]; products?: string[]; category?: string; parent?: string }[];
  cases: { text: string; accepted: string[] }[];
}

const table = JSON.parse(readFileSync(new URL('./fixtures/ambiguous-names.json', import.meta.url), 'utf8')) as Table;
const vendors: Vendor[] = table.vendors.map((v) => ({ aliases: [], products: [], domains: [], criticality: 'medium', ...v }));
const matcher = createVendorMatcher(vendors);

describe('ambiguous vendor names', () => {
  it.each(table.cases)('$text', ({ text, accepted }) => {
    const found = [
      ...new Set(
        matcher
          .find(text)
          .filter((m) => m.accepted)
          .map((m) => m.vendor.name),
      ),
    ];
    expect(found.sort()).toEqual([...accepted].sort());
  });
});
