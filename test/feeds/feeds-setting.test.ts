import { describe, expect, it } from 'vitest';
import { FEED_TAGS } from '../../src/core/types.js';
import { FEED_CATALOGUE, SEC_EDGAR_8K_FEED_URL } from '../../src/feeds/catalogue.js';
import { FeedsSettingError, parseFeedsSetting } from '../../src/feeds/feeds-setting.js';

const files = (contents: Record<string, string>) => (path: string) => {
  const text = contents[path];
  if (text === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
  return text;
};
const noFiles = files({});

function problem(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(FeedsSettingError);
    return (error as Error).message;
  }
  throw new Error('expected a FeedsSettingError');
}

describe('catalogue', () => {
  it('lists every feed once, over https, with known tags and a unique name', () => {
    const urls = FEED_CATALOGUE.map((feed) => feed.url);
    const names = FEED_CATALOGUE.map((feed) => feed.name);
    expect(new Set(urls).size).toBe(urls.length);
    expect(new Set(names).size).toBe(names.length);
    for (const feed of FEED_CATALOGUE) {
      expect(new URL(feed.url).protocol).toBe('https:');
      expect(feed.tags.length).toBeGreaterThan(0);
      for (const tag of feed.tags) expect(FEED_TAGS).toContain(tag);
    }
  });

  it('covers the outlets a hospital security team reads, and the SEC 8-K feed', () => {
    const names = FEED_CATALOGUE.map((feed) => feed.name);
    for (const outlet of [
      'BleepingComputer',
      'The Hacker News',
      'HIPAA Journal',
      'DataBreaches.net',
      'HealthcareInfoSecurity',
      'Fierce Healthcare',
    ]) {
      expect(names).toContain(outlet);
    }
    expect(FEED_CATALOGUE.find((feed) => feed.url === SEC_EDGAR_8K_FEED_URL)?.tags).toEqual(['regulator']);
    expect(SEC_EDGAR_8K_FEED_URL).toContain('type=8-K');
    expect(SEC_EDGAR_8K_FEED_URL).toContain('output=atom');
  });
});

describe('comma-separated URLs', () => {
  it('takes each URL, names it after its host and drops duplicates', () => {
    const feeds = parseFeedsSetting(' https://a.example/feed , http://b.example/rss.xml,https://a.example/feed', noFiles);
    expect(feeds).toEqual([
      { name: 'a.example', url: 'https://a.example/feed', tags: [] },
      { name: 'b.example', url: 'http://b.example/rss.xml', tags: [] },
    ]);
  });

  it('names the bad entry and says how to fix it', () => {
    expect(problem(() => parseFeedsSetting('https://a.example/feed,ftp://b.example/feed', noFiles))).toMatch(
      /entry 2 .*not an http\(s\) URL/,
    );
    expect(problem(() => parseFeedsSetting('https://a.example/feed,,https://c.example/', noFiles))).toMatch(/entry 2 .*empty/);
    expect(problem(() => parseFeedsSetting('https://a.example/feed,not a url', noFiles))).toMatch(/entry 2 .*not a URL/);
  });

  it('refuses URLs with credentials, which would leak into logs', () => {
    expect(problem(() => parseFeedsSetting('https://user:secret@a.example/feed', noFiles))).not.toContain('secret');
  });

  it('refuses a non-http scheme given alone', () => {
    expect(problem(() => parseFeedsSetting('file:///etc/passwd', noFiles))).toMatch(/not an http\(s\) URL/);
  });
});

