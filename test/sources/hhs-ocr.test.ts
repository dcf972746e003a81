import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FeedParseError } from '../../src/feeds/parse-feed.js';
import { HHS_OCR_COLUMNS, ocrIdentity, parseHhsOcrCsv } from '../../src/sources/hhs-ocr.js';
import { SourceFormatError } from '../../src/sources/source-error.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const read = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const FEED_URL = 'https://ocrportal.hhs.gov/ocr/breach/breach_report.csv';
const HEADER = HHS_OCR_COLUMNS.map((column) => `"${column}"`).join(',');
const parse = (body: string) => parseHhsOcrCsv(body, { feedUrl: FEED_URL });
const row = (cells: string[]) => cells.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(',');

describe('an HHS OCR export', () => {
  it('gives one item per row, the covered entity as the breached party', () => {
    const { items, skipped } = parse(read('hhs-ocr-breaches.csv'));
    expect(skipped).toBe(0);
    expect(items.map((item) => item.party?.name)).toEqual([
      'Acme Billing Services, LLC',
      'Epic Family Dental, PLLC',
      'Harborview Community Clinic',
      'Lakeshore Family Health Plan',
      'Sunridge Orthopedic Associates, P.C.',
      'Cobalt Valley Pharmacy',
    ]);
    for (const item of items) {
      expect(item.provenance).toBe('hhs-ocr');
      expect(item.canonicalUrl).toBeNull();
    }
  });

  it('says a business associate row as a short factual sentence, with the legal name as listed and the facts typed', () => {
    const acme = parse(read('hhs-ocr-breaches.csv')).items[0];
    expect(acme?.title).toBe(
      'Acme Billing Services reported a data breach affecting 31,007 individuals to HHS OCR (hacking/IT incident, network server)',
    );
    expect(acme?.text).toContain('HHS OCR lists "Acme Billing Services, LLC" (TX) as a business associate, submitted 2025-03-12.');
    expect(acme?.text).toContain('Acme Billing Services is a business associate and reported this breach itself.');
    // Quotes and commas inside the description survive the CSV.
    expect(acme?.text).toContain('HHS OCR summary: Acme Billing Services, LLC ("Acme"), a business associate that handles claims billing');
    expect(acme?.facts).toEqual({
      individualsAffected: 31007,
      breachType: 'Hacking/IT Incident',
      location: 'Network Server',
      businessAssociatePresent: true,
      entityType: 'Business Associate',
      state: 'TX',
    });
    expect(acme?.publishedAt).toEqual(new Date('2025-03-12T00:00:00Z'));
    expect(acme?.revision).toBe('31007');
  });

  it("says that a provider's business associate is not named by the list", () => {
    const harborview = parse(read('hhs-ocr-breaches.csv')).items[2];
    expect(harborview?.text).toContain('A business associate was involved in this breach; the HHS OCR list does not name it.');
    expect(harborview?.party).toEqual({ name: 'Harborview Community Clinic' });
  });

  it('keeps a description that runs over several lines', () => {
    const sunridge = parse(read('hhs-ocr-breaches.csv')).items[4];
    expect(sunridge?.text).toContain('a box of paper intake forms was lost.\nThe forms held names');
  });

  it('keeps the identity of a row across exports and shows a revised count as a new revision', () => {
    const first = parse(read('hhs-ocr-breaches.csv')).items;
    const revised = parse(read('hhs-ocr-breaches-revised.csv')).items;
    expect(revised.map((item) => item.identity)).toEqual(first.map((item) => item.identity));
    expect(revised.map((item) => item.guid)).toEqual(first.map((item) => item.guid));
    expect(first[0]?.identity).toBe('acme billing services llc|TX|2025-03-12');
    expect([first[0]?.revision, revised[0]?.revision]).toEqual(['31007', '48210']);
    expect(revised[0]?.title).toContain('affecting 48,210 individuals');
    expect(revised[0]?.fingerprint).not.toBe(first[0]?.fingerprint);
    for (let i = 1; i < first.length; i++) expect(revised[i]).toEqual(first[i]);
  });

  it('identifies a row by entity, state and day, whatever the spacing or case of the name', () => {
    const a = { 'Name of Covered Entity': 'Acme Billing Services, LLC', State: 'TX', 'Breach Submission Date': '2025-03-12' };
    expect(ocrIdentity(a)).toBe(ocrIdentity({ ...a, 'Name of Covered Entity': 'ACME BILLING SERVICES  LLC' }));
    expect(ocrIdentity(a)).not.toBe(ocrIdentity({ ...a, State: 'OK' }));
    expect(ocrIdentity(a)).not.toBe(ocrIdentity({ ...a, 'Breach Submission Date': '2025-03-13' }));
  });

  it('reads a row repeated in one export once', () => {
    const body = read('hhs-ocr-breaches.csv');
    const lines = body.split('\n');
    expect(parse(`${body}${lines[1]}\n`).items).toHaveLength(6);
  });
});

