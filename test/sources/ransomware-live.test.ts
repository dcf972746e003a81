import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normaliseDomain, parseRansomwareLiveJson, readClaim } from '../../src/sources/ransomware-live.js';
import { SourceFormatError } from '../../src/sources/source-error.js';

const read = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
const FEED_URL = 'https://api.ransomware.live/v2/recentvictims';
const NOW = new Date('2025-03-18T00:00:00Z');
const parse = (body: string) => parseRansomwareLiveJson(body, { feedUrl: FEED_URL, now: NOW });

describe('ransomware.live recent victims', () => {
  it('reads the v2 shape: each post a leak-site claim with its group, victim and normalised domain', () => {
    const { items, skipped } = parse(read('ransomware-live-v2.json'));
    expect(skipped).toBe(0);
    expect(items.map((item) => [item.party, item.facts.threatActor])).toEqual([
      [{ name: 'Acme Billing', domain: 'acmebilling.example' }, 'kraken'],
      [{ name: 'Coldspring Fittings GmbH', domain: 'coldspring-fittings.example' }, 'brinevault'],
      [{ name: 'harlowtitle.example', domain: 'harlowtitle.example' }, 'kraken'],
    ]);
    for (const item of items) expect(item.provenance).toBe('leak-site');
  });

  it('says the claim is the group’s and not confirmed', () => {
    const [acme] = parse(read('ransomware-live-v2.json')).items;
    expect(acme?.title).toBe('Ransomware group kraken claims Acme Billing (acmebilling.example) on its leak site');
    const lines = acme?.text.split('\n') ?? [];
    expect(lines[1]).toBe(
      "This is the group's own claim, not confirmed: neither Acme Billing nor any other source has confirmed an attack.",
    );
    expect(acme?.text).toContain('ransomware.live saw the claim on 2025-03-13.');
    expect(acme?.text).toContain('ransomware.live lists sector Healthcare, country US.');
    expect(acme?.publishedAt).toEqual(new Date('2025-03-13T09:41:17.482Z'));
    expect(acme?.facts).toEqual({ threatActor: 'kraken', country: 'US', sector: 'Healthcare' });
  });

  it('links ransomware.live’s own page and never the leak site', () => {
    const items = parse(read('ransomware-live-v2.json')).items;
    expect(items[0]?.canonicalUrl).toBe('https://www.ransomware.live/id/QWNtZSBCaWxsaW5nQGtyYWtlbg==');
    expect(JSON.stringify(items)).not.toMatch(/\.onion/);
    const v1 = parse(read('ransomware-live-v1.json')).items;
    expect(v1.map((item) => item.canonicalUrl)).toEqual([null, null]);
    expect(JSON.stringify(v1)).not.toMatch(/\.onion/);
  });

  it('reads the v1 shape into the same identity as the v2 shape of the same post', () => {
    const v1 = parse(read('ransomware-live-v1.json')).items;
    const v2 = parse(read('ransomware-live-v2.json')).items;
    expect(v1[0]?.identity).toBe(v2[0]?.identity);
    expect(v1[0]?.identity).toBe('kraken|acme billing|2025-03-13');
    expect(v1[0]?.party).toEqual({ name: 'Acme Billing', domain: 'acmebilling.example' });
    expect(v1[1]?.party).toEqual({ name: 'Maple Ridge School District 19', domain: 'mrsd19.example' });
  });

  it('leaves out what the tracker marks unknown', () => {
    const harlow = parse(read('ransomware-live-v2.json')).items[2];
    expect(harlow?.facts).toEqual({ threatActor: 'kraken' });
    expect(harlow?.text).not.toMatch(/Not Found|sector/);
  });
});

describe('victim domains', () => {
  it.each([
    ['https://www.AcmeBilling.example/about?x=1', 'acmebilling.example'],
    ['www.acmebilling.example', 'acmebilling.example'],
    ['ACMEBILLING.EXAMPLE.', 'acmebilling.example'],
    ['http://user:pw@acme.example:8443/x', 'acme.example'],
    ['www2.acme.example', 'acme.example'],
    ['acme.example, acme-health.example', 'acme.example'],
    ['bücher.example', 'xn--bcher-kva.example'],
  ])('%s → %s', (raw, expected) => {
    expect(normaliseDomain(raw)).toBe(expected);
  });

  it.each([
    ['nothing', ''],
    ['a placeholder', 'Not Found'],
    ['an onion address', 'http://abcdefghijklmnop.onion/leak'],
    ['a bare word', 'acme'],
    ['an IP address', '10.0.0.1'],
    ['markup', '<script>alert(1)</script>'],
    ['a huge string', `${'a'.repeat(1000)}.example`],
  ])('%s is no domain', (_label, raw) => {
    expect(normaliseDomain(raw)).toBeNull();
  });
});

