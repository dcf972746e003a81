import { describe, expect, it } from 'vitest';
import { parseWatchlist, type WatchlistError } from '../../src/watchlist/load-watchlist.js';

const header = 'name,aliases,products,domains,criticality,category';
const row = (i: number) =>
  `Vendor Number ${i} Holdings,VN${i} Group;Vendor ${i} Co,Vendor${i}Suite,vendor${i}.example,medium,"billing, claims"`;

describe('a 10,000-row CSV watchlist', () => {
  it('loads every row with its lists split on ;', () => {
    const csv = [header, ...Array.from({ length: 10_000 }, (_, i) => row(i))].join('\n');
    const vendors = parseWatchlist(csv, 'csv');
    expect(vendors).toHaveLength(10_000);
    expect(vendors[9_999]).toMatchObject({
      name: 'Vendor Number 9999 Holdings',
      aliases: ['VN9999 Group', 'Vendor 9999 Co'],
      category: 'billing, claims',
    });
  });

  it('names the lines of the bad rows among 10,000 and loads none of it', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => row(i));
    rows[4_999] = row(10); // a duplicate name
    rows[7_776] = ',,,,high,'; // an empty name
    const csv = [header, ...rows].join('\n');
    let problems: WatchlistError['problems'] = [];
    try {
      parseWatchlist(csv, 'csv');
    } catch (error) {
      problems = (error as WatchlistError).problems;
    }
    expect(problems.map((p) => p.line)).toEqual(expect.arrayContaining([5_001, 7_778]));
  });
});
