// The sentences the source modules write are read by the breach detector as it stands: each item must be classified
// as the record says, with the source's party as the breached party. (Detection is being reworked: if a change there
// breaks one of these, the sentence or the rule needs a look, not the assertion.)

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Vendor } from '../../src/core/types.js';
import { createDetector } from '../../src/detection/detector.js';
import { parseCaAgCsv } from '../../src/sources/ca-ag.js';
import { parseHhsOcrCsv } from '../../src/sources/hhs-ocr.js';
import { parseRansomwareLiveJson } from '../../src/sources/ransomware-live.js';
import { type FilingDocument, filingItem, filingText, parseEdgarAtom } from '../../src/sources/sec-8k.js';
import type { SourceItem } from '../../src/sources/source-item.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const read = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const NOW = new Date('2025-03-18T00:00:00Z');

const vendor = (name: string, extra: Partial<Vendor> = {}): Vendor => ({
  name,
  aliases: [],
  products: [],
  domains: [],
  criticality: 'high',
  ...extra,
});
const WATCHLIST: Vendor[] = [
  vendor('Acme Billing', { domains: ['acmebilling.example'] }),
  vendor('Epic Systems', { aliases: ['Epic'], products: ['MyChart'], domains: ['epic.com'], not: ['Epic Games'] }),
  vendor('Northwind Health', { aliases: ['Northwind Health Systems'] }),
  vendor('Meridale Logistics'),
  vendor('Tallowbrook Industries'),
  vendor('Quillfeather Analytics'),
  vendor('Beta Family Clinic'),
];

function detect(item: SourceItem) {
  const detection = createDetector(WATCHLIST).detect({ id: item.guid, title: item.title, text: item.text });
  return {
    breach: detection.breach,
    alerted: detection.alert ? detection.vendors.filter((match) => match.role === 'primary').map((match) => match.name) : [],
  };
}

const DOCUMENTS: Record<string, string> = {
  '0001987001-25-000011': 'nwhs-20250314.htm',
  '0001987001-25-000015': 'nwhs-20250317.htm',
  '0001193125-25-051234': 'd812345d8k.htm',
  '0001987004-25-000003': 'mdl-20250312.htm',
};

async function filings(read_: 'documents' | 'feed alone'): Promise<Map<string, SourceItem>> {
  const { entries } = await parseEdgarAtom(read('edgar/getcurrent-8k.atom'), 'https://www.sec.gov/cgi-bin/browse-edgar', { now: NOW });
  const items = new Map<string, SourceItem>();
  for (const entry of entries) {
    const file = DOCUMENTS[entry.accession];
    const document: FilingDocument =
      file === undefined
        ? { status: 'not-followed' }
        : read_ === 'documents'
          ? { status: 'read', url: `https://www.sec.gov/${file}`, text: filingText(read(`edgar/${file}`)) }
          : { status: 'unavailable', reason: 'the index page could not be fetched: HTTP 503' };
    items.set(entry.accession, filingItem(entry, 'https://www.sec.gov/cgi-bin/browse-edgar', document));
  }
  return items;
}

describe('SEC 8-K items, as the detector reads them', () => {
  it('an Item 1.05 filing and its 8-K/A alert the filer', async () => {
    const items = await filings('documents');
    expect(detect(items.get('0001987001-25-000011') as SourceItem)).toEqual({ breach: true, alerted: ['Northwind Health'] });
    expect(detect(items.get('0001987001-25-000015') as SourceItem)).toEqual({ breach: true, alerted: ['Northwind Health'] });
  });

  it('an Item 8.01 filing whose text reports an incident alerts the filer; one about a buyback alerts nobody', async () => {
    const items = await filings('documents');
    expect(detect(items.get('0001987004-25-000003') as SourceItem)).toEqual({ breach: true, alerted: ['Meridale Logistics'] });
    expect(detect(items.get('0001193125-25-051234') as SourceItem)).toEqual({ breach: false, alerted: [] });
  });

  it('an Item 2.02/9.01 filing alerts nobody', async () => {
    const items = await filings('documents');
    expect(detect(items.get('0001987002-25-000007') as SourceItem)).toEqual({ breach: false, alerted: [] });
  });

  it('on the feed entry alone, Item 1.05 still alerts and Item 8.01 does not', async () => {
    const items = await filings('feed alone');
    expect(detect(items.get('0001987001-25-000011') as SourceItem)).toEqual({ breach: true, alerted: ['Northwind Health'] });
    expect(detect(items.get('0001987004-25-000003') as SourceItem).alerted).toEqual([]);
  });
});

describe('HHS OCR rows, as the detector reads them', () => {
  const items = parseHhsOcrCsv(read('hhs-ocr-breaches.csv'), { feedUrl: 'https://ocrportal.hhs.gov/' }).items;

  it('a business associate under its legal name alerts the vendor', () => {
    expect(detect(items[0] as SourceItem)).toEqual({ breach: true, alerted: ['Acme Billing'] });
    const revised = parseHhsOcrCsv(read('hhs-ocr-breaches-revised.csv'), { feedUrl: 'https://ocrportal.hhs.gov/' }).items[0];
    expect(detect(revised as SourceItem)).toEqual({ breach: true, alerted: ['Acme Billing'] });
  });

  it('a provider whose name begins with an ambiguous alias is a breach that never alerts Epic Systems', () => {
    expect(detect(items[1] as SourceItem)).toEqual({ breach: true, alerted: [] });
  });

  it('every row reads as a breach, and rows of entities off the watchlist alert nobody', () => {
    for (const item of items) expect(detect(item).breach).toBe(true);
    expect(items.slice(1).flatMap((item) => detect(item).alerted)).toEqual([]);
  });
});

describe('California AG rows, as the detector reads them', () => {
  const items = parseCaAgCsv(read('ca-ag-breaches.csv'), { feedUrl: 'https://oag.ca.gov/' }).items;

  it('the vendor that filed alerts, not the customer it filed for', () => {
    expect(detect(items[0] as SourceItem)).toEqual({ breach: true, alerted: ['Acme Billing'] });
  });

  it('other rows alert nobody', () => {
    expect(items.slice(1).flatMap((item) => detect(item).alerted)).toEqual([]);
  });
});

describe('leak-site claims, as the detector reads them', () => {
  it('a claim against a watchlist vendor alerts it, in v2 and v1 alike; others alert nobody', () => {
    for (const file of ['ransomware-live-v2.json', 'ransomware-live-v1.json']) {
      const items = parseRansomwareLiveJson(read(file), { feedUrl: 'https://api.ransomware.live/', now: NOW }).items;
      expect(detect(items[0] as SourceItem)).toEqual({ breach: true, alerted: ['Acme Billing'] });
      expect(items.slice(1).flatMap((item) => detect(item).alerted)).toEqual([]);
    }
  });
});
