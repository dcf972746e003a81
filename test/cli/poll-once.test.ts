import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Store } from '../../src/store/store.js';
import { type FeedServer, startFeedServer } from '../support/feed-server.js';
import { FIXTURE_FEEDS, runCli, tempDbPath } from './run-cli.js';

const OUTLETS = ['outlet-newswire.xml', 'outlet-newssite.atom', 'outlet-blog.rdf', 'outlet-analysis.xml'];
const fixture = (name: string) => join(FIXTURE_FEEDS, name);
const alertsIn = (stdout: string) => stdout.split('\n').filter((line) => line.startsWith('=== ALERT'));
const updatesIn = (stdout: string) => stdout.split('\n').filter((line) => line.startsWith('--- UPDATE'));

/** How many distinct items the fixture feeds carry, from the golden file written with them. */
function distinctItemsIn(files: string[]): number {
  const expected = JSON.parse(readFileSync(fixture('expected.json'), 'utf8')) as Record<
    string,
    { canonicalUrl: string | null; guid: string }[]
  >;
  const ids = new Set(files.flatMap((file) => (expected[file] ?? []).map((item) => item.canonicalUrl ?? item.guid)));
  return ids.size;
}

let server: FeedServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function serveOutlets(extra: Record<string, Parameters<typeof startFeedServer>[0][string]> = {}) {
  server = await startFeedServer({
    ...Object.fromEntries(OUTLETS.map((name) => [`/${name}`, { kind: 'feed' as const, file: fixture(name) }])),
    ...extra,
  });
  return server;
}

