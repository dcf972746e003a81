// A feeds-file entry's `type` (INTERFACES.md "Feeds file"): rss by default, one of the disclosure source types
// otherwise; a wrong type is a configuration error naming the entry, in the feeds file and in the config file alike.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load-config.js';
import { FEED_CATALOGUE, SEC_EDGAR_8K_FEED_URL } from '../../src/feeds/catalogue.js';
import { feedTypeOf } from '../../src/feeds/feed-type.js';
import { FeedsSettingError, parseFeedsSetting } from '../../src/feeds/feeds-setting.js';
import { SOURCE_TYPES } from '../../src/sources/index.js';

const fromJson = (entries: unknown) => parseFeedsSetting('/feeds.json', () => JSON.stringify(entries));

function settingError(entries: unknown): string {
  try {
    fromJson(entries);
  } catch (error) {
    expect(error).toBeInstanceOf(FeedsSettingError);
    return (error as Error).message;
  }
  throw new Error('expected a FeedsSettingError');
}

describe('the feeds file', () => {
  it('takes a type for each entry, rss when none is given (and then writes none)', () => {
    const feeds = fromJson([
      { name: 'EDGAR', url: 'https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent&type=8-K&output=atom', type: 'sec-8k' },
      { name: 'OCR', url: 'https://ocr.example/breach.csv', type: 'hhs-ocr', tags: ['regulator'] },
      { name: 'AG', url: 'https://ag.example/list-export', type: 'ca-ag' },
      { name: 'Tracker', url: 'https://tracker.example/recentvictims', type: 'ransomware-live' },
      { name: 'Plain', url: 'https://news.example/feed', type: 'rss' },
      'https://other.example/rss.xml',
    ]);
    expect(feeds.map(feedTypeOf)).toEqual(['sec-8k', 'hhs-ocr', 'ca-ag', 'ransomware-live', 'rss', 'rss']);
    expect(feeds[1]).toEqual({ name: 'OCR', url: 'https://ocr.example/breach.csv', tags: ['regulator'], type: 'hhs-ocr' });
    expect(feeds[4]).toEqual({ name: 'Plain', url: 'https://news.example/feed', tags: [] });
  });

  it('refuses an unknown type, naming the entry and the types there are', () => {
    const message = settingError([
      { name: 'News', url: 'https://news.example/feed' },
      { name: 'EDGAR', url: 'https://www.sec.gov/cgi-bin/browse-edgar', type: 'sec8k' },
    ]);
    expect(message).toBe(
      'VENDORWATCH_FEEDS: entry 2 of /feeds.json: "type" must be one of rss, sec-8k, hhs-ocr, ca-ag, ransomware-live (got "sec8k")',
    );
    expect(settingError([{ url: 'https://a.example/x', type: 7 }])).toContain('entry 1 of /feeds.json: "type" must be one of');
  });

  it('refuses fullText on a disclosure source, which is read as it is', () => {
    expect(settingError([{ url: 'https://ocr.example/breach.csv', type: 'hhs-ocr', fullText: 'always' }])).toContain(
      'entry 1 of /feeds.json: "fullText" applies to RSS feeds only',
    );
  });
});

describe('the config file', () => {
  const load = (feeds: unknown) => {
    const dir = mkdtempSync(join(tmpdir(), 'vw-feed-type-'));
    const path = join(dir, 'vendorwatch.config.json');
    writeFileSync(path, JSON.stringify({ feeds }));
    return loadConfig({ VENDORWATCH_CONFIG: path, VENDORWATCH_DB: join(dir, 'v.db') }, { cwd: dir });
  };

  it('takes a type for each feed', () => {
    const config = load([{ name: 'OCR', url: 'https://ocr.example/breach.csv', type: 'hhs-ocr' }, 'https://news.example/feed']);
    expect(config.feeds.map(feedTypeOf)).toEqual(['hhs-ocr', 'rss']);
  });

  it('refuses an unknown type with the field of the entry', () => {
    let caught: unknown;
    try {
      load(['https://news.example/feed', { url: 'https://ocr.example/breach.csv', type: 'hhs' }]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]?.field).toMatch(/vendorwatch\.config\.json: feeds\.1\.type$/);
    expect(problems[0]?.message).toBe(`expected one of ${SOURCE_TYPES.join(', ')}`);
  });
});

describe('the built-in catalogue', () => {
  it('names the type of every source, and reads SEC EDGAR as sec-8k', () => {
    for (const feed of FEED_CATALOGUE) expect(SOURCE_TYPES).toContain(feed.type);
    expect(FEED_CATALOGUE.find((feed) => feed.url === SEC_EDGAR_8K_FEED_URL)?.type).toBe('sec-8k');
    expect(FEED_CATALOGUE.filter((feed) => feed.type !== 'rss').map((feed) => feed.name)).toEqual(['SEC EDGAR 8-K filings']);
  });

  it('keeps its types when loaded as the default feeds', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vw-feed-type-'));
    const config = loadConfig({ VENDORWATCH_DB: join(dir, 'v.db') }, { cwd: dir });
    const edgar = config.feeds.find((feed) => feed.url === SEC_EDGAR_8K_FEED_URL);
    expect(edgar && feedTypeOf(edgar)).toBe('sec-8k');
  });
});
