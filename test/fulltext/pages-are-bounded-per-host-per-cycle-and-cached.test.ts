// Reading pages must not become a crawl that stalls the cycle: at most two requests at once to one host, a budget of
// pages and of time per cycle (beyond it, items are judged on their teasers and `why` says so), and the same story
// linked from two feeds is fetched once.

import { afterEach, describe, expect, it } from 'vitest';
import type { FeedSource } from '../../src/core/types.js';
import { type FeedServer, startFeedServer } from '../support/feed-server.js';
import { articlePage } from './support/article-page.js';
import { outcomes, pollOnce, type RssItem, rssFeed } from './support/pipeline.js';
import { PUBLISHED, QUILLON_TEASER, QUILLON_TITLE, WATCHLIST } from './support/stories.js';

let server: FeedServer | null = null;

afterEach(async () => {
  await server?.close();
  server = null;
});

const story = (n: number) => ({
  title: `${QUILLON_TITLE} (${n})`,
  text: `${QUILLON_TEASER}\nThe company said clinics could not open charts for two days. Report number ${n}.`,
});

/** `count` teasers with a signal, each linking to its own page under /news/, served as `page` says. */
async function teasers(count: number, page: (n: number) => Parameters<FeedServer['route']>[1]): Promise<FeedSource> {
  server = await startFeedServer({});
  const items: RssItem[] = Array.from({ length: count }, (_, n) => ({
    guid: `story-${n}`,
    title: story(n).title,
    link: server!.url(`/news/story-${n}`),
    description: QUILLON_TEASER,
    published: PUBLISHED,
  }));
  server.route('/feed.xml', { kind: 'feed', contentType: 'application/rss+xml', body: rssFeed('Clinic IT News', items) });
  for (let n = 0; n < count; n++) server.route(`/news/story-${n}`, page(n));
  return { name: 'Clinic IT News', url: server.url('/feed.xml'), tags: [] };
}

const pageOf = (n: number, delayMs = 0) => ({
  kind: 'feed' as const,
  contentType: 'text/html; charset=utf-8',
  body: articlePage({ ...story(n), outlet: 'Clinic IT News', published: PUBLISHED }),
  ...(delayMs > 0 ? { delayMs } : {}),
});

const pageRequests = (feeds: FeedServer) => feeds.requests.filter((request) => request.path.startsWith('/news/'));

describe('article pages within bounds', () => {
  it('never sends more than two requests at once to one host', async () => {
    const feed = await teasers(8, (n) => pageOf(n, 150));
    const result = await pollOnce({ feeds: [feed], vendors: WATCHLIST, fullText: 'auto', concurrency: 16 });
    try {
      expect(pageRequests(server!).length).toBe(8);
      // The feed itself was done before the pages: what was at once is the pages.
      expect(server!.concurrency.max).toBe(2);
      expect(result.report.pages).toMatchObject({ fetched: 8, overBudget: 0 });
    } finally {
      result.close();
    }
  });

  it("stops at the cycle's page budget and judges the rest on their teasers, saying so", async () => {
    const feed = await teasers(5, (n) => pageOf(n));
    const result = await pollOnce({ feeds: [feed], vendors: WATCHLIST, fullText: 'auto', budget: { pages: 3 } });
    try {
      expect(pageRequests(server!).length).toBe(3);
      expect(result.report.pages).toMatchObject({ fetched: 3, overBudget: 2 });
      const notes = [...outcomes(result.store).values()].map((outcome) => outcome.why[0]);
      expect(notes.filter((note) => note?.startsWith('article page read')).length).toBe(3);
      expect(
        notes.filter(
          (note) => note === "article page not read, judged on the feed's text: this cycle's budget of 3 article pages was spent",
        ).length,
      ).toBe(2);
    } finally {
      result.close();
    }
  });

  it('ends the page reading of a cycle of hung pages within about one fetch timeout', async () => {
    const timeoutMs = 1_000;
    const feed = await teasers(12, () => ({ kind: 'stall-after-headers', contentType: 'text/html' }));
    const started = Date.now();
    const result = await pollOnce({ feeds: [feed], vendors: WATCHLIST, fullText: 'auto', timeoutMs, concurrency: 16 });
    const elapsed = Date.now() - started;
    try {
      // Two at a time to the one host, each hanging until the deadline: without the budget, 6 timeouts in a row.
      expect(elapsed).toBeLessThan(2.5 * timeoutMs);
      expect(pageRequests(server!).length).toBe(2);
      expect(result.report.pages).toMatchObject({ fetched: 0 });
      expect(result.report.pages.failed + result.report.pages.overBudget).toBe(12);
      const notes = [...outcomes(result.store).values()].map((outcome) => outcome.why[0]);
      expect(notes.every((note) => note?.startsWith("article page not read, judged on the feed's text: "))).toBe(true);
    } finally {
      result.close();
    }
  });

  it('fetches a story once when a second feed links a redirect to the same page (a feed proxy, an aggregator)', async () => {
    server = await startFeedServer({});
    server.route('/news/quillon', pageOf(0));
    server.route('/go/7f3a2', { kind: 'redirect', location: '/news/quillon?utm_source=proxy' });
    // Two outlets' items: their own links, headlines and teasers (the same link or text twice would be one item).
    const item = (link: string, title: string, description: string): RssItem => ({
      guid: link,
      title,
      link,
      description,
      published: PUBLISHED,
    });
    const first = item(server.url('/go/7f3a2'), story(0).title, QUILLON_TEASER);
    const second = item(
      server.url('/news/quillon'),
      'Ransomware hits EHR host Quillon Health Systems',
      'Quillon Health Systems said attackers encrypted servers of its hosted records platform on March 12.',
    );
    server.route('/a.xml', { kind: 'feed', contentType: 'application/rss+xml', body: rssFeed('A', [first]) });
    server.route('/b.xml', { kind: 'feed', contentType: 'application/rss+xml', body: rssFeed('B', [second]) });
    const feeds = [
      { name: 'A', url: server.url('/a.xml'), tags: [] },
      { name: 'B', url: server.url('/b.xml'), tags: [] },
    ];
    const result = await pollOnce({ feeds, vendors: WATCHLIST, fullText: 'auto' });
    try {
      expect(server.requests.filter((request) => request.path.startsWith('/news/')).map((request) => request.path)).toEqual([
        '/news/quillon?utm_source=proxy',
      ]);
      expect(result.report.pages).toMatchObject({ fetched: 1, cacheHits: 1 });
      const notes = [...outcomes(result.store).values()].map((outcome) => outcome.why[0]);
      expect(notes).toEqual([
        expect.stringMatching(/^article page read \(\d+ characters\)/),
        expect.stringMatching(/^article page read \(\d+ characters, from the cache\)/),
      ]);
    } finally {
      result.close();
    }
  });
});
