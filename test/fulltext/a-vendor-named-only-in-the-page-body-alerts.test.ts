// A teaser that leaves the breached vendor unnamed ("a billing company that processes patient accounts") alerts
// that vendor once the article page, which names it, is read; `why` says the page was read. The settings decide
// whether pages are read at all, a feed's own `fullText` winning over VENDORWATCH_FULL_TEXT, and a teaser with no
// signal is never fetched.

import { afterEach, describe, expect, it } from 'vitest';
import type { FeedSource, FullTextMode } from '../../src/core/types.js';
import { type FeedServer, startFeedServer } from '../support/feed-server.js';
import { articlePage } from './support/article-page.js';
import { alerts, outcomes, pollOnce, rssFeed } from './support/pipeline.js';
import { BILLING_STORY, BILLING_TEASER, BILLING_TITLE, PUBLISHED, QUIET_TEASER, QUIET_TITLE, WATCHLIST } from './support/stories.js';

let server: FeedServer | null = null;

afterEach(async () => {
  await server?.close();
  server = null;
});

async function serve(): Promise<FeedServer> {
  server = await startFeedServer({});
  server.route('/feed.xml', {
    kind: 'feed',
    contentType: 'application/rss+xml',
    body: rssFeed('Health Desk', [
      {
        guid: 'billing',
        title: BILLING_TITLE,
        link: server.url('/news/billing-vendor-breach'),
        description: BILLING_TEASER,
        published: PUBLISHED,
      },
      { guid: 'quiet', title: QUIET_TITLE, link: server.url('/news/bicycle-lanes'), description: QUIET_TEASER, published: PUBLISHED },
    ]),
  });
  server.route('/news/billing-vendor-breach', {
    kind: 'feed',
    contentType: 'text/html; charset=utf-8',
    body: articlePage(
      { title: BILLING_TITLE, text: BILLING_STORY, outlet: 'Health Desk', published: PUBLISHED },
      { related: ['Harbor Imaging Cloud outage delays scans at two hospitals'] },
    ),
  });
  // Its page would name a vendor in a breach: a page that is requested anyway would show here.
  server.route('/news/bicycle-lanes', {
    kind: 'feed',
    contentType: 'text/html; charset=utf-8',
    body: articlePage({
      title: QUIET_TITLE,
      text: `${QUIET_TEASER}\nMeridian Billing Partners was hacked and patient data stolen.`,
      outlet: 'Health Desk',
    }),
  });
  return server;
}

const pageRequests = (feeds: FeedServer) =>
  feeds.requests.filter((request) => request.path.startsWith('/news/')).map((request) => request.path);

async function poll(fullText: FullTextMode, feedFullText?: FullTextMode) {
  const feeds = await serve();
  const feed: FeedSource = {
    name: 'Health Desk',
    url: feeds.url('/feed.xml'),
    tags: [],
    ...(feedFullText ? { fullText: feedFullText } : {}),
  };
  const result = await pollOnce({ feeds: [feed], vendors: WATCHLIST, fullText });
  try {
    return { alerts: alerts(result.store), outcomes: outcomes(result.store), pages: result.report.pages, requested: pageRequests(feeds) };
  } finally {
    result.close();
  }
}

describe('a teaser whose vendor is named only on the article page', () => {
  it('alerts that vendor after the page is read, and why says the page was read', async () => {
    const result = await poll('auto');
    expect(result.alerts.map((alert) => [alert.vendor, alert.alertMessages])).toEqual([['Meridian Billing Partners', 1]]);
    const billing = result.outcomes.get('billing')!;
    expect(billing.vendors).toEqual([{ name: 'Meridian Billing Partners', role: 'primary', matched: 'Meridian Billing Partners' }]);
    expect(billing.why[0]).toMatch(/^article page read \(\d+ characters\): the feed gave a \d+-character teaser with a signal \(/);
    expect(result.requested).toEqual(['/news/billing-vendor-breach']);
    expect(result.pages).toMatchObject({ fetched: 1, cacheHits: 0, refused: 0, walls: 0, failed: 0, overBudget: 0 });
  });

  it('does not request the page of a teaser with no signal at all', async () => {
    const result = await poll('auto');
    expect(result.requested).not.toContain('/news/bicycle-lanes');
    expect(result.outcomes.get('quiet')!.why.some((line) => line.startsWith('article page'))).toBe(false);
    expect(result.outcomes.get('quiet')!.vendors).toEqual([]);
  });

  it('with VENDORWATCH_FULL_TEXT=off requests no page and judges the teaser alone: no alert', async () => {
    const result = await poll('off');
    expect(result.requested).toEqual([]);
    expect(result.alerts).toEqual([]);
    expect(result.outcomes.get('billing')!.vendors).toEqual([]);
  });

  it("lets a feed's own fullText win over VENDORWATCH_FULL_TEXT, either way", async () => {
    const feedOff = await poll('auto', 'off');
    expect(feedOff.requested).toEqual([]);
    expect(feedOff.alerts).toEqual([]);
    await server?.close();
    const feedOn = await poll('off', 'auto');
    expect(feedOn.requested).toEqual(['/news/billing-vendor-breach']);
    expect(feedOn.alerts.map((alert) => alert.vendor)).toEqual(['Meridian Billing Partners']);
  });

  it('with always, reads the page of every item with a link, signal or not', async () => {
    const result = await poll('always');
    expect(result.requested.sort()).toEqual(['/news/bicycle-lanes', '/news/billing-vendor-breach']);
    expect(result.outcomes.get('quiet')!.why[0]).toMatch(/^article page read/);
  });
});
