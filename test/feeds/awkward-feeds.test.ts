// Golden files: each feed under test/fixtures/awkward-feeds/ sits next to the .expected.json of what parseFeed
// must make of it, compared byte for byte (test/support/golden.ts). A missing one fails; UPDATE_GOLDEN=1 rewrites
// them; review the diff before committing.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeFeedBody } from '../../src/feeds/decode-body.js';
import { parseFeed } from '../../src/feeds/parse-feed.js';
import { expectGolden, expectNoStaleGoldens } from '../support/golden.js';

const dir = join(fileURLToPath(new URL('.', import.meta.url)), '..', 'fixtures', 'awkward-feeds');
const feeds = readdirSync(dir)
  .filter((file) => !file.endsWith('.expected.json'))
  .sort();
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

  it('has a feed for every golden file', () => {
    expectNoStaleGoldens(
      dir,
      feeds.map((file) => join(dir, `${file}.expected.json`)),
    );
  });

  it.each(feeds)('%s', async (file) => {
    expectGolden(join(dir, `${file}.expected.json`), await render(file));
  });
});
