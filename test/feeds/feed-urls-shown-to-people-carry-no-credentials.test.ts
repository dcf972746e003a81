// An operator's feed URL may carry a password (`user:password@`) or a token in its query string. Vendorwatch needs
// the whole URL to fetch the feed, but what people read (chat notices, `vendorwatch status`, log lines) shows the
// URL without them: channels and pasted status output reach many more people than the operator who wrote it.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { displayFeedUrl, hideUrlSecrets } from '../../src/feeds/display-url.js';
import { Store } from '../../src/store/store.js';
import { runCli, tempDbPath } from '../cli/run-cli.js';
import { type Harness, startHarness } from '../support/app-harness.js';
import { type FeedServer, startFeedServer } from '../support/feed-server.js';
import { spawnVendorwatch } from '../support/spawn-cli.js';

const PASSWORD = 's3cret';
const TOKEN = 'abc123';
const HOUR = 3_600_000;

let server: FeedServer | null = null;
let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
  await server?.close();
  server = null;
});

/** Two failing feeds: one answers 500, one redirects for ever, each time to a URL with the token in its query. */
async function failingFeeds(): Promise<{ broken: string; looping: string; shown: string[] }> {
  server = await startFeedServer({
    '/feed.xml': { kind: 'status', status: 500 },
    '/loop.xml': {
      kind: 'handler',
      handle: (req, res) => res.writeHead(302, { location: `/loop.xml?token=${TOKEN}&n=${(req.url ?? '').length}` }).end(),
    },
  });
  const withSecrets = (path: string) => server!.url(`${path}?token=${TOKEN}#${TOKEN}`).replace('http://', `http://user:${PASSWORD}@`);
  return { broken: withSecrets('/feed.xml'), looping: withSecrets('/loop.xml'), shown: [server.url('/feed.xml'), server.url('/loop.xml')] };
}

/** The operator's config file: the only place a feed URL with a password is accepted (VENDORWATCH_FEEDS refuses one). */
function configFileWith(feeds: string[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'vw-url-')), 'vendorwatch.config.json');
  writeFileSync(path, JSON.stringify({ feeds }));
  return path;
}

const expectNoSecret = (text: string) => {
  expect(text).not.toContain(PASSWORD);
  expect(text).not.toContain(TOKEN);
};

describe('feed URLs shown to people', () => {
  it("a feed-health notice in chat shows the failing feed's URL without its password or token", async () => {
    const { broken, looping, shown } = await failingFeeds();
    harness = await startHarness({ feeds: {}, configFile: { feeds: [broken, looping] } });
    const h = harness;
    await h.app.runCycle({ backfill: false });
    h.clock.advance(25 * HOUR);
    await h.app.runCycle({ backfill: false });

    const notices = h.slack.callsTo('chat.postMessage').filter((call) => (call.params.text ?? '').includes('has been failing'));
    expect(notices).toHaveLength(2);
    for (const notice of notices) expectNoSecret(JSON.stringify(notice.params));
    const texts = notices.map((notice) => notice.params.text ?? '').join('\n');
    for (const url of shown) expect(texts).toContain(url);
    expect(texts).toContain('more than 5 redirects');
    // The store keeps the whole URL: fetching needs it.
    expect((await h.app.store.feeds.all()).map((feed) => feed.url).sort()).toEqual(
      [broken, looping].map((url) => new URL(url).toString()).sort(),
    );
  });

  it('vendorwatch poll --once logs and vendorwatch status (text and --json) show no password or token', async () => {
    const { broken, looping, shown } = await failingFeeds();
    const env = { VENDORWATCH_DB: tempDbPath(), VENDORWATCH_CONFIG: configFileWith([broken, looping]), LOG_LEVEL: 'debug' };

    const poll = await runCli(['poll', '--once'], env);
    expect(poll.code).toBe(0);
    expectNoSecret(poll.stdout + poll.stderr);
    const unreachable = poll.stderr.split('\n').filter((line) => line.includes('feed unreachable'));
    expect(unreachable).toHaveLength(2);
    for (const url of shown) expect(unreachable.join('\n')).toContain(`"url":"${url}"`);

    const text = await runCli(['status'], env);
    expect(text.code).toBe(0);
    expectNoSecret(text.stdout + text.stderr);
    expect(text.stdout).toContain('more than 5 redirects');

    const json = await runCli(['status', '--json'], env);
    expectNoSecret(json.stdout + json.stderr);
    const report = JSON.parse(json.stdout) as { feeds: { url: string; lastError: string | null }[] };
    expect(report.feeds.map((feed) => feed.url).sort()).toEqual([...shown].sort());

    const store = Store.open(env.VENDORWATCH_DB);
    expect(store.feeds.all().some((feed) => feed.url.includes(PASSWORD) && feed.url.includes(TOKEN))).toBe(true);
    store.close();
  });

  it('vendorwatch start logs its feeds and their failures without the password or token', async () => {
    const { broken, shown } = await failingFeeds();
    const child: ChildProcess = spawnVendorwatch(['start'], {
      env: {
        PATH: process.env.PATH,
        VENDORWATCH_CONFIG: configFileWith([broken]),
        VENDORWATCH_DB: tempDbPath(),
        PORT: '0',
        LOG_FORMAT: 'json',
      },
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no finished cycle within 30 s:\n${output}`)), 30_000);
        child.stderr?.on('data', (chunk: Buffer) => {
          output += chunk.toString('utf8');
          if (/cycle 1 done/.test(output)) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
    } finally {
      child.kill('SIGINT');
      await exited;
    }
    expectNoSecret(output);
    const lines = output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg: string; url?: string });
    expect(lines.filter((line) => line.msg.startsWith('feed: ')).map((line) => line.url)).toEqual([shown[0]]);
    expect(lines.filter((line) => line.msg.startsWith('feed unreachable')).map((line) => line.url)).toEqual([shown[0]]);
  });

  it('displayFeedUrl keeps scheme, host, port and path; hideUrlSecrets does so for every URL in a text', () => {
    expect(displayFeedUrl(`https://user:${PASSWORD}@feeds.example.org:8443/a/feed.xml?token=${TOKEN}&x=1#frag`)).toBe(
      'https://feeds.example.org:8443/a/feed.xml',
    );
    expect(displayFeedUrl(`https://:${PASSWORD}@feeds.example.org/rss`)).toBe('https://feeds.example.org/rss');
    // Not a URL the parser takes: still cut at the query and after the user info.
    expect(displayFeedUrl(`http://user:${PASSWORD}@bad host/feed?token=${TOKEN}`)).toBe('http://bad host/feed');
    expect(
      hideUrlSecrets(`more than 5 redirects (last to http://u:${PASSWORD}@a.example/x?token=${TOKEN}), then https://b.example/y#${TOKEN}`),
    ).toBe('more than 5 redirects (last to http://a.example/x), then https://b.example/y');
  });
});