describe('JSON feeds file', () => {
  it('accepts URL strings and objects, defaulting the name to the host', () => {
    const read = files({
      '/conf/feeds.json': JSON.stringify([
        'https://a.example/feed',
        { url: 'https://b.example/rss', name: '  Bee   News ', tags: ['healthcare', 'breach-tracker'] },
        { url: 'https://c.example/atom' },
      ]),
    });
    expect(parseFeedsSetting('/conf/feeds.json', read)).toEqual([
      { name: 'a.example', url: 'https://a.example/feed', tags: [] },
      { name: 'Bee News', url: 'https://b.example/rss', tags: ['healthcare', 'breach-tracker'] },
      { name: 'c.example', url: 'https://c.example/atom', tags: [] },
    ]);
  });

  it('accepts the config file shape {"feeds": [...]}', () => {
    const read = files({ 'f.json': '{"feeds": ["https://a.example/feed"]}' });
    expect(parseFeedsSetting('f.json', read)).toHaveLength(1);
  });

  it('names the entry with an unknown tag, unknown field or bad URL', () => {
    const read = files({
      'tags.json': '[{"url": "https://a.example/"}, {"url": "https://b.example/", "tags": ["news"]}]',
      'field.json': '[{"url": "https://a.example/", "tag": ["healthcare"]}]',
      'url.json': '["https://a.example/", "javascript:alert(1)"]',
      'type.json': '[42]',
    });
    expect(problem(() => parseFeedsSetting('tags.json', read))).toMatch(
      /entry 2 of tags\.json: "tags" must be a list of security-news, healthcare.*"news"/,
    );
    expect(problem(() => parseFeedsSetting('field.json', read))).toMatch(/entry 1 .*unknown field\(s\) "tag"/);
    expect(problem(() => parseFeedsSetting('url.json', read))).toMatch(/entry 2 .*not an http\(s\) URL/);
    expect(problem(() => parseFeedsSetting('type.json', read))).toMatch(/entry 1 .*URL string or an object/);
  });

  it('reports invalid JSON and a file that is not a list', () => {
    const read = files({ 'bad.json': '[ "https://a.example/", ', 'obj.json': '{"url": "https://a.example/"}' });
    expect(problem(() => parseFeedsSetting('bad.json', read))).toMatch(/bad\.json" is not valid JSON/);
    expect(problem(() => parseFeedsSetting('obj.json', read))).toMatch(/must hold a JSON array/);
  });

  it('reports an unreadable file with a hint about URLs', () => {
    const message = problem(() => parseFeedsSetting('feeds.example.org/rss', noFiles));
    expect(message).toMatch(/cannot read the feeds file "feeds\.example\.org\/rss"/);
    expect(message).toMatch(/must start with http:\/\/ or https:\/\//);
  });

  it('reports an empty list', () => {
    expect(problem(() => parseFeedsSetting('e.json', files({ 'e.json': '[]' })))).toMatch(/holds no feeds/);
  });
});

describe('OPML feeds file', () => {
  const opml = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>Team feeds</title></head>
  <body>
    <outline text="healthcare">
      <outline type="rss" text="Clinic Wire" xmlUrl="https://clinic.example/feed?a=1&amp;b=2"/>
      <outline text="Nested group">
        <outline type="rss" title="Deep Feed" text="ignored" xmlUrl="https://deep.example/rss" category="breach-tracker"/>
      </outline>
    </outline>
    <!-- <outline type="rss" xmlUrl="https://commented.example/feed"/> -->
    <outline type="rss" xmlUrl='https://plain.example/atom.xml'/>
  </body>
</opml>`;

  it('reads nested outlines, tags feeds from tag-named categories, ignores comments', () => {
    expect(parseFeedsSetting('team.opml', files({ 'team.opml': opml }))).toEqual([
      { name: 'Clinic Wire', url: 'https://clinic.example/feed?a=1&b=2', tags: ['healthcare'] },
      { name: 'Deep Feed', url: 'https://deep.example/rss', tags: ['healthcare', 'breach-tracker'] },
      { name: 'plain.example', url: 'https://plain.example/atom.xml', tags: [] },
    ]);
  });

  it('names the line of a bad feed URL', () => {
    const bad =
      '<opml version="2.0"><body>\n<outline xmlUrl="https://ok.example/"/>\n<outline xmlUrl="gopher://old.example/"/>\n</body></opml>';
    expect(problem(() => parseFeedsSetting('bad.opml', files({ 'bad.opml': bad })))).toMatch(/line 3 of bad\.opml: .*not an http\(s\) URL/);
  });

  it('refuses XML that is not OPML, and OPML without feeds', () => {
    const read = files({ 'rss.xml': '<rss version="2.0"><channel/></rss>', 'empty.opml': '<opml version="2.0"><body/></opml>' });
    expect(problem(() => parseFeedsSetting('rss.xml', read))).toMatch(/not OPML/);
    expect(problem(() => parseFeedsSetting('empty.opml', read))).toMatch(/holds no feeds/);
  });
});
