import { describe, expect, it } from 'vitest';
import { FeedParseError, MAX_TEXT_CHARS, MAX_TITLE_CHARS, parseFeed } from '../../src/feeds/parse-feed.js';

const URL_ = 'https://feeds.example.org/feed.xml';

async function parseError(xml: string): Promise<FeedParseError> {
  try {
    await parseFeed(xml, URL_);
  } catch (error) {
    expect(error).toBeInstanceOf(FeedParseError);
    return error as FeedParseError;
  }
  throw new Error('expected a FeedParseError');
}

const rssWith = (items: string, head = '') =>
  `<?xml version="1.0"?>${head}<rss version="2.0"><channel><title>T</title>${items}</channel></rss>`;

describe('bodies that are not feeds', () => {
  it.each([
    ['an empty body', '', /empty body/],
    ['whitespace only', '  \n ', /empty body/],
    ['an HTML page', '<!DOCTYPE html>\n<html><head><title>Home</title></head><body>Hi</body></html>', /HTML page, not a feed/],
    ['truncated XML', '<?xml version="1.0"?><rss version="2.0"><channel><title>cut', /truncated or malformed XML/],
    ['XML that is no feed', '<?xml version="1.0"?><note><to>you</to></note>', /not an RSS or Atom feed/],
    ['plain text', 'this is not xml at all', /./],
    ['JSON', '{"items": []}', /./],
  ])('rejects %s with a one-line FeedParseError', async (_label, xml, pattern) => {
    const error = await parseError(xml);
    expect(error.message).toMatch(pattern);
    expect(error.message).not.toContain('\n');
  });
});

describe('hostile XML', () => {
  it('does not read external entities', async () => {
    const xml = rssWith(
      '<item><title>x &xxe; y</title><description>&xxe;</description></item>',
      '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    );
    // Read as a feed whose unknown reference stays literal text (parse-feed.ts never expands an entity from a
    // DTD); a FeedParseError here fails the test instead of passing it unchecked.
    const result = await parseFeed(xml, URL_);
    const text = JSON.stringify(result);
    expect(text).not.toContain('root:');
    expect(text).not.toMatch(/\/bin\/(ba)?sh/);
    // The reference is kept as literal text, never resolved.
    expect(result.items[0]?.title).toBe('x &xxe; y');
  });

  it('does not expand nested entities (billion laughs)', async () => {
    const levels = ['<!ENTITY lol "lol">'];
    for (let i = 1; i <= 9; i += 1) levels.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
    const xml = rssWith('<item><title>&lol9;</title><description>&lol9;</description></item>', `<!DOCTYPE rss [${levels.join('')}]>`);
    // As above: read, with the reference left literal; a FeedParseError fails instead of passing unchecked.
    const result = await parseFeed(xml, URL_);
    expect(JSON.stringify(result).length).toBeLessThan(10_000);
    expect(result.items[0]?.title).toBe('&lol9;');
  });

  it('reports absurdly deep nesting as a FeedParseError, not a crash', async () => {
    const deep = `${'<x>'.repeat(100_000)}deep${'</x>'.repeat(100_000)}`;
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><id>1</id><title>t</title><content type="html">${deep}</content></entry></feed>`;
    expect((await parseError(atom)).message).toMatch(/nests elements too deeply/);
  });

  it('caps the number of items and the size of titles and texts', async () => {
    const big = `<item><title>${'T'.repeat(5000)}</title><description>${'word '.repeat(10_000)}</description></item>`;
    const result = await parseFeed(rssWith(big + '<item><title>small</title></item>'.repeat(1200)), URL_);
    expect(result.items).toHaveLength(1000);
    expect(result.items[0]?.title.length).toBe(MAX_TITLE_CHARS);
    expect(result.items[0]?.text.length).toBe(MAX_TEXT_CHARS);
    expect(result.items[0]?.title.endsWith('…')).toBe(true);
  });

  it('keeps a feed whose Atom entry has an unreadable date', async () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
      <entry><id>1</id><title>bad date</title><published>not a date</published><updated>also not</updated></entry>
      <entry><id>2</id><title>good date</title><published>2026-03-01T10:00:00Z</published></entry></feed>`;
    const result = await parseFeed(atom, URL_, { now: new Date('2026-03-10T00:00:00Z') });
    expect(result.items.map((item) => [item.title, item.publishedAt?.toISOString() ?? null])).toEqual([
      ['bad date', null],
      ['good date', '2026-03-01T10:00:00.000Z'],
    ]);
  });

  it('drops links that are not http(s) and strips markup and scripts from text', async () => {
    const result = await parseFeed(
      rssWith(
        '<item><title>t</title><link>data:text/html,hi</link><description><![CDATA[<script>steal()</script><p onclick="x()">Hello <a href="javascript:evil()">there</a></p>]]></description></item>',
      ),
      URL_,
    );
    expect(result.items[0]).toMatchObject({ canonicalUrl: null, text: 'Hello there' });
  });
});

describe('items', () => {
  it('gives the same fingerprint to a story re-published under a new guid and date', async () => {
    const first = await parseFeed(
      rssWith(
        '<item><title>Vendor X breached</title><guid>a</guid><pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate><description>Details here.</description></item>',
      ),
      URL_,
    );
    const again = await parseFeed(
      rssWith(
        '<item><title>Other</title></item><item><title>Vendor  X breached!</title><guid>b</guid><pubDate>Tue, 03 Mar 2026 10:00:00 GMT</pubDate><description><![CDATA[<p>Details <b>here</b></p>]]></description></item>',
      ),
      URL_,
    );
    expect(again.items[1]?.guid).not.toBe(first.items[0]?.guid);
    expect(again.items[1]?.fingerprint).toBe(first.items[0]?.fingerprint);
  });

  it('sets feedUrl on every item and returns the feed title', async () => {
    const result = await parseFeed(rssWith('<item><title>one</title></item>'), URL_);
    expect(result.title).toBe('T');
    expect(result.items[0]?.feedUrl).toBe(URL_);
  });
});
