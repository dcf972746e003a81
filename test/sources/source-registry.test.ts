import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SOURCE_PARSERS, SOURCE_TYPES, sourceParser, sourceTypeSchema } from '../../src/sources/index.js';
import { sourceItemSchema } from '../../src/sources/source-item.js';

const read = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');

describe('source types', () => {
  it('are rss, sec-8k, hhs-ocr, ca-ag and ransomware-live', () => {
    expect(SOURCE_TYPES).toEqual(['rss', 'sec-8k', 'hhs-ocr', 'ca-ag', 'ransomware-live']);
    for (const type of SOURCE_TYPES) expect(sourceTypeSchema.parse(type)).toBe(type);
  });

  it.each(['RSS', 'sec8k', 'ocr', '', 'ransomware.live'])('refuse %j', (type) => {
    expect(sourceTypeSchema.safeParse(type).success).toBe(false);
  });

  it('leave rss to the feed parser and give every other type its parser', () => {
    expect(sourceParser('rss')).toBeNull();
    expect(Object.keys(SOURCE_PARSERS).sort()).toEqual(['ca-ag', 'hhs-ocr', 'ransomware-live', 'sec-8k']);
  });

  it.each([
    ['sec-8k', 'edgar/getcurrent-8k.atom', 'sec-filing', 5],
    ['hhs-ocr', 'hhs-ocr-breaches.csv', 'hhs-ocr', 6],
    ['ca-ag', 'ca-ag-breaches.csv', 'state-ag', 5],
    ['ransomware-live', 'ransomware-live-v2.json', 'leak-site', 3],
  ] as const)('%s reads its fixture into valid items of its provenance', async (type, file, provenance, count) => {
    const parser = sourceParser(type);
    const result = await parser?.(read(file), { feedUrl: 'https://source.example/feed', now: new Date('2025-03-18T00:00:00Z') });
    expect(result?.items).toHaveLength(count);
    for (const item of result?.items ?? []) {
      expect(item.provenance).toBe(provenance);
      expect(item.feedUrl).toBe('https://source.example/feed');
      expect(sourceItemSchema.safeParse(item).success).toBe(true);
    }
  });

  it('refuse a body of another type with a format error, not a crash', async () => {
    await expect(sourceParser('hhs-ocr')?.(read('ransomware-live-v2.json'), { feedUrl: 'https://x.example/' })).rejects.toThrow(
      /HHS OCR CSV: /,
    );
    await expect(sourceParser('ransomware-live')?.(read('ca-ag-breaches.csv'), { feedUrl: 'https://x.example/' })).rejects.toThrow(
      /ransomware\.live JSON: not JSON/,
    );
    await expect(sourceParser('ca-ag')?.(read('hhs-ocr-breaches.csv'), { feedUrl: 'https://x.example/' })).rejects.toThrow(
      /missing columns "Organization Name"/,
    );
  });
});
