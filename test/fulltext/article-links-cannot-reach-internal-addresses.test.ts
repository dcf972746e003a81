// Article links come from feed content, which third parties write. A link to a loopback, private or metadata address
// is never fetched unless its host is the host of a feed the operator configured, or VENDORWATCH_FEED_ALLOW_HOSTS
// names it. The operator's feed is at 127.0.0.1; a server at 127.0.0.2 (another loopback address) or a link to
// `localhost` stands for an internal address on a host the operator did not choose.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { FeedSource } from '../../src/core/types.js';
import { createArticleAddressPolicy } from '../../src/fulltext/article-address-policy.js';
import { type FeedServer, startFeedServer } from '../support/feed-server.js';
import { articlePage } from './support/article-page.js';
import { alerts, outcomes, pollOnce, rssFeed } from './support/pipeline.js';
import { BILLING_STORY, BILLING_TEASER, BILLING_TITLE, PUBLISHED, WATCHLIST } from './support/stories.js';

const servers: FeedServer[] = [];
const closers: (() => Promise<void>)[] = [];

afterEach(async () => {
  await Promise.all([...servers.splice(0).map((server) => server.close()), ...closers.splice(0).map((close) => close())]);
});

async function start(): Promise<FeedServer> {
  const server = await startFeedServer({});
  servers.push(server);
  return server;
}

const storyPage = () => ({
  kind: 'feed' as const,
  contentType: 'text/html; charset=utf-8',
  body: articlePage({ title: BILLING_TITLE, text: BILLING_STORY, outlet: 'Health Desk', published: PUBLISHED }),
});

/** The operator's feed on 127.0.0.1 whose one teaser links to `link`. */
async function feedLinkingTo(link: (feeds: FeedServer) => string): Promise<{ feeds: FeedServer; feed: FeedSource }> {
  const feeds = await start();
  feeds.route('/feed.xml', {
    kind: 'feed',
    contentType: 'application/rss+xml',
    body: rssFeed('Health Desk', [
      { guid: 'billing', title: BILLING_TITLE, link: link(feeds), description: BILLING_TEASER, published: PUBLISHED },
    ]),
  });
  return { feeds, feed: { name: 'Health Desk', url: feeds.url('/feed.xml'), tags: [] } };
}

const onLocalhost = (server: FeedServer, path: string) => server.url(path).replace('://127.0.0.1:', '://localhost:');

