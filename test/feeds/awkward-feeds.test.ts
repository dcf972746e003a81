// Golden files: each feed under test/fixtures/awkward-feeds/ sits next to the .expected.json of what parseFeed
// must make of it. UPDATE_GOLDEN=1 rewrites them; review the diff before committing.

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeFeedBody } from '../../src/feeds/decode-body.js';
import { parseFeed } from '../../src/feeds/parse-feed.js';

const dir = join(fileURLToPath(new URL('.', import.meta.url)), '..', 'fixtures', 'awkward-feeds');
const feeds = readdirSync(dir).filter((file) => !file.endsWith('.expected.json')).sort();
const NOW = new Date('2026-03-10T00:00:00Z');

async function render(file: string): Promise<unknown> {
  const { text, charset } = decodeFeedBody(readFileSync(join(dir, file)), null);
  const parsed = await parseFeed(text, `https://feeds.example.org/awkward/${file}`, { now: NOW });
  return {
    charset,
    title: parsed.title,
    items: parsed.items.map((item) => ({
      guid: item.guid,
      canonicalUrl: item.canonicalUrl,
      title: item.title,
      text: item.text,
      publishedAt: item.publishedAt?.toISOString() ?? null,
    })),
  };
}

describe('awkward feeds match their golden files', () => {
  it('has fixtures', () => {
    expect(feeds.length).toBeGreaterThanOrEqual(8);
  });

  it.each(feeds)('%s', async (file) => {
    const actual = await render(file);
    const goldenPath = join(dir, `${file}.expected.json`);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(goldenPath, `${JSON.stringify(actual, null, 2)}\n`);
    expect(existsSync(goldenPath), `${file} has no golden file; run with UPDATE_GOLDEN=1 and review it`).toBe(true);
    expect(actual).toEqual(JSON.parse(readFileSync(goldenPath, 'utf8')));
  });
});