describe('a broken or hostile HHS OCR export', () => {
  it('is refused when a column is missing, naming the column', () => {
    const body = read('hhs-ocr-breaches.csv').replace('"Individuals Affected",', '"Affected",');
    expect(() => parse(body)).toThrow(SourceFormatError);
    expect(() => parse(body)).toThrow(/missing column "Individuals Affected"/);
  });

  it('names every missing column at once', () => {
    expect(() => parse('"Name of Covered Entity","State"\n"A","TX"\n')).toThrow(
      /missing columns "Covered Entity Type", "Individuals Affected", .*"Web Description"/,
    );
  });

  it('accepts the columns in another order and with other spacing or case', () => {
    const body = `"state","NAME OF  COVERED ENTITY",${HEADER.split(',').slice(2).join(',')}\n${row(['TX', 'Acme Billing Services, LLC', 'Business Associate', '10', '03/12/2025', 'Theft', 'Laptop', 'No', ''])}\n`;
    expect(parse(body).items[0]?.party?.name).toBe('Acme Billing Services, LLC');
  });

  it('skips bad rows, counts them and says why, and keeps the good ones', () => {
    const good = ['Good Clinic', 'OR', 'Healthcare Provider', '700', '03/01/2025', 'Theft', 'Laptop', 'No', ''];
    const body = [
      HEADER,
      row(good),
      row(['', 'OR', 'Healthcare Provider', '700', '03/01/2025', 'Theft', 'Laptop', 'No', '']),
      row(['No Date Clinic', 'OR', 'Healthcare Provider', '700', '2025-03-01', 'Theft', 'Laptop', 'No', '']),
      row(['Bad Count Clinic', 'OR', 'Healthcare Provider', 'lots', '03/01/2025', 'Theft', 'Laptop', 'No', '']),
      row(['Bad State Clinic', 'Texas<!channel>', 'Healthcare Provider', '700', '03/01/2025', 'Theft', 'Laptop', 'No', '']),
      '"Short Row","OR"',
    ].join('\n');
    const { items, skipped, problems } = parse(body);
    expect(items.map((item) => item.party?.name)).toEqual(['Good Clinic']);
    expect(skipped).toBe(5);
    expect(problems.join('\n')).toMatch(/"Name of Covered Entity": no entity name/);
    expect(problems.join('\n')).toMatch(/"Breach Submission Date": not a MM\/DD\/YYYY date/);
    expect(problems.join('\n')).toMatch(/"Individuals Affected": not a count/);
    expect(problems.join('\n')).toMatch(/"State": not a two-letter state/);
    expect(problems.length).toBeLessThanOrEqual(5);
  });

  it('caps oversized cells and strips control characters, keeping chat markup as text', () => {
    const body = [
      HEADER,
      row([
        `<!channel> Evil\u0007 Clinic\u202e ${'E'.repeat(20_000)}`,
        'tx',
        'Healthcare Provider',
        '1,234',
        '03/01/2025',
        'Hacking/IT Incident\u001b[2J',
        'Email',
        'Yes',
        `\u0000${'D'.repeat(50_000)}`,
      ]),
    ].join('\n');
    const [item] = parse(body).items;
    expect(item?.party?.name.startsWith('<!channel> Evil Clinic EEE')).toBe(true);
    expect(item?.party?.name.length).toBeLessThanOrEqual(300);
    expect(item?.text.length).toBeLessThanOrEqual(3500);
    expect(item?.facts.individualsAffected).toBe(1234);
    expect(item?.facts.state).toBe('TX');
    expect(JSON.stringify(item)).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u202e]/);
  });

  it.each([
    ['an HTML error page', '<!DOCTYPE html><html><body>Service unavailable</body></html>', /HTML or XML page/],
    ['an empty body', '', /empty body/],
    ['broken quoting', `${HEADER}\n"Unclosed,"TX"`, /not valid CSV/],
  ])('refuses %s with a one-line FeedParseError', (_label, body, pattern) => {
    let caught: unknown;
    try {
      parse(body);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(FeedParseError);
    expect((caught as Error).message).toMatch(pattern);
    expect((caught as Error).message).not.toContain('\n');
  });

  it('reads at most maxRows rows and says the rest were left', () => {
    const rows = Array.from({ length: 50 }, (_, i) =>
      row([`Clinic ${i}`, 'OR', 'Healthcare Provider', '600', '03/01/2025', 'Theft', 'Laptop', 'No', '']),
    );
    const { items, problems } = parseHhsOcrCsv([HEADER, ...rows].join('\n'), { feedUrl: FEED_URL, maxRows: 10 });
    expect(items).toHaveLength(10);
    expect(problems).toContain('only the first 10 rows were read');
  });
});