/** A server on 127.0.0.2: another loopback address, so another host than the operator's feed at 127.0.0.1. */
async function internalServer(): Promise<{ url: (path: string) => string; requests: string[]; close: () => Promise<void> }> {
  const requests: string[] = [];
  const body = storyPage().body;
  const server = createServer((req, res) => {
    requests.push(req.url ?? '/');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
  const { port } = server.address() as AddressInfo;
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  closers.push(close);
  return { url: (path) => `http://127.0.0.2:${port}${path}`, requests, close };
}

describe('article links to internal addresses', () => {
  it('does not fetch a link to a loopback address on a host that is not a configured feed host: that server sees no request', async () => {
    const internal = await internalServer();
    const { feed } = await feedLinkingTo(() => internal.url('/admin/story'));
    const result = await pollOnce({ feeds: [feed], vendors: WATCHLIST, fullText: 'auto' });
    try {
      expect(internal.requests).toEqual([]);
      expect(result.report.pages).toMatchObject({ fetched: 0, refused: 1 });
      const why = outcomes(result.store).get('billing')!.why[0];
      expect(why).toMatch(
        /^article page not read, judged on the feed's text: the address policy refused it: .*loopback address.*VENDORWATCH_FEED_ALLOW_HOSTS/,
      );
      // The teaser stands: it names no vendor.
      expect(alerts(result.store)).toEqual([]);
    } finally {
      result.close();
    }
  });

  it('refuses a link to a name that is never a public site (localhost, .internal, .test) before asking DNS', async () => {
    const internal = await start();
    internal.route('/admin/story', storyPage());
    const { feed } = await feedLinkingTo(() => onLocalhost(internal, '/admin/story'));
    const result = await pollOnce({ feeds: [feed], vendors: WATCHLIST, fullText: 'auto' });
    try {
      expect(internal.requests).toEqual([]);
      expect(outcomes(result.store).get('billing')!.why[0]).toMatch(
        /the address policy refused it: localhost is a name under \.localhost, never a public site/,
      );
    } finally {
      result.close();
    }
    const policy = createArticleAddressPolicy({ mode: 'allow-private', allow: ['wiki.corp'] }, ['http://news.intranet/feed.xml']);
    for (const name of ['metadata.google.internal', 'printer.local', 'story.example', 'news.test', 'router.home.arpa', 'intranet'])
      expect({ name, allowed: policy.checkName(name).allowed }).toEqual({ name, allowed: false });
    for (const name of ['news.intranet', 'wiki.corp', 'www.bleepingcomputer.com', '127.0.0.1', '::1'])
      expect({ name, allowed: policy.checkName(name).allowed }).toEqual({ name, allowed: true });
  });

  it("refuses a redirect from the feed's own host to a loopback address on another host, which sees no request", async () => {
    const internal = await start();
    internal.route('/admin/story', storyPage());
    const { feeds, feed } = await feedLinkingTo((server) => server.url('/news/moved'));
    feeds.route('/news/moved', { kind: 'redirect', location: onLocalhost(internal, '/admin/story') });
    const result = await pollOnce({ feeds: [feed], vendors: WATCHLIST, fullText: 'auto' });
    try {
      expect(feeds.requests.map((request) => request.path)).toContain('/news/moved');
      expect(internal.requests).toEqual([]);
      expect(result.report.pages).toMatchObject({ fetched: 0, refused: 1 });
      expect(outcomes(result.store).get('billing')!.why[0]).toMatch(
        /refused the redirect from http:\/\/127\.0\.0\.1:\d+\/news\/moved to http:\/\/localhost:\d+\/admin\/story/,
      );
    } finally {
      result.close();
    }
  });

  it('reads links at the host of a feed the operator configured, and at a host VENDORWATCH_FEED_ALLOW_HOSTS names', async () => {
    const { feeds, feed } = await feedLinkingTo((server) => server.url('/news/story'));
    feeds.route('/news/story', storyPage());
    const ownHost = await pollOnce({ feeds: [feed], vendors: WATCHLIST, fullText: 'auto' });
    try {
      expect(ownHost.report.pages).toMatchObject({ fetched: 1, refused: 0 });
      expect(alerts(ownHost.store).map((alert) => alert.vendor)).toEqual(['Meridian Billing Partners']);
    } finally {
      ownHost.close();
    }

    const internal = await start();
    internal.route('/admin/story', storyPage());
    const linked = await feedLinkingTo(() => onLocalhost(internal, '/admin/story'));
    const allowed = await pollOnce({ feeds: [linked.feed], vendors: WATCHLIST, fullText: 'auto', allowHosts: ['localhost'] });
    try {
      expect(internal.requests.map((request) => request.path)).toEqual(['/admin/story']);
      expect(alerts(allowed.store).map((alert) => alert.vendor)).toEqual(['Meridian Billing Partners']);
    } finally {
      allowed.close();
    }
  });

  it('gives no exception to the host of a feed the operator did not choose (the catalogue, an OPML file)', () => {
    const policy = createArticleAddressPolicy({ mode: 'allow-private', allow: [] }, ['http://intranet.example/feed.xml']);
    expect(policy.check('10.1.2.3', 'intranet.example')).toMatchObject({ allowed: true });
    // The same address at any other host, e.g. one whose feed came from an OPML file and so is not in the list.
    expect(policy.check('10.1.2.3', 'news.opml-feed.example')).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/^private network address/),
    });
    expect(policy.check('127.0.0.1', 'localhost').allowed).toBe(false);
    expect(policy.check('93.184.215.14', 'news.example').allowed).toBe(true);
  });

  it('never lets an article link reach a cloud metadata address, whatever its host, unless the allow-list names that exact address', () => {
    const metadata = [
      '169.254.169.254',
      '169.254.170.2',
      '168.63.129.16',
      '100.100.100.200',
      'fd00:ec2::254',
      '::ffff:169.254.169.254',
      '64:ff9b::a9fe:a9fe',
    ];
    const policy = createArticleAddressPolicy({ mode: 'public-only', allow: ['*.intranet.example', '169.254.0.0/16', '100.64.0.0/10'] }, [
      'https://feeds.example.org/rss',
    ]);
    for (const address of metadata) {
      for (const host of [address, 'metadata.google.internal', 'evil.example', 'news.intranet.example']) {
        expect({ address, host, allowed: policy.allowAddress(address, host) }).toEqual({ address, host, allowed: false });
      }
    }
    expect(policy.explainRefusal('168.63.129.16', 'evil.example')).toMatch(
      /metadata.*add exactly 168\.63\.129\.16 to VENDORWATCH_FEED_ALLOW_HOSTS/,
    );
    const exact = createArticleAddressPolicy({ mode: 'public-only', allow: ['169.254.169.254'] }, []);
    expect(exact.allowAddress('169.254.169.254', '169.254.169.254')).toBe(true);
    expect(exact.allowAddress('168.63.129.16', '168.63.129.16')).toBe(false);
  });
});
