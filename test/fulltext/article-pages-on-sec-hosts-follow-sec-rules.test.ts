// A news item whose link points at sec.gov (a story linking the filing) is read under SEC's fair-access rules, as the
// feeds are: the page request carries `Vendorwatch <VENDORWATCH_CONTACT>`, redirect hops to sec.gov included, and
// without a contact no request reaches SEC at all. Nothing leaves loopback: `www.sec.gov` resolves to 127.0.0.1 for
// this file alone (the way an /etc/hosts line would), and VENDORWATCH_FEED_ALLOW_HOSTS names it, so the article
// address policy lets that loopback host be read. The feed itself is at 127.0.0.1, which is no SEC host.

import dns, { type LookupAddress } from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FeedSource } from '../../src/core/types.js';
import { type FeedServer, startFeedServer } from '../support/feed-server.js';
import { articlePage } from './support/article-page.js';
import { outcomes, pollOnce, rssFeed } from './support/pipeline.js';
import { BILLING_STORY, BILLING_TEASER, BILLING_TITLE, PUBLISHED, WATCHLIST } from './support/stories.js';

const SEC_HOST = 'www.sec.gov';
const CONTACT = 'fulltext-tests@example.org';

const realLookup = dns.lookup;

/** Resolves `www.sec.gov` to loopback and every other name as before; what fetchFeed's guarded lookup asks. */
function sendSecToLoopback(): void {
  const lookup = (hostname: string, options: unknown, callback: unknown): void => {
    if (hostname.toLowerCase() !== SEC_HOST) {
      (realLookup as (...args: unknown[]) => void)(hostname, options, callback);
      return;
    }
    const all = typeof options === 'object' && options !== null && (options as { all?: boolean }).all === true;
    const done = (typeof options === 'function' ? options : callback) as (...args: unknown[]) => void;
    const address: LookupAddress = { address: '127.0.0.1', family: 4 };
    process.nextTick(() => (all ? done(null, [address]) : done(null, address.address, address.family)));
  };
  dns.lookup = lookup as typeof dns.lookup;
  syncBuiltinESMExports();
}

beforeAll(sendSecToLoopback);
afterAll(() => {
  dns.lookup = realLookup;
  syncBuiltinESMExports();
});

const servers: FeedServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const story = () => ({
  kind: 'feed' as const,
  contentType: 'text/html; charset=utf-8',
  validators: 'none' as const,
  body: articlePage({ title: BILLING_TITLE, text: BILLING_STORY, outlet: 'Health Desk', published: PUBLISHED }),
});

/** One server: the operator's feed (at 127.0.0.1) and the pages its items link to (reached as www.sec.gov). */
async function newsLinkingToSec(links: (sec: (path: string) => string, local: (path: string) => string) => string[]) {
  const server = await startFeedServer({});
  servers.push(server);
  const sec = (path: string) => server.url(path).replace('://127.0.0.1:', `://${SEC_HOST}:`);
  const local = (path: string) => server.url(path);
  const items = links(sec, local).map((link, index) => ({
    guid: `story-${index}`,
    title: `${BILLING_TITLE} (${index})`,
    link,
    description: BILLING_TEASER,
    published: PUBLISHED,
  }));
  server.route('/feed.xml', { kind: 'feed', contentType: 'application/rss+xml', body: rssFeed('Health Desk', items) });
  const feed: FeedSource = { name: 'Health Desk', url: server.url('/feed.xml'), tags: [] };
  return { server, feed, sec };
}

const userAgentsAt = (server: FeedServer, path: string) =>
  server.requests.filter((request) => request.path === path).map((request) => request.headers['user-agent']);

describe('article pages on SEC hosts', () => {
  it('carry the contact User-Agent SEC asks for, also after a redirect to sec.gov; other pages and the feed keep the usual one', async () => {
    const { server, feed, sec } = await newsLinkingToSec((sec, local) => [
      sec('/Archives/edgar/data/1987001/story.htm'),
      local('/go/filing'),
      local('/news/story'),
    ]);
    server.route('/Archives/edgar/data/1987001/story.htm', story());
    server.route('/go/filing', { kind: 'redirect', location: sec('/Archives/edgar/data/1987001/moved.htm') });
    server.route('/Archives/edgar/data/1987001/moved.htm', story());
    server.route('/news/story', story());

    const result = await pollOnce({ feeds: [feed], vendors: WATCHLIST, fullText: 'always', allowHosts: [SEC_HOST] });
    try {
      expect(result.report.pages.fetched).toBe(3);
      expect(userAgentsAt(server, '/Archives/edgar/data/1987001/story.htm')).toEqual([`Vendorwatch ${CONTACT}`]);
      expect(userAgentsAt(server, '/Archives/edgar/data/1987001/moved.htm')).toEqual([`Vendorwatch ${CONTACT}`]);
      // The hop on the news host is no SEC request; neither is the feed or a page elsewhere.
      for (const path of ['/go/filing', '/news/story', '/feed.xml']) {
        const agents = userAgentsAt(server, path);
        expect(agents).toHaveLength(1);
        expect(agents[0]).toMatch(/^Vendorwatch\/\S+ \(\+https:\/\/github\.com\/vendorwatch\/vendorwatch; fulltext-tests@example\.org\)$/);
      }
      // The pages were read: the vendor the teaser leaves unnamed is found in them.
      expect(
        outcomes(result.store)
          .get('story-0')
          ?.vendors.map((vendor) => vendor.name),
      ).toContain('Meridian Billing Partners');
    } finally {
      result.close();
    }
  });

  it('are never requested without VENDORWATCH_CONTACT: the item is judged on its teaser and why names the setting', async () => {
    const { server, feed } = await newsLinkingToSec((sec, local) => [sec('/Archives/edgar/data/1987001/story.htm'), local('/news/story')]);
    server.route('/Archives/edgar/data/1987001/story.htm', story());
    server.route('/news/story', story());

    const result = await pollOnce({ feeds: [feed], vendors: WATCHLIST, fullText: 'always', allowHosts: [SEC_HOST], contact: null });
    try {
      expect(userAgentsAt(server, '/Archives/edgar/data/1987001/story.htm')).toEqual([]);
      expect(userAgentsAt(server, '/news/story')).toHaveLength(1);
      const why = outcomes(result.store).get('story-0')?.why[0] ?? '';
      expect(why).toMatch(/^article page not read, judged on the feed's text: refused: .*VENDORWATCH_CONTACT/);
      expect(result.report.pages.failed).toBe(1);
    } finally {
      result.close();
    }
  });
});
