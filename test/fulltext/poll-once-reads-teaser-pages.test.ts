// The bot as it runs: `vendorwatch poll --once --backfill` reads the article page of a teaser from the operator's own
// loopback feed (VENDORWATCH_FULL_TEXT defaults to auto), alerts the vendor the page names, and `vendorwatch status`
// shows the pages of that cycle. With VENDORWATCH_FULL_TEXT=off nothing is read.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, tempDbPath } from '../cli/run-cli.js';
import { type FeedServer, startFeedServer } from '../support/feed-server.js';
import { articlePage } from './support/article-page.js';
import { rssFeed } from './support/pipeline.js';
import { BILLING_STORY, BILLING_TEASER, BILLING_TITLE, PUBLISHED, WATCHLIST } from './support/stories.js';

let server: FeedServer | null = null;

afterEach(async () => {
  await server?.close();
  server = null;
});

async function setUp(env: NodeJS.ProcessEnv = {}) {
  server = await startFeedServer({});
  server.route('/feed.xml', {
    kind: 'feed',
    contentType: 'application/rss+xml',
    body: rssFeed('Health Desk', [
      { guid: 'billing', title: BILLING_TITLE, link: server.url('/news/billing'), description: BILLING_TEASER, published: PUBLISHED },
    ]),
  });
  server.route('/news/billing', {
    kind: 'feed',
    contentType: 'text/html; charset=utf-8',
    body: articlePage({ title: BILLING_TITLE, text: BILLING_STORY, outlet: 'Health Desk', published: PUBLISHED }),
  });
  const dir = mkdtempSync(join(tmpdir(), 'vw-poll-fulltext-'));
  writeFileSync(join(dir, 'watchlist.json'), JSON.stringify(WATCHLIST));
  return {
    dir,
    env: {
      VENDORWATCH_FEEDS: server.url('/feed.xml'),
      VENDORWATCH_WATCHLIST: join(dir, 'watchlist.json'),
      VENDORWATCH_DB: tempDbPath(),
      VENDORWATCH_MAX_ITEM_AGE_DAYS: '3650',
      ...env,
    },
  };
}

describe('poll --once with teaser feeds', () => {
  it('reads the page by default, alerts the vendor it names, and status shows the pages', async () => {
    const { dir, env } = await setUp();
    const polled = await runCli(['poll', '--once', '--backfill'], env, dir);
    expect(polled.code).toBe(0);
    expect(polled.stdout).toContain('=== ALERT Meridian Billing Partners [high] billing ===');
    expect(server!.requests.map((request) => request.path)).toContain('/news/billing');
    const status = await runCli(['status'], env, dir);
    expect(status.stdout).toContain('  article pages: 1 fetched, 0 cache hits, 0 refused by the address policy, 0 ignored as walls;');
  });

  it('reads nothing with VENDORWATCH_FULL_TEXT=off', async () => {
    const { dir, env } = await setUp({ VENDORWATCH_FULL_TEXT: 'off' });
    const polled = await runCli(['poll', '--once', '--backfill'], env, dir);
    expect(polled.code).toBe(0);
    expect(polled.stdout).not.toContain('ALERT');
    expect(server!.requests.map((request) => request.path)).toEqual(['/feed.xml']);
  });
});
