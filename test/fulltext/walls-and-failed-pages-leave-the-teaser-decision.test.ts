// A page that is a consent or subscription wall, that gives less than the feed (a paywall), that is not the story
// (a redirect to the home page), or that cannot be fetched (404, a timeout) is ignored: the item is judged on its
// teaser exactly as with full text off, and `why` says what happened to the page.

import { afterEach, describe, expect, it } from 'vitest';
import type { FeedRoute } from '../support/feed-server.js';
import { type FeedServer, startFeedServer } from '../support/feed-server.js';
import { articlePage, consentWallPage, paywallPage } from './support/article-page.js';
import { alerts, type ItemOutcome, outcomes, pollOnce, rssFeed } from './support/pipeline.js';
import { PUBLISHED, QUILLON_TEASER, QUILLON_TITLE, WATCHLIST } from './support/stories.js';

let server: FeedServer | null = null;

afterEach(async () => {
  await server?.close();
  server = null;
});

/** One feed whose teaser alerts Quillon Health Systems on its own, its link answered by `page`. */
async function pollWithPage(page: FeedRoute, fullText: 'auto' | 'off', timeoutMs?: number) {
  server = await startFeedServer({});
  server.route('/feed.xml', {
    kind: 'feed',
    contentType: 'application/rss+xml',
    body: rssFeed('Clinic IT News', [
      {
        guid: 'quillon',
        title: QUILLON_TITLE,
        link: server.url('/news/quillon-ransomware'),
        description: QUILLON_TEASER,
        published: PUBLISHED,
      },
    ]),
  });
  server.route('/news/quillon-ransomware', page);
  const result = await pollOnce({
    feeds: [{ name: 'Clinic IT News', url: server.url('/feed.xml'), tags: [] }],
    vendors: WATCHLIST,
    fullText,
    ...(timeoutMs ? { timeoutMs } : {}),
  });
  try {
    return { outcome: outcomes(result.store).get('quillon')!, alerts: alerts(result.store), pages: result.report.pages };
  } finally {
    result.close();
  }
}

const decision = (outcome: ItemOutcome) => ({
  breach: outcome.breach,
  alert: outcome.alert,
  vendors: outcome.vendors,
  incident: outcome.incidentKey,
});
const html = (body: string): FeedRoute => ({ kind: 'feed', contentType: 'text/html; charset=utf-8', body });

async function teaserAlone() {
  const off = await pollWithPage(html('<p>never read</p>'), 'off');
  await server?.close();
  expect(off.alerts.map((alert) => alert.vendor)).toEqual(['Quillon Health Systems']);
  return off;
}

describe('pages that cannot stand in for the teaser', () => {
  it('leaves the decision of a teaser behind a consent wall unchanged, and says it was a wall', async () => {
    const off = await teaserAlone();
    const walled = await pollWithPage(html(consentWallPage(QUILLON_TITLE, 'Clinic IT News')), 'auto');
    expect(decision(walled.outcome)).toEqual(decision(off.outcome));
    expect(walled.alerts).toEqual(off.alerts);
    expect(walled.outcome.why[0]).toBe("article page ignored, judged on the feed's text: a cookie or consent wall");
    expect(walled.pages).toMatchObject({ fetched: 1, walls: 1 });
  });

  it('ignores a paywalled page that gives less than the feed', async () => {
    const off = await teaserAlone();
    const paywalled = await pollWithPage(
      html(paywallPage(QUILLON_TITLE, 'Clinic IT News', 'Quillon Health Systems, which hosts electronic health records')),
      'auto',
    );
    expect(decision(paywalled.outcome)).toEqual(decision(off.outcome));
    expect(paywalled.outcome.why[0]).toBe("article page ignored, judged on the feed's text: a subscription or login wall");
    expect(paywalled.pages).toMatchObject({ walls: 1 });
  });

  it('ignores a page that is not this story (a home page answered 200)', async () => {
    const off = await teaserAlone();
    const home = articlePage({
      title: 'Clinic IT News: the latest on hospital technology',
      text: 'Welcome to Clinic IT News. Browse our latest coverage of hospital software, telehealth and imaging.\nOur newsletter brings the week in clinic technology to 40,000 readers.',
      outlet: 'Clinic IT News',
    });
    const elsewhere = await pollWithPage(html(home), 'auto');
    expect(decision(elsewhere.outcome)).toEqual(decision(off.outcome));
    expect(elsewhere.outcome.why[0]).toMatch(/^article page ignored, judged on the feed's text: it does not carry this story/);
    expect(elsewhere.pages).toMatchObject({ ignored: 1, walls: 0 });
  });

  it('judges the teaser when the page answers 404, and says so', async () => {
    const off = await teaserAlone();
    const missing = await pollWithPage({ kind: 'status', status: 404, body: 'not found' }, 'auto');
    expect(decision(missing.outcome)).toEqual(decision(off.outcome));
    expect(missing.outcome.why[0]).toBe("article page not read, judged on the feed's text: http_status: the server answered HTTP 404");
    expect(missing.pages).toMatchObject({ fetched: 0, failed: 1 });
  });

  it('stops inflating a page that is a decompression bomb at the page cap (2 MB), and judges the teaser', async () => {
    const off = await teaserAlone();
    const bomb = await pollWithPage({ kind: 'gzip-bomb', decompressedBytes: 1024 * 1024 * 1024 }, 'auto');
    expect(decision(bomb.outcome)).toEqual(decision(off.outcome));
    expect(bomb.outcome.why[0]).toBe(
      "article page not read, judged on the feed's text: too_large: the body is more than the 2097152 bytes allowed (after decompression)",
    );
    expect(bomb.pages).toMatchObject({ fetched: 0, failed: 1 });
  });

  it('judges the teaser when the page never comes (a timeout), and says so', async () => {
    const off = await teaserAlone();
    const started = Date.now();
    const hung = await pollWithPage({ kind: 'stall-after-headers', contentType: 'text/html' }, 'auto', 800);
    // The fetch's own deadline, undici's body timeout and the cycle's page time are all 800 ms: any may fire first.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(decision(hung.outcome)).toEqual(decision(off.outcome));
    expect(hung.outcome.why[0]).toMatch(
      /^article page not read, judged on the feed's text: (timeout: .+|this cycle's time for article pages \(0\.8 s\) ran out)$/,
    );
    expect(hung.pages.failed + hung.pages.overBudget).toBe(1);
  });
});