describe('a broken or hostile ransomware.live response', () => {
  it.each([
    ['an object', '{"victims": "none"}', /expected an array of victims, got an object/],
    ['null', 'null', /got null/],
    ['a string', '"rate limited"', /got string/],
    ['no JSON', '<html>Too many requests</html>', /not JSON/],
  ])('refuses %s', (_label, body, pattern) => {
    expect(() => parse(body)).toThrow(SourceFormatError);
    expect(() => parse(body)).toThrow(pattern);
  });

  it('skips records of the wrong shape, naming the missing fields, and keeps the rest', () => {
    const records = [
      { victim: 'Good Corp', group: 'kraken', discovered: '2025-03-10 10:00:00.000000' },
      { victim: 'No Group Corp' },
      { post_title: 42, group_name: 'kraken' },
      'just a string',
      { victim: 'Typed Corp', group: 'kraken', discovered: 12345, domain: { host: 'x' }, country: ['US'] },
    ];
    const { items, skipped, problems } = parse(JSON.stringify(records));
    expect(items.map((item) => item.party?.name)).toEqual(['Good Corp', 'Typed Corp']);
    expect(items[1]?.party).toEqual({ name: 'Typed Corp' });
    expect(skipped).toBe(3);
    expect(problems[0]).toMatch(/record 1: .*"group"/);
    expect(problems[0]).toMatch(/"post_title"/);
    expect(problems[1]).toMatch(/record 2: .*"post_title"/);
  });

  it('strips control characters and caps oversized fields, keeping chat markup as text', () => {
    const record = {
      victim: `<!channel> Evil\u0007\u202e Corp ${'V'.repeat(10_000)}`,
      group: `gang\u001b[2J ${'G'.repeat(10_000)}`,
      description: `*free* data\u0000 ${'D'.repeat(100_000)}`,
      discovered: '2025-03-10 10:00:00.000000',
      domain: 'evil.example',
      activity: 'A'.repeat(10_000),
    };
    const [item] = parse(JSON.stringify([record])).items;
    expect(item?.party?.name.startsWith('<!channel> Evil Corp VVV')).toBe(true);
    expect(item?.party?.name.length).toBeLessThanOrEqual(200);
    expect(item?.facts.threatActor?.length).toBeLessThanOrEqual(100);
    expect(item?.text.length).toBeLessThanOrEqual(2000);
    expect(JSON.stringify(item)).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u202e]/);
  });

  it('never links a url that is not ransomware.live itself', () => {
    const record = { victim: 'X Corp', group: 'kraken', url: 'https://evil.example/phish', discovered: '2025-03-10 10:00:00' };
    expect(parse(JSON.stringify([record])).items[0]?.canonicalUrl).toBeNull();
    const onion = { ...record, url: 'https://ransomware.live.evil.onion/x' };
    expect(parse(JSON.stringify([onion])).items[0]?.canonicalUrl).toBeNull();
  });

  it('reads at most maxItems records', () => {
    const records = Array.from({ length: 30 }, (_, i) => ({ victim: `Victim ${i}`, group: 'kraken', discovered: '2025-03-10' }));
    const { items, problems } = parseRansomwareLiveJson(JSON.stringify(records), { feedUrl: FEED_URL, now: NOW, maxItems: 5 });
    expect(items).toHaveLength(5);
    expect(problems).toContain('only the first 5 records were read');
  });

  it('treats a date far in the future as no date', () => {
    const [item] = parse(JSON.stringify([{ victim: 'Later Corp', group: 'kraken', discovered: '2099-01-01 00:00:00' }])).items;
    expect(item?.publishedAt).toBeNull();
    expect(readClaim({ victim: 'x', group: 'y' })).toHaveProperty('claim');
  });
});
