import { describe, expect, it } from 'vitest';
import type { Vendor } from '../../src/core/types.js';
import { createVendorLookup, MAX_LOOKUP_QUERY } from '../../src/detection/matching/vendor-lookup.js';

const vendor = (name: string, extra: Partial<Vendor> = {}): Vendor => ({
  name,
  aliases: [],
  products: [],
  domains: [],
  criticality: 'medium',
  ...extra,
});

const lookup = createVendorLookup([
  vendor('CareCloud', { aliases: ['MTBC'], domains: ['carecloud.com'] }),
  vendor('Epic Systems', { aliases: ['Epic'], products: ['MyChart'] }),
  vendor('Quest Diagnostics', { aliases: ['Quest'] }),
  vendor('Change Healthcare', { aliases: ['Change'] }),
  vendor('Cardinal Health'),
  vendor('Care Partners'),
]);

const found = (query: string): string | null => {
  const result = lookup.find(query);
  return result.kind === 'found' ? result.vendor.name : null;
};

describe('vendor lookup', () => {
  it('finds exact names, aliases and products however they are spaced, cased or suffixed', () => {
    for (const q of [
      'carecloud',
      'Care Cloud',
      'CareCloud Inc',
      'CARECLOUD, Inc.',
      'carecloud.com',
      'https://www.carecloud.com/x',
      'mtbc',
    ]) {
      expect(found(q), q).toBe('CareCloud');
    }
    expect(found('mychart')).toBe('Epic Systems');
    expect(found('epic')).toBe('Epic Systems');
  });

  it('forgives one typo in a long enough name', () => {
    expect(found('Carecluod')).toBe('CareCloud');
    expect(found('Quest Diagnostic')).toBe('Quest Diagnostics');
  });

  it('suggests the closest names when nothing matches', () => {
    const result = lookup.find('care');
    expect(result.kind).toBe('unknown');
    if (result.kind === 'unknown') {
      expect(result.suggestions).toEqual(expect.arrayContaining(['CareCloud', 'Care Partners']));
      expect(result.suggestions.length).toBeLessThanOrEqual(5);
      expect(result.suggestions).not.toContain('Quest Diagnostics');
    }
    const health = lookup.find('health');
    expect(health.kind === 'unknown' && health.suggestions).toEqual(expect.arrayContaining(['Change Healthcare', 'Cardinal Health']));
  });

  it('gives no suggestions for nonsense and caps the query length', () => {
    expect(lookup.find('zzzz qqqq')).toEqual({ kind: 'unknown', suggestions: [] });
    expect(lookup.find('')).toEqual({ kind: 'unknown', suggestions: [] });
    expect(found(`carecloud${' '.repeat(MAX_LOOKUP_QUERY)}zzz`)).toBe('CareCloud');
  });
});