describe('vendorwatch poll --once', () => {
  it("turns four outlets' reports of the CareCloud incident into one alert with four sources, and a second run into nothing", async () => {
    const feeds = await serveOutlets();
    const env = { VENDORWATCH_DB: tempDbPath(), VENDORWATCH_FEEDS: OUTLETS.map((name) => feeds.url(`/${name}`)).join(',') };

    const first = await runCli(['poll', '--once', '--backfill'], env);
    expect(first.code).toBe(0);
    const alerts = alertsIn(first.stdout);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain('CareCloud');
    expect(first.stdout).toContain('Sources (4):');
    for (const host of ['example-newswire.test', 'example-dailyhealth.test', 'example-secwatch.test', 'example-gulfreview.test']) {
      expect(first.stdout).toContain(host);
    }

    const store = Store.open(env.VENDORWATCH_DB);
    const itemsAfterFirst = store.items.count();
    store.close();
    expect(itemsAfterFirst).toBe(distinctItemsIn(OUTLETS));

    feeds.requests.length = 0;
    const second = await runCli(['poll', '--once', '--backfill'], env);
    expect(second.code).toBe(0);
    expect(alertsIn(second.stdout)).toEqual([]);
    expect(updatesIn(second.stdout)).toEqual([]);
    expect(feeds.requests.map((r) => r.status)).toEqual(OUTLETS.map(() => 304));
    const reopened = Store.open(env.VENDORWATCH_DB);
    expect(reopened.items.count()).toBe(itemsAfterFirst);
    reopened.close();
  });

  it('adds a later report of a known incident to the alert thread instead of a new alert', async () => {
    const feeds = await serveOutlets();
    const env = {
      VENDORWATCH_DB: tempDbPath(),
      VENDORWATCH_FEEDS: OUTLETS.map((name) => feeds.url(`/${name}`)).join(','),
      VENDORWATCH_MAX_ITEM_AGE_DAYS: '3650',
    };
    expect(alertsIn((await runCli(['poll', '--once', '--backfill'], env)).stdout)).toHaveLength(1);

    // The analysis outlet publishes the lawsuit follow-up in its feed.
    feeds.route('/outlet-analysis.xml', { kind: 'feed', file: fixture('outlet-followup.xml'), etag: '"v2"' });
    const later = await runCli(['poll', '--once'], env);
    expect(alertsIn(later.stdout)).toEqual([]);
    expect(updatesIn(later.stdout)).toHaveLength(1);
    expect(later.stdout).toContain('now 5 sources');
    expect(later.stdout).toContain('example-courtwire.test');
  });

  it("records a new feed's first poll silently and alerts when news arrives on it later", async () => {
    const feeds = await serveOutlets();
    const env = {
      VENDORWATCH_DB: tempDbPath(),
      VENDORWATCH_FEEDS: OUTLETS.map((name) => feeds.url(`/${name}`)).join(','),
      VENDORWATCH_MAX_ITEM_AGE_DAYS: '3650',
    };

    const first = await runCli(['poll', '--once'], env);
    expect(first.code).toBe(0);
    expect(alertsIn(first.stdout)).toEqual([]);

    // A new report on a feed already polled: the incident, known but never alerted, now alerts once.
    feeds.route('/outlet-analysis.xml', { kind: 'feed', file: fixture('outlet-followup.xml'), etag: '"v2"' });
    const news = await runCli(['poll', '--once'], env);
    const alerts = alertsIn(news.stdout);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain('CareCloud');
    expect(news.stdout).toContain('Sources (5):');
  });

  it('alerts with --backfill on what a quiet first cycle recorded though the feeds answer 304, and a second backfill posts nothing', async () => {
    const feeds = await serveOutlets();
    const env = { VENDORWATCH_DB: tempDbPath(), VENDORWATCH_FEEDS: OUTLETS.map((name) => feeds.url(`/${name}`)).join(',') };

    // The first cycle of a fresh database (what `vendorwatch start` runs at once) records every item silently.
    const quiet = await runCli(['poll', '--once'], env);
    expect(quiet.code).toBe(0);
    expect(alertsIn(quiet.stdout)).toEqual([]);

    // The feeds have not changed, so a conditional GET is answered 304; backfill asks in full where items sit silent.
    feeds.requests.length = 0;
    const backfill = await runCli(['poll', '--once', '--backfill'], env);
    expect(backfill.code).toBe(0);
    const alerts = alertsIn(backfill.stdout);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain('CareCloud');
    expect(backfill.stdout).toContain('Sources (4):');
    expect(feeds.requests.map((request) => request.status)).toEqual(OUTLETS.map(() => 200));

    // Nothing is silent any more: the next backfill is conditional again (304) and alerts nothing twice.
    feeds.requests.length = 0;
    const again = await runCli(['poll', '--once', '--backfill'], env);
    expect(again.code).toBe(0);
    expect(alertsIn(again.stdout)).toEqual([]);
    expect(updatesIn(again.stdout)).toEqual([]);
    expect(feeds.requests.map((request) => request.status)).toEqual(OUTLETS.map(() => 304));
  });

  it("asks a feed in full only once when a quiet cycle's items have left it, so the next backfill is conditional again", async () => {
    const feeds = await serveOutlets();
    const env = { VENDORWATCH_DB: tempDbPath(), VENDORWATCH_FEEDS: OUTLETS.map((name) => feeds.url(`/${name}`)).join(',') };
    expect(alertsIn((await runCli(['poll', '--once'], env)).stdout)).toEqual([]);

    // The analysis outlet's items roll off its feed before anyone runs a backfill.
    const empty = '<?xml version="1.0"?><rss version="2.0"><channel><title>Analysis</title></channel></rss>';
    feeds.route('/outlet-analysis.xml', { kind: 'feed', body: empty, etag: '"v2"' });
    feeds.requests.length = 0;
    const backfill = await runCli(['poll', '--once', '--backfill'], env);
    // The incident was recorded silently with all four reports; the three outlets that still carry theirs alert it.
    expect(alertsIn(backfill.stdout)).toHaveLength(1);
    expect(feeds.requests.map((request) => request.status)).toEqual(OUTLETS.map(() => 200));

    feeds.requests.length = 0;
    const again = await runCli(['poll', '--once', '--backfill'], env);
    expect(alertsIn(again.stdout)).toEqual([]);
    expect(updatesIn(again.stdout)).toEqual([]);
    expect(feeds.requests.map((request) => request.status)).toEqual(OUTLETS.map(() => 304));
  });

  it('never alerts a new item older than the maximum age', async () => {
    const feeds = await serveOutlets();
    const env = {
      VENDORWATCH_DB: tempDbPath(),
      VENDORWATCH_FEEDS: OUTLETS.map((name) => feeds.url(`/${name}`)).join(','),
      VENDORWATCH_MAX_ITEM_AGE_DAYS: '14',
    };
    expect(alertsIn((await runCli(['poll', '--once'], env)).stdout)).toEqual([]);
    // The follow-up is dated April 2026, months before the test runs.
    feeds.route('/outlet-analysis.xml', { kind: 'feed', file: fixture('outlet-followup.xml'), etag: '"v2"' });
    const tooOld = await runCli(['poll', '--once'], env);
    expect(tooOld.code).toBe(0);
    expect(alertsIn(tooOld.stdout)).toEqual([]);
    // --backfill overrides the age limit.
    feeds.route('/outlet-analysis.xml', { kind: 'feed', file: fixture('outlet-analysis.xml'), etag: '"v3"' });
    expect(alertsIn((await runCli(['poll', '--once', '--backfill'], env)).stdout)).toHaveLength(1);
  });

  it('marks only the malformed feed unhealthy while the other feeds of the cycle succeed', async () => {
    const feeds = await serveOutlets({ '/broken.xml': { kind: 'feed', body: '<rss version="2.0"><channel><item><title>cut' } });
    const db = tempDbPath();
    const run = await runCli(['poll', '--once', '--backfill'], {
      VENDORWATCH_DB: db,
      VENDORWATCH_FEEDS: [...OUTLETS.map((name) => feeds.url(`/${name}`)), feeds.url('/broken.xml')].join(','),
    });
    expect(run.code).toBe(0);
    expect(alertsIn(run.stdout)).toHaveLength(1);
    const unreachable = run.stderr.split('\n').filter((line) => line.includes('feed unreachable'));
    expect(unreachable).toHaveLength(1);
    expect(unreachable[0]).toContain('broken.xml');
    const store = Store.open(db);
    const health = store.feeds.all();
    store.close();
    expect(health.filter((feed) => feed.consecutiveFailures > 0).map((feed) => feed.url)).toEqual([feeds.url('/broken.xml')]);
    expect(health.filter((feed) => feed.lastSuccessAt !== null)).toHaveLength(OUTLETS.length);
  });

  it('exits 1 naming the setting when the configuration is wrong', async () => {
    const cron = await runCli(['poll', '--once'], { VENDORWATCH_SCHEDULE: 'often', VENDORWATCH_DB: tempDbPath() });
    expect(cron.code).toBe(1);
    expect(cron.stderr).toContain('VENDORWATCH_SCHEDULE');
    const feedsFile = await runCli(['poll', '--once'], { VENDORWATCH_FEEDS: './nowhere/feeds.opml', VENDORWATCH_DB: tempDbPath() });
    expect(feedsFile.code).toBe(1);
    expect(feedsFile.stderr).toContain('VENDORWATCH_FEEDS');
    const usage = await runCli(['poll'], {});
    expect(usage.code).toBe(1);
    expect(usage.stderr).toContain('--once');
  });
});
