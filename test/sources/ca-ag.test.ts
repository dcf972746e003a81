import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanAgName, parseCaAgCsv } from '../../src/sources/ca-ag.js';
import { SourceFormatError } from '../../src/sources/source-error.js';

const read = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
const FEED_URL = 'https://oag.ca.gov/privacy/databreach/list-export';
const parse = (body: string) => parseCaAgCsv(body, { feedUrl: FEED_URL });
const HEADER = '"Organization Name","Date(s) of Breach (if known)","Reported Date"';

describe('the California AG export', () => {
  it('gives one item per notice, the filer as the breached party, the reported date as its date', () => {
    const { items, skipped } = parse(read('ca-ag-breaches.csv'));
    expect(skipped).toBe(0);
    expect(items.map((item) => [item.party?.name, item.publishedAt?.toISOString().slice(0, 10)])).toEqual([
      ['Acme Billing, LLC', '2025-03-14'],
      ['Pinecrest Outdoor Supply Co.', '2025-03-13'],
      ['Orchard Lane Credit Union', '2025-03-12'],
      ['Gamma Imaging Partners LLC', '2025-03-11'],
      ['Talbot & Reyes Accounting, P.C.', '2025-03-10'],
    ]);
    for (const item of items) expect(item.provenance).toBe('state-ag');
  });

  it('records the customer a vendor filed for, in the text and the facts, with every breach date', () => {
    const [acme] = parse(read('ca-ag-breaches.csv')).items;
    expect(acme?.title).toBe('Acme Billing reported a data breach to the California Attorney General');
    expect(acme?.text).toBe(
      [
        'Acme Billing reported a data breach to the California Attorney General on 2025-03-14, on behalf of its customer Beta Family Clinic.',
        'The California list names "Acme Billing, LLC on behalf of Beta Family Clinic".',
        'The breach happened on 2025-01-28, 2025-02-03.',
      ].join('\n'),
    );
    expect(acme?.facts).toEqual({ breachDates: ['2025-01-28', '2025-02-03'], onBehalfOf: 'Beta Family Clinic' });
    expect(acme?.identity).toBe('acme billing llc on behalf of beta family clinic|2025-03-14');
    expect(acme?.revision).toBeNull();
  });

  it('says a d/b/a name, and reads "obo its client"', () => {
    const items = parse(read('ca-ag-breaches.csv')).items;
    expect(items[3]?.text).toContain('Gamma Imaging Partners does business as Clearview Radiology.');
    expect(items[4]?.facts.onBehalfOf).toBe('Meadowgate Senior Living');
    expect(items[2]?.facts.breachDates).toBeUndefined();
  });

  it('reads a row the export repeats once', () => {
    const names = parse(read('ca-ag-breaches.csv')).items.map((item) => item.party?.name);
    expect(names.filter((name) => name === 'Pinecrest Outdoor Supply Co.')).toHaveLength(1);
  });

  it('accepts the header with single or double spaces (the real export writes two)', () => {
    expect(read('ca-ag-breaches.csv').startsWith('"Organization Name","Date(s) of Breach  (if known)"')).toBe(true);
    expect(parse(`${HEADER}\n"Solo Org","","03/01/2025"\n`).items).toHaveLength(1);
  });
});

describe('names on the California list', () => {
  it.each([
    ['Acme Billing, LLC on behalf of Beta Clinic', { party: 'Acme Billing, LLC', onBehalfOf: 'Beta Clinic', dba: null }],
    ['Acme Billing, LLC obo Beta Clinic', { party: 'Acme Billing, LLC', onBehalfOf: 'Beta Clinic', dba: null }],
    ['Acme Billing LLC o/b/o its client Beta Clinic, Inc.', { party: 'Acme Billing LLC', onBehalfOf: 'Beta Clinic, Inc.', dba: null }],
    ['Acme Billing (on behalf of Gamma Health)', { party: 'Acme Billing', onBehalfOf: 'Gamma Health', dba: null }],
    ['Acme, Inc., for and on behalf of certain clients', { party: 'Acme, Inc.', onBehalfOf: null, dba: null }],
    ['Foo Holdings LLC d/b/a Bar Dental', { party: 'Foo Holdings LLC', onBehalfOf: null, dba: 'Bar Dental' }],
    ['Robo Dynamics Corp', { party: 'Robo Dynamics Corp', onBehalfOf: null, dba: null }],
    ['On Behalf Of Nobody', { party: 'On Behalf Of Nobody', onBehalfOf: null, dba: null }],
  ])('%s', (raw, expected) => {
    expect(cleanAgName(raw)).toEqual(expected);
  });
});

describe('a broken or hostile California AG export', () => {
  it('is refused when a column is missing, naming it', () => {
    expect(() => parse('"Organization Name","Reported Date"\n"A","03/01/2025"\n')).toThrow(SourceFormatError);
    expect(() => parse('"Organization Name","Reported Date"\n"A","03/01/2025"\n')).toThrow(
      /missing column "Date\(s\) of Breach \(if known\)"/,
    );
  });

  it('skips rows without a name or a readable reported date, and counts them', () => {
    const body = [HEADER, '"","","03/01/2025"', '"No Date Org","","soon"', '"Good Org","13/45/2024, 01/02/2025","03/01/2025"'].join('\n');
    const { items, skipped, problems } = parse(body);
    expect(items.map((item) => item.party?.name)).toEqual(['Good Org']);
    expect(items[0]?.facts.breachDates).toEqual(['2025-01-02']);
    expect(skipped).toBe(2);
    expect(problems.join('\n')).toMatch(/"Organization Name"/);
    expect(problems.join('\n')).toMatch(/"Reported Date": not a MM\/DD\/YYYY date/);
  });

  it('strips control characters and caps an oversized name, keeping markup as text', () => {
    const body = `${HEADER}\n"<!here> Evil\u0007\u202e Org ${'O'.repeat(20_000)} on behalf of ${'C'.repeat(20_000)}","","03/01/2025"\n`;
    const [item] = parse(body).items;
    expect(item?.party?.name.startsWith('<!here> Evil Org OOO')).toBe(true);
    expect(item?.party?.name.length).toBeLessThanOrEqual(300);
    expect(item?.title.length).toBeLessThanOrEqual(500);
    expect(JSON.stringify(item)).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u202e]/);
  });

  it('caps the breach dates of one cell', () => {
    const dates = Array.from({ length: 200 }, (_, i) => `01/${String((i % 28) + 1).padStart(2, '0')}/${2000 + (i % 25)}`).join(', ');
    const [item] = parse(`${HEADER}\n"Many Dates Org","${dates}","03/01/2025"\n`).items;
    expect(item?.facts.breachDates?.length).toBeLessThanOrEqual(20);
  });
});
