import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Store } from '../../src/store/store.js';
import { type FeedServer, startFeedServer } from '../support/feed-server.js';
import { FIXTURE_FEEDS, runCli, tempDbPath } from './run-cli.js';

let server: FeedServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const feedErrors = (db: string) => {
  const store = Store.open(db);
  const feeds = store.feeds.all();
  store.close();
  return feeds.map((feed) => ({ url: feed.url, code: feed.lastErrorCode, error: feed.lastError, ok: feed.lastSuccessAt !== null }));
};

describe('which addresses feeds may reach', () => {
  it("lets the operator's own loopback feeds through by default but never feeds from an OPML file", async () => {
    server = await startFeedServer({ '/own.xml': { kind: 'feed', file: join(FIXTURE_FEEDS, 'outlet-newswire.xml') } });
    const dir = mkdtempSync(join(tmpdir(), 'vw-opml-'));
    const opml = join(dir, 'feeds.opml');
    writeFileSync(
      opml,
      `<?xml version="1.0"?><opml version="2.0"><body><outline text="x" xmlUrl="${server.url('/own.xml')}"/></body></opml>`,
    );

    const own = tempDbPath();
    expect((await runCli(['poll', '--once'], { VENDORWATCH_DB: own, VENDORWATCH_FEEDS: server.url('/own.xml') })).code).toBe(0);
    expect(feedErrors(own)).toEqual([expect.objectContaining({ ok: true })]);

    const fromOpml = tempDbPath();
    const requestsBefore = server.requests.length;
    expect((await runCli(['poll', '--once'], { VENDORWATCH_DB: fromOpml, VENDORWATCH_FEEDS: opml })).code).toBe(0);
    const [refused] = feedErrors(fromOpml);
    expect(refused).toMatchObject({ ok: false, code: 'address_refused' });
    expect(refused?.error).toContain('127.0.0.1');
    expect(server.requests.length).toBe(requestsBefore);
  });

  it('refuses loopback for every feed under public-only unless the host is allowed', async () => {
    server = await startFeedServer({ '/own.xml': { kind: 'feed', file: join(FIXTURE_FEEDS, 'outlet-newswire.xml') } });
    const strict = tempDbPath();
    await runCli(['poll', '--once'], {
      VENDORWATCH_DB: strict,
      VENDORWATCH_FEEDS: server.url('/own.xml'),
      VENDORWATCH_FEED_ADDRESS_POLICY: 'public-only',
    });
    expect(feedErrors(strict)[0]).toMatchObject({ ok: false, code: 'address_refused' });

    const allowed = tempDbPath();
    await runCli(['poll', '--once'], {
      VENDORWATCH_DB: allowed,
      VENDORWATCH_FEEDS: server.url('/own.xml'),
      VENDORWATCH_FEED_ADDRESS_POLICY: 'public-only',
      VENDORWATCH_FEED_ALLOW_HOSTS: '127.0.0.1',
    });
    expect(feedErrors(allowed)[0]).toMatchObject({ ok: true });
  });

  it("refuses a redirect of the operator's loopback feed to another host, and polls the other feeds of the cycle", async () => {
    const elsewhere = await startFeedServer({ '/feed.xml': { kind: 'feed', file: join(FIXTURE_FEEDS, 'outlet-blog.rdf') } });
    try {
      const elsewherePort = new URL(elsewhere.url('/')).port;
      server = await startFeedServer({
        '/own.xml': { kind: 'feed', file: join(FIXTURE_FEEDS, 'outlet-newswire.xml') },
        '/moved.xml': { kind: 'redirect', location: `http://localhost:${elsewherePort}/feed.xml` },
      });
      const db = tempDbPath();
      const run = await runCli(['poll', '--once'], {
        VENDORWATCH_DB: db,
        VENDORWATCH_FEEDS: [server.url('/own.xml'), server.url('/moved.xml')].join(','),
      });
      expect(run.code).toBe(0);
      const [own, moved] = [server.url('/own.xml'), server.url('/moved.xml')].map((url) => feedErrors(db).find((feed) => feed.url === url));
      expect(own).toMatchObject({ ok: true, code: null });
      expect(moved).toMatchObject({ ok: false, code: 'address_refused' });
      expect(moved?.error).toContain(`refused the redirect from ${server.url('/moved.xml')} to http://localhost:${elsewherePort}/feed.xml`);
      expect(moved?.error).toContain('add localhost to VENDORWATCH_FEED_ALLOW_HOSTS');
      expect(run.stderr).toContain('add localhost to VENDORWATCH_FEED_ALLOW_HOSTS');
      expect(elsewhere.requests).toEqual([]);
    } finally {
      await elsewhere.close();
    }
  });

  it('names the setting when the policy or the allow-list is wrong', async () => {
    const badMode = await runCli(['poll', '--once'], { VENDORWATCH_DB: tempDbPath(), VENDORWATCH_FEED_ADDRESS_POLICY: 'open' });
    expect(badMode.code).toBe(1);
    expect(badMode.stderr).toContain('VENDORWATCH_FEED_ADDRESS_POLICY');
    const badList = await runCli(['poll', '--once'], {
      VENDORWATCH_DB: tempDbPath(),
      VENDORWATCH_FEED_ALLOW_HOSTS: 'not a host!,10.0.0.0/99',
    });
    expect(badList.code).toBe(1);
    expect(badList.stderr).toContain('VENDORWATCH_FEED_ALLOW_HOSTS');
  });
});
