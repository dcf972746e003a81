import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { FeedSource } from '../../src/core/types.js';
import {
  BACKOFF_MAX_MS,
  type FeedFetchResult,
  type FeedFetchState,
  fetchFeeds,
  initialFeedFetchState,
  nextAttemptAfterFailure,
} from '../../src/feeds/poll-feeds.js';
import { type FeedServer, startFeedServer } from '../support/feed-server.js';

const rss = (title: string) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title>` +
  `<item><title>${title} story</title><link>/stories/1?utm_source=rss</link><guid>${title}-1</guid>` +
  `<pubDate>Mon, 02 Mar 2026 09:00:00 GMT</pubDate><description>Body of ${title}.</description></item></channel></rss>`;

const NOW = new Date('2026-03-04T12:00:00Z');
const now = () => NOW;
const feed = (server: FeedServer, path: string): FeedSource => ({ name: path, url: server.url(path), tags: [] });

const servers: FeedServer[] = [];
async function serve(...args: Parameters<typeof startFeedServer>): Promise<FeedServer> {
  const server = await startFeedServer(...args);
  servers.push(server);
  return server;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe('nextAttemptAfterFailure', () => {
  it('waits one minute after the first failure and doubles up to six hours', () => {
    const delays = [1, 2, 3, 4, 9, 10, 50].map((failures) => nextAttemptAfterFailure(failures, null, NOW).getTime() - NOW.getTime());
    expect(delays).toEqual([60_000, 120_000, 240_000, 480_000, 256 * 60_000, BACKOFF_MAX_MS, BACKOFF_MAX_MS]);
  });

  it('never retries sooner than Retry-After asks', () => {
    expect(nextAttemptAfterFailure(1, 30 * 60_000, NOW).getTime() - NOW.getTime()).toBe(30 * 60_000);
    // A short Retry-After does not shorten the backoff.
    expect(nextAttemptAfterFailure(5, 1_000, NOW).getTime() - NOW.getTime()).toBe(16 * 60_000);
  });

  it('caps a hostile Retry-After at a day', () => {
    expect(nextAttemptAfterFailure(1, 365 * 86_400_000, NOW).getTime() - NOW.getTime()).toBe(86_400_000);
  });
});

describe('fetchFeeds', () => {
  it('marks only the malformed feed errored while the others succeed', async () => {
    const server = await serve({
      '/a': { kind: 'feed', body: rss('Alpha') },
      '/broken': { kind: 'feed', body: '<?xml version="1.0"?><rss version="2.0"><channel><title>cut' },
      '/html': { kind: 'feed', body: '<!DOCTYPE html><html><body>Not a feed</body></html>', contentType: 'text/html' },
      '/b': { kind: 'feed', body: rss('Beta') },
    });
    const feeds = ['/a', '/broken', '/html', '/b'].map((path) => feed(server, path));
    const results = await fetchFeeds(feeds, new Map(), { now });

    expect(results.map((result) => [result.feed.name, result.outcome, result.error?.code ?? null])).toEqual([
      ['/a', 'ok', null],
      ['/broken', 'error', 'parse_error'],
      ['/html', 'error', 'parse_error'],
      ['/b', 'ok', null],
    ]);
    expect(results[2]?.error?.message).toMatch(/HTML page/);
    expect(results[1]?.nextState).toMatchObject({ consecutiveFailures: 1, nextAttemptAt: new Date(NOW.getTime() + 60_000) });

    const alpha = results[0]?.items[0];
    expect(alpha).toMatchObject({ feedUrl: server.url('/a'), guid: 'Alpha-1', title: 'Alpha story', text: 'Body of Alpha.' });
    // The relative link resolves against the feed's own URL, tracking parameter gone.
    expect(alpha?.canonicalUrl).toBe(server.url('/stories/1'));
  });

  it('stores validators on success and reports 304 next time without items', async () => {
    const server = await serve({ '/a': { kind: 'feed', body: rss('Alpha'), etag: '"a1"' } });
    const states = new Map<string, FeedFetchState>();
    const [first] = await fetchFeeds([feed(server, '/a')], states, { now });
    expect(first?.nextState).toMatchObject({ etag: '"a1"', consecutiveFailures: 0, nextAttemptAt: null });

    states.set(server.url('/a'), first!.nextState);
    const [second] = await fetchFeeds([feed(server, '/a')], states, { now });
    expect(second).toMatchObject({ outcome: 'not_modified', status: 304, items: [] });
    expect(second?.nextState.etag).toBe('"a1"');
  });

  it('keeps the old validators when a fetch fails, so a repaired feed is read again', async () => {
    const server = await serve({ '/a': { kind: 'status', status: 500 } });
    const states = new Map([[server.url('/a'), { ...initialFeedFetchState(), etag: '"old"', consecutiveFailures: 2 }]]);
    const [result] = await fetchFeeds([feed(server, '/a')], states, { now });
    expect(result?.nextState).toEqual({
      etag: '"old"',
      lastModified: null,
      consecutiveFailures: 3,
      nextAttemptAt: new Date(NOW.getTime() + 240_000),
    });
  });

  it('backs off a rate-limited feed for as long as its Retry-After says', async () => {
    const server = await serve({ '/busy': { kind: 'status', status: 429, headers: { 'retry-after': '900' } } });
    const [result] = await fetchFeeds([feed(server, '/busy')], new Map(), { now });
    expect(result).toMatchObject({ outcome: 'error', status: 429, error: { code: 'http_status' } });
    expect(result?.nextState.nextAttemptAt).toEqual(new Date(NOW.getTime() + 900_000));
  });

  it('skips a feed in backoff without requesting it, and tries it once the time has come', async () => {
    const server = await serve({ '/a': { kind: 'feed', body: rss('Alpha') } });
    const waiting = { ...initialFeedFetchState(), consecutiveFailures: 3, nextAttemptAt: new Date(NOW.getTime() + 60_000) };
    const states = new Map([[server.url('/a'), waiting]]);

    const [skipped] = await fetchFeeds([feed(server, '/a')], states, { now });
    expect(skipped).toMatchObject({ outcome: 'skipped', error: { code: 'backoff' }, nextState: waiting });
    expect(server.requests).toHaveLength(0);

    const later = () => new Date(NOW.getTime() + 61_000);
    const [retried] = await fetchFeeds([feed(server, '/a')], states, { now: later });
    expect(retried).toMatchObject({ outcome: 'ok', nextState: { consecutiveFailures: 0, nextAttemptAt: null } });
  });

  it('never has more than the per-host limit of requests open on one host', async () => {
    const routes = Object.fromEntries(
      Array.from({ length: 6 }, (_, i) => [`/f${i}`, { kind: 'feed' as const, body: rss(`F${i}`), delayMs: 80 }]),
    );
    const server = await serve(routes);
    const feeds = Object.keys(routes).map((path) => feed(server, path));
    const results = await fetchFeeds(feeds, new Map(), { now, perHostConcurrency: 2, concurrency: 16 });
    expect(results.map((result) => result.outcome)).toEqual(Array(6).fill('ok'));
    expect(server.concurrency.max).toBe(2);
  });

  it('never has more than the overall limit open across hosts', async () => {
    let open = 0;
    let maxOpen = 0;
    const slow = (res: ServerResponse) => {
      open += 1;
      maxOpen = Math.max(maxOpen, open);
      setTimeout(() => {
        open -= 1;
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Slow'));
      }, 80);
    };
    const paths = ['/a', '/b', '/c', '/d'];
    const make = () =>
      Object.fromEntries(
        paths.map((path) => [path, { kind: 'handler' as const, handle: (_req: unknown, res: ServerResponse) => slow(res) }]),
      );
    const one = await serve(make());
    const two = await serve(make());
    const three = await serve(make());
    const feeds = [one, two, three].flatMap((server) => paths.map((path) => feed(server, path)));
    const results = await fetchFeeds(feeds, new Map(), { now, concurrency: 3, perHostConcurrency: 4 });
    expect(results.map((result) => result.outcome)).toEqual(new Array(12).fill('ok'));
    expect(maxOpen).toBe(3);
  });

  it('lets a feed on another host go ahead of feeds waiting for a busy host', async () => {
    const busy = await serve({
      '/a1': { kind: 'feed', body: rss('A1'), delayMs: 120 },
      '/a2': { kind: 'feed', body: rss('A2'), delayMs: 120 },
      '/a3': { kind: 'feed', body: rss('A3'), delayMs: 120 },
    });
    const other = await serve({ '/b1': { kind: 'feed', body: rss('B1') } });
    const done: string[] = [];
    const feeds = [feed(busy, '/a1'), feed(busy, '/a2'), feed(busy, '/a3'), feed(other, '/b1')];
    await fetchFeeds(feeds, new Map(), { now, concurrency: 2, perHostConcurrency: 1, onFeedDone: (result) => done.push(result.feed.name) });
    expect(done).toEqual(['/b1', '/a1', '/a2', '/a3']);
  });

  it('reports each feed once to onFeedDone and returns results in input order', async () => {
    const server = await serve({
      '/slow': { kind: 'feed', body: rss('Slow'), delayMs: 100 },
      '/fast': { kind: 'feed', body: rss('Fast') },
    });
    const done: string[] = [];
    const results = await fetchFeeds([feed(server, '/slow'), feed(server, '/fast')], new Map(), {
      now,
      onFeedDone: (result: FeedFetchResult) => done.push(result.feed.name),
    });
    expect(done).toEqual(['/fast', '/slow']);
    expect(results.map((result) => result.feed.name)).toEqual(['/slow', '/fast']);
  });

  it('stops early on abort: feeds in flight and not started are skipped, their state untouched', async () => {
    const server = await serve({ '/stall': { kind: 'stall-after-headers' }, '/a': { kind: 'feed', body: rss('Alpha') } });
    const controller = new AbortController();
    const pending = fetchFeeds([feed(server, '/stall'), feed(server, '/a')], new Map(), {
      now,
      concurrency: 1,
      signal: controller.signal,
      fetch: { timeoutMs: 10_000 },
    });
    setTimeout(() => controller.abort(), 100);
    const results = await pending;
    expect(results.map((result) => [result.outcome, result.error?.code])).toEqual([
      ['skipped', 'aborted'],
      ['skipped', 'aborted'],
    ]);
    expect(results.every((result) => result.nextState.consecutiveFailures === 0)).toBe(true);
  });

  it('reports an unreachable feed as an error with backoff, not a throw', async () => {
    const results = await fetchFeeds([{ name: 'bad', url: 'ftp://example.org/feed', tags: [] }], new Map(), { now });
    expect(results[0]).toMatchObject({ outcome: 'error', error: { code: 'bad_url' }, nextState: { consecutiveFailures: 1 } });
  });
});
