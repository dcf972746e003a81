// `vendorwatch status` and `/metrics` show what the last cycle did with article pages: fetched, cache hits, refused
// by the address policy, ignored as walls.

import { afterEach, describe, expect, it } from 'vitest';
import type { FeedSource } from '../../src/core/types.js';
import { VendorwatchMetrics } from '../../src/observability/metrics.js';
import { renderStatusText } from '../../src/observability/render-status.js';
import { collectStatus } from '../../src/observability/status-report.js';
import { type FeedServer, startFeedServer } from '../support/feed-server.js';
import { articlePage, consentWallPage } from './support/article-page.js';
import { pollOnce, type RssItem, rssFeed } from './support/pipeline.js';
import { BILLING_STORY, BILLING_TEASER, BILLING_TITLE, PUBLISHED, QUILLON_TEASER, QUILLON_TITLE, WATCHLIST } from './support/stories.js';

const servers: FeedServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** One cycle that fetches a page, reads it again from the cache, is refused one link and meets one consent wall. */
async function busyCycle() {
  const elsewhere = await startFeedServer({});
  const feeds = await startFeedServer({});
  servers.push(elsewhere, feeds);
  const html = (body: string) => ({ kind: 'feed' as const, contentType: 'text/html; charset=utf-8', body });
  feeds.route(
    '/news/billing',
    html(articlePage({ title: BILLING_TITLE, text: BILLING_STORY, outlet: 'Health Desk', published: PUBLISHED })),
  );
  feeds.route('/news/quillon', html(consentWallPage(QUILLON_TITLE, 'Health Desk')));
  // A feed proxy's link to the page, listed first: the direct link after it is read from the cache.
  feeds.route('/go/billing', { kind: 'redirect', location: '/news/billing' });
  const items: RssItem[] = [
    {
      guid: 'billing-b',
      title: 'Billing vendor breach exposes Lakeside Health patients',
      link: feeds.url('/go/billing'),
      description: 'Records of 84,000 Lakeside Health patients were copied in an attack on the company that handles its bills.',
      published: PUBLISHED,
    },
    {
      guid: 'billing-a',
      title: BILLING_TITLE,
      link: feeds.url('/news/billing?utm_source=rss'),
      description: BILLING_TEASER,
      published: PUBLISHED,
    },
    { guid: 'quillon', title: QUILLON_TITLE, link: feeds.url('/news/quillon'), description: QUILLON_TEASER, published: PUBLISHED },
    {
      guid: 'internal',
      title: 'Clinic chain says attackers reached its scheduling system',
      link: elsewhere.url('/admin').replace('://127.0.0.1:', '://localhost:'),
      description: 'A clinic chain said attackers reached its scheduling system last week.',
      published: PUBLISHED,
    },
  ];
  feeds.route('/feed.xml', { kind: 'feed', contentType: 'application/rss+xml', body: rssFeed('Health Desk', items) });
  const feed: FeedSource = { name: 'Health Desk', url: feeds.url('/feed.xml'), tags: [] };
  return { feed, poll: await pollOnce({ feeds: [feed], vendors: WATCHLIST, fullText: 'auto' }) };
}

describe('article pages in status and metrics', () => {
  it("status shows the last cycle's pages fetched, cache hits, pages refused and walls", async () => {
    const { feed, poll } = await busyCycle();
    try {
      expect(poll.report.pages).toEqual({ fetched: 2, cacheHits: 1, refused: 1, walls: 1, ignored: 0, failed: 0, overBudget: 0 });
      const report = await collectStatus(poll.asyncStore, { feeds: [feed], dbPath: poll.dbPath }, new Date());
      expect(report.lastCycle?.articlePages).toEqual(poll.report.pages);
      expect(renderStatusText(report)).toContain(
        "  article pages: 2 fetched, 1 cache hits, 1 refused by the address policy, 1 ignored as walls; 0 without this story, 0 failed, 0 over the cycle's budget\n",
      );
    } finally {
      poll.close();
    }
  });

  it('/metrics counts article pages by outcome, every outcome present from the first scrape', async () => {
    const metrics = new VendorwatchMetrics({ defaultMetrics: false });
    expect((await metrics.scrape()).body).toContain('vendorwatch_article_pages_total{outcome="refused"} 0');
    const { poll } = await busyCycle();
    try {
      metrics.recordCycle({ report: poll.report, failedFeeds: [] }, new Date());
      metrics.recordCycle({ report: poll.report, failedFeeds: [] }, new Date());
      const { body } = await metrics.scrape();
      for (const [outcome, count] of [
        ['fetched', 4],
        ['cache_hit', 2],
        ['refused', 2],
        ['wall', 2],
        ['failed', 0],
        ['over_budget', 0],
      ] as const) {
        expect(body).toContain(`vendorwatch_article_pages_total{outcome="${outcome}"} ${count}`);
      }
    } finally {
      poll.close();
    }
  });

  it('shows no article-page line for a cycle that read none', async () => {
    const feeds = await startFeedServer({});
    servers.push(feeds);
    feeds.route('/feed.xml', { kind: 'feed', contentType: 'application/rss+xml', body: rssFeed('Quiet', []) });
    const feed: FeedSource = { name: 'Quiet', url: feeds.url('/feed.xml'), tags: [] };
    const poll = await pollOnce({ feeds: [feed], vendors: WATCHLIST, fullText: 'off' });
    try {
      expect(renderStatusText(await collectStatus(poll.asyncStore, { feeds: [feed], dbPath: poll.dbPath }, new Date()))).not.toContain(
        'article pages',
      );
    } finally {
      poll.close();
    }
  });
});
