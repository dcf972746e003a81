// Every real-world feed of the shared evaluation corpus must parse into sensible items (or, for a feed listed
// as unparseable, fail with a clear FeedParseError). The corpus lives outside the repository, in ../shared beside
// it, and is read at test time, never copied. Without that folder the tests are skipped under a name that says so.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { FeedItem } from '../../src/core/types.js';
import { decodeFeedBody } from '../../src/feeds/decode-body.js';
import { FeedParseError, MAX_TEXT_CHARS, MAX_TITLE_CHARS, type ParsedFeed, parseFeed } from '../../src/feeds/parse-feed.js';

const repoRoot = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const dir = join(repoRoot, '..', 'shared', 'eval', 'feeds');
const present = existsSync(dir);
const files = present ? readdirSync(dir).sort() : [];

/** Corpus feeds that are broken beyond reading: for these a clear FeedParseError is the right answer. None today. */
const UNPARSEABLE = new Set<string>([]);

/** Where the feed says it lives, so relative links resolve as they would have when it was fetched. */
function feedUrlOf(text: string, file: string): string {
  const self = /<(?:atom10?:)?link\b[^>]*\brel=["']self["'][^>]*>/i.exec(text)?.[0];
  const href = self ? /\bhref=["']([^"']+)["']/.exec(self)?.[1] : undefined;
  return href && /^https?:\/\//.test(href) ? href : `https://eval.example.org/${file}`;
}

async function load(file: string): Promise<ParsedFeed | FeedParseError> {
  const { text } = decodeFeedBody(readFileSync(join(dir, file)), null);
  try {
    return await parseFeed(text, feedUrlOf(text, file), { now: new Date('2026-12-01T00:00:00Z') });
  } catch (error) {
    if (error instanceof FeedParseError) return error;
    throw error;
  }
}

/** The feed's items; fails when it does not parse or holds none, so checks over them never pass on nothing. */
async function itemsOf(file: string): Promise<FeedItem[]> {
  const result = await load(file);
  if (result instanceof FeedParseError) throw new Error(`${file}: ${result.message}`);
  expect(result.items.length, `${file} has no items`).toBeGreaterThan(0);
  return result.items;
}

if (!present) it.skip('../shared/eval/feeds not found: these tests need the shared folder beside the repository', () => {});

describe.skipIf(!present)('evaluation corpus feeds', () => {
  it('has the corpus feeds', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  it.each(files)('%s yields clean items or a clear FeedParseError', async (file) => {
    const result = await load(file);
    if (result instanceof FeedParseError) {
      // A feed that reads today and stops reading is a regression, not a "clear error".
      expect(UNPARSEABLE.has(file), `${file} no longer parses: ${result.message}`).toBe(true);
      expect(result.message).not.toContain('\n');
      expect(result.message.length).toBeGreaterThan(10);
      return;
    }
    expect(UNPARSEABLE.has(file), `${file} parses now: take it off UNPARSEABLE`).toBe(false);
    expect(result.items.length).toBeGreaterThan(0);
    for (const item of result.items) {
      expect(item.title.trim().length).toBeGreaterThan(0);
      expect(item.title.length).toBeLessThanOrEqual(MAX_TITLE_CHARS);
      expect(item.text.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
      // No mojibake, leftover markup, CDATA markers or unfolded whitespace.
      expect(`${item.title}${item.text}`).not.toContain('\ufffd');
      expect(item.title).not.toMatch(/<\/?[a-z][^>]*>|<!\[CDATA\[|\]\]>/i);
      expect(item.title).not.toMatch(/^\s|\s$|\s{2}/);
      if (item.canonicalUrl !== null) expect(item.canonicalUrl).toMatch(/^https?:\/\/[^/]+\//);
      expect(item.guid.length).toBeGreaterThan(0);
      expect(item.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('decodes the windows-1251 feed into Cyrillic', async () => {
    const items = await itemsOf('oren-ru-windows1251.xml');
    expect(items.every((item) => /[А-Яа-я]/.test(item.title))).toBe(true);
  });

  it('decodes the undeclared latin1 feed and reads its Portuguese dates', async () => {
    const items = await itemsOf('uol-noticias-latin1.rss');
    expect(items.some((item) => item.title.includes('simulações'))).toBe(true);
    expect(items.every((item) => item.publishedAt !== null)).toBe(true);
  });

  it('resolves relative Atom links against the feed and keeps xhtml content in reading order', async () => {
    const items = await itemsOf('intertwingly-relative-urls.atom');
    expect(items.every((item) => item.canonicalUrl?.startsWith('http://intertwingly.net/blog/'))).toBe(true);
    expect(items.some((item) => item.text.includes('The interface is a bit low level'))).toBe(true);
    const tpm = await itemsOf('talkingpointsmemo.atom');
    expect(tpm.every((item) => item.canonicalUrl?.startsWith('http://talkingpointsmemo.com/'))).toBe(true);
  });

  it("links to the publisher's page, not a feed click-tracker or Google redirect", async () => {
    for (const file of ['techcrunch-feedburner.xml', 'pcmag-dvorak-illegally-nested.xml', 'google-alerts.atom.xml']) {
      const items = await itemsOf(file);
      for (const item of items) expect(item.canonicalUrl ?? '').not.toMatch(/feedproxy\.google\.com|google\.com\/url/);
    }
  });

  it('turns HTML titles into text and prefers content:encoded for the text', async () => {
    const alerts = await itemsOf('google-alerts.atom.xml');
    expect(alerts[0]?.title).toContain('Automotive Slack Market');
    const medium = await itemsOf('medium-content-encoded.rss');
    expect(medium.every((item) => item.text.length > 200)).toBe(true);
  });

  it('trims CDATA titles padded with whitespace', async () => {
    const items = await itemsOf('varthabharathi-cdata.rss');
    expect(items[0]?.title).toMatch(/^ISUZU launches/);
  });
});
