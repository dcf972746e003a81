// The XML parser is synchronous: a feed of 100,000 items used to hold the process for seconds, long enough for every
// other download of the cycle to run out of time. parseFeed now cuts the document after the item cap first.
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/feeds/parse-feed.js';

const URL_ = 'https://bulk.example/feed.xml';
const many = (count: number, make: (i: number) => string) => Array.from({ length: count }, (_, i) => make(i)).join('');

describe('a feed with more items than the cap', () => {
  it('keeps the first items of RSS 2.0 and still reads the channel', async () => {
    const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>Bulk</title>${many(5000, (i) => `<item><title>N${i}</title><guid>g${i}</guid></item>`)}</channel></rss>`;
    const feed = await parseFeed(xml, URL_, { maxItems: 3 });
    expect(feed.title).toBe('Bulk');
    expect(feed.items.map((item) => item.title)).toEqual(['N0', 'N1', 'N2']);
  });

  it('closes RSS 1.0, whose items sit beside the channel, and Atom', async () => {
    const rdf = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel rdf:about="${URL_}"><title>Bulk RDF</title><link>${URL_}</link><description>d</description></channel>${many(50, (i) => `<item rdf:about="https://bulk.example/${i}"><title>R${i}</title><link>https://bulk.example/${i}</link></item>`)}</rdf:RDF>`;
    const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Bulk Atom</title>${many(50, (i) => `<entry><id>e${i}</id><title>A${i}</title></entry>`)}</feed>`;
    expect((await parseFeed(rdf, URL_, { maxItems: 2 })).items.map((item) => item.title)).toEqual(['R0', 'R1']);
    const parsed = await parseFeed(atom, URL_, { maxItems: 2 });
    expect(parsed.title).toBe('Bulk Atom');
    expect(parsed.items.map((item) => item.title)).toEqual(['A0', 'A1']);
  });

  it('does not count item-like markup inside CDATA or comments', async () => {
    const html = '<![CDATA[<p>an <item> and an <entry > in prose</p>]]>';
    const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>Prose</title><!-- <item> commented out --><item><title>one</title><description>${html}</description></item><item><title>two</title></item><item><title>three</title></item></channel></rss>`;
    const feed = await parseFeed(xml, URL_, { maxItems: 2 });
    expect(feed.items.map((item) => [item.title, item.text])).toEqual([
      // The HTML tags are dropped as markup; the words around them survive.
      ['one', 'an and an in prose'],
      ['two', ''],
    ]);
  });

  it('leaves a feed within the cap exactly as it was', async () => {
    const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>Few</title>${many(3, (i) => `<item><title>F${i}</title></item>`)}<lastBuildDate>Mon, 02 Mar 2026 09:00:00 GMT</lastBuildDate></channel></rss>`;
    expect((await parseFeed(xml, URL_, { maxItems: 3 })).items).toHaveLength(3);
  });
});
