// The watchlist's optional `sec_cik`: a vendor's SEC Central Index Key, validated at the boundary and kept as the
// ten digits EDGAR prints, so the vendor's 8-K filings match it exactly whatever name EDGAR gives the filer.

import { describe, expect, it } from 'vitest';
import { articleForDetection, vendorsBySecCik } from '../../src/pipeline/sec-filers.js';
import type { ItemRecord } from '../../src/store/item-repository.js';
import { parseWatchlist } from '../../src/watchlist/load-watchlist.js';
import { secCikOf } from '../../src/watchlist/schema.js';
import { problemsOf } from '../watchlist/support/problems-of.js';

const json = (vendors: unknown[]) => parseWatchlist(JSON.stringify(vendors), 'json');

describe('sec_cik in the watchlist', () => {
  it('is optional, and kept as ten digits whether written with or without leading zeros, as text or a number', () => {
    const vendors = json([
      { name: 'CareCloud', sec_cik: '1582982' },
      { name: 'Northwind Health', sec_cik: ' 0001987001 ' },
      { name: 'Numbered Vendor', sec_cik: 1987002 },
      { name: 'Private Vendor' },
    ]);
    expect(vendors.map(secCikOf)).toEqual(['0001582982', '0001987001', '0001987002', undefined]);
  });

  it('is read from a CSV column too', () => {
    const vendors = parseWatchlist('name,sec_cik,aliases\nCareCloud,1582982,MTBC;CareCloud Inc.\n', 'csv');
    expect(secCikOf(vendors[0]!)).toBe('0001582982');
    expect(vendors[0]?.aliases).toEqual(['MTBC', 'CareCloud Inc.']);
  });

  it.each([
    ['letters', 'CIK1582982'],
    ['more than ten digits', '12345678901'],
    ['zero', '0000000000'],
    ['a negative number', -5],
    ['a fraction', 15.5],
    ['an empty string', ''],
  ])('refuses %s, naming the field', (_label, value) => {
    const problems = problemsOf(() => json([{ name: 'CareCloud', sec_cik: value }]));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.field).toBe('sec_cik');
    expect(problems[0]?.message).toMatch(/SEC CIK/);
  });

  it('refuses one CIK given for two vendors, naming both', () => {
    const problems = problemsOf(() =>
      json([
        { name: 'CareCloud', sec_cik: '1582982' },
        { name: 'MTBC', sec_cik: '0001582982' },
      ]),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]?.field).toBe('sec_cik');
    expect(problems[0]?.index).toBe(1);
    expect(problems[0]?.message).toContain('CIK 0001582982 is also given for "CareCloud"');
  });
});

describe('a filing matched by CIK', () => {
  const vendors = json([
    { name: 'Contoso Scheduling', sec_cik: '1987001' },
    { name: 'CareCloud', sec_cik: '1582982' },
  ]);
  const byCik = vendorsBySecCik(new Map(vendors.map((vendor) => [vendor.name, vendor])));
  const filing = (party: ItemRecord['party'], provenance: ItemRecord['provenance'] = 'sec-filing'): ItemRecord => ({
    id: 1,
    feedId: 1,
    feedName: 'SEC EDGAR 8-K filings',
    guid: 'sec-filing:0001987001-26-000011',
    canonicalUrl: null,
    fingerprint: '0'.repeat(64),
    title: 'Northwind Health Systems reports a material cybersecurity incident in an SEC 8-K filing',
    text: 'Northwind Health Systems reports a material cybersecurity incident in an SEC 8-K filing.\n"Northwind Health Systems, Inc." (CIK 0001987001) filed a Form 8-K.',
    publishedAt: null,
    firstSeenAt: '2026-03-30T00:00:00.000Z',
    alertEligible: true,
    ineligibleReason: null,
    provenance,
    party,
    identity: '0001987001-26-000011',
    revision: null,
    facts: {},
    latestRevision: null,
    firstJoinedAt: null,
  });

  it('is read by detection under the vendor name the CIK belongs to', () => {
    const article = articleForDetection(filing({ name: 'Northwind Health Systems, Inc.', cik: '0001987001' }), byCik);
    expect(article.title).toBe('Contoso Scheduling reports a material cybersecurity incident in an SEC 8-K filing');
    expect(article.text.split('\n').slice(0, 2)).toEqual([
      'Contoso Scheduling reports a material cybersecurity incident in an SEC 8-K filing.',
      'Contoso Scheduling files with the SEC under CIK 0001987001 as "Northwind Health Systems, Inc.".',
    ]);
  });

  it('changes nothing for another CIK, a filer already named as the vendor, or an item that is no SEC filing', () => {
    const other = filing({ name: 'Northwind Health Systems, Inc.', cik: '0001987555' });
    expect(articleForDetection(other, byCik)).toBe(other);
    const named = {
      ...filing({ name: 'CareCloud, Inc.', cik: '0001582982' }),
      title: 'CareCloud reports a material cybersecurity incident',
    };
    expect(articleForDetection(named, byCik)).toBe(named);
    const news = filing({ name: 'Northwind Health Systems, Inc.', cik: '0001987001' }, 'news');
    expect(articleForDetection(news, byCik)).toBe(news);
  });
});
