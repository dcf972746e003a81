import { describe, expect, it } from 'vitest';
import {
  MAX_PARTY_NAME_CHARS,
  MAX_SOURCE_TEXT_CHARS,
  MAX_SOURCE_TITLE_CHARS,
  makeSourceItem,
  type SourceItemDraft,
  sourceItemSchema,
} from '../../src/sources/source-item.js';
import { cleanLine, nameKey, parseUsDate } from '../../src/sources/source-text.js';

const draft = (over: Partial<SourceItemDraft> = {}): SourceItemDraft => ({
  feedUrl: 'https://lists.example/export.csv',
  provenance: 'hhs-ocr',
  identity: 'acme billing services llc|TX|2025-03-12',
  revision: '31007',
  title: 'Acme Billing Services reported a data breach affecting 31,007 individuals to HHS OCR',
  text: 'First sentence.\nSecond sentence.',
  link: null,
  publishedAt: new Date('2025-03-12T00:00:00Z'),
  party: { name: 'Acme Billing Services, LLC' },
  facts: { individualsAffected: 31007 },
  ...over,
});

describe('makeSourceItem', () => {
  it('derives the guid from provenance and identity, and the fingerprint from title and text', () => {
    const item = makeSourceItem(draft());
    expect(item.guid).toBe('hhs-ocr:acme billing services llc|TX|2025-03-12');
    expect(item.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    const revised = makeSourceItem(draft({ text: 'First sentence.\nNow 48,210.', revision: '48210' }));
    expect(revised.guid).toBe(item.guid);
    expect(revised.fingerprint).not.toBe(item.fingerprint);
  });

  it('removes control characters, terminal escapes and bidi overrides from every text field, keeping the words', () => {
    const item = makeSourceItem(
      draft({
        title: 'Acme\u0007 Billing\u001b[31m reported\u202e a breach',
        text: 'Line one\u0000 ok\u009b\nLine\u2066 two',
        party: { name: 'Acme\u0008 Billing\u202e, LLC' },
        facts: { breachType: 'Hacking\u0001/IT' },
      }),
    );
    const all = JSON.stringify([item.title, item.text, item.party, item.facts]);
    expect(all).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(item.title).toBe('Acme Billing [31m reported a breach');
    expect(item.text).toBe('Line one ok\nLine two');
    expect(item.party?.name).toBe('Acme Billing, LLC');
  });

  it('keeps chat markup as literal text: escaping belongs to delivery', () => {
    const item = makeSourceItem(draft({ title: '<!channel> *Acme* reported a breach', party: { name: '<@U123> Acme' } }));
    expect(item.title).toBe('<!channel> *Acme* reported a breach');
    expect(item.party?.name).toBe('<@U123> Acme');
  });

  it('caps the title, text, party name and facts of an oversized draft', () => {
    const item = makeSourceItem(
      draft({
        title: 'T'.repeat(100_000),
        text: 'x '.repeat(1_000_000),
        party: { name: 'N'.repeat(50_000) },
        facts: { breachType: 'B'.repeat(10_000), onBehalfOf: 'C'.repeat(10_000) },
      }),
    );
    expect(item.title.length).toBeLessThanOrEqual(MAX_SOURCE_TITLE_CHARS);
    expect(item.text.length).toBeLessThanOrEqual(MAX_SOURCE_TEXT_CHARS);
    expect(item.party?.name.length).toBeLessThanOrEqual(MAX_PARTY_NAME_CHARS);
    expect(item.facts.breachType?.length).toBeLessThanOrEqual(300);
    expect(item.title.endsWith('…')).toBe(true);
  });

  it('keeps only http(s) links, canonical', () => {
    expect(makeSourceItem(draft({ link: 'javascript:alert(1)' })).canonicalUrl).toBeNull();
    expect(makeSourceItem(draft({ link: 'https://www.sec.gov/x-index.htm?utm_source=feed#top' })).canonicalUrl).toBe(
      'https://www.sec.gov/x-index.htm',
    );
  });

  it('makes a party whose name cleans to nothing no party', () => {
    expect(makeSourceItem(draft({ party: { name: '\u0000\u202e ' } })).party).toBeNull();
  });

  it('refuses an item that breaks the schema, naming the field', () => {
    expect(() => makeSourceItem(draft({ facts: { items: ['Item one'] } }))).toThrow(/items/);
    expect(() => makeSourceItem(draft({ title: '\u0000' }))).toThrow(/title/);
  });

  it('has a schema that every made item passes and that rejects unknown fields', () => {
    const item = makeSourceItem(draft());
    expect(sourceItemSchema.safeParse(item).success).toBe(true);
    expect(sourceItemSchema.safeParse({ ...item, extra: 1 }).success).toBe(false);
  });
});

describe('source text helpers', () => {
  it('reads portal dates and refuses days that do not exist', () => {
    expect(parseUsDate('03/14/2025')).toBe('2025-03-14');
    expect(parseUsDate('3/4/2025')).toBe('2025-03-04');
    expect(parseUsDate('02/30/2025')).toBeNull();
    expect(parseUsDate('2025-03-14')).toBeNull();
    expect(parseUsDate('')).toBeNull();
  });

  it('compares names without case, accents or punctuation', () => {
    expect(nameKey('Acme Billing Services, LLC')).toBe(nameKey('ACME BILLING SERVICES LLC'));
    expect(nameKey('Clínica São José')).toBe('clinica sao jose');
  });

  it('cleans a megabyte-long line without reading all of it', () => {
    const started = performance.now();
    expect(cleanLine('a\u0000'.repeat(5_000_000), 10)).toBe('a a a a a…');
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
