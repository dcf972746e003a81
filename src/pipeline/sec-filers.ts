// A watchlist vendor's SEC filings, matched by CIK (the watchlist's optional `sec_cik`). EDGAR names a filer by its
// legal name, which may be nothing like the name the vendor is watched under (a former name, a parent's name):
// the CIK says exactly who filed. When an SEC filing's filer CIK is a watchlist vendor's, detection is handed the
// filing with the vendor's watchlist name as the filer, so the name matcher finds the party the CIK already
// identified. The stored item is not changed: a watchlist edit takes effect on the next filing.

import type { Vendor } from '../core/types.js';
import { stripLegalSuffix } from '../sources/legal-name.js';
import { nameKey } from '../sources/source-text.js';
import type { ItemRecord } from '../store/item-repository.js';
import { secCikOf } from '../watchlist/schema.js';

/** The watchlist's vendors by SEC CIK (ten digits). */
export function vendorsBySecCik(vendors: ReadonlyMap<string, Vendor> | undefined): Map<string, Vendor> {
  const byCik = new Map<string, Vendor>();
  for (const vendor of vendors?.values() ?? []) {
    const cik = secCikOf(vendor);
    if (cik !== undefined && !byCik.has(cik)) byCik.set(cik, vendor);
  }
  return byCik;
}

/**
 * The item as detection should read it: an SEC filing whose filer CIK is a watchlist vendor's, and whose filer name
 * is not already the vendor's, names the vendor as the filer in its first sentence and says why; any other item as
 * it is.
 */
export function articleForDetection(item: ItemRecord, byCik: ReadonlyMap<string, Vendor>): ItemRecord {
  if (item.provenance !== 'sec-filing' || byCik.size === 0) return item;
  const cik = item.party?.cik;
  const vendor = cik === undefined ? undefined : byCik.get(cik);
  if (vendor === undefined || item.party === null) return item;
  const filer = stripLegalSuffix(item.party.name);
  if (filer.length === 0 || nameKey(filer) === nameKey(vendor.name)) return item;
  // The source's sentences begin with the filer's name (sec-8k.ts filingItem): that name becomes the vendor's.
  const rename = (line: string) => (line.startsWith(filer) ? `${vendor.name}${line.slice(filer.length)}` : line);
  const [first = '', ...rest] = item.text.split('\n');
  const note = `${vendor.name} files with the SEC under CIK ${cik} as "${item.party.name}".`;
  return { ...item, title: rename(item.title), text: [rename(first), note, ...rest].join('\n') };
}
