// `vendorwatch triage` stays offline; `--fetch` reads the article page of teaser lines as the poller does: the same
// address policy (a loopback page only when VENDORWATCH_FEED_ALLOW_HOSTS names its host), and `why` says what
// happened to the page. The real command, in-process.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { type FeedServer, startFeedServer } from '../support/feed-server.js';
import { articlePage } from './support/article-page.js';
import { BILLING_STORY, BILLING_TEASER, BILLING_TITLE, PUBLISHED, QUIET_TEASER, QUIET_TITLE, WATCHLIST } from './support/stories.js';

let server: FeedServer | null = null;

afterEach(async () => {
  await server?.close();
  server = null;
});

async function batch() {
  server = await startFeedServer({});
  server.route('/news/billing', {
    kind: 'feed',
    contentType: 'text/html; charset=utf-8',
    body: articlePage({ title: BILLING_TITLE, text: BILLING_STORY, outlet: 'Health Desk', published: PUBLISHED }),
  });
  server.route('/news/quiet', {
    kind: 'feed',
    contentType: 'text/html; charset=utf-8',
    body: articlePage({ title: QUIET_TITLE, text: `${QUIET_TEASER}\nMeridian Billing Partners was hacked.`, outlet: 'Health Desk' }),
  });
  const dir = mkdtempSync(join(tmpdir(), 'vw-triage-fetch-'));
  writeFileSync(join(dir, 'watchlist.json'), JSON.stringify(WATCHLIST));
  const lines = [
    { id: 'billing', title: BILLING_TITLE, text: BILLING_TEASER, url: server.url('/news/billing'), published: PUBLISHED },
    { id: 'quiet', title: QUIET_TITLE, text: QUIET_TEASER, url: server.url('/news/quiet') },
  ].map((line) => JSON.stringify(line));
  writeFileSync(join(dir, 'input.jsonl'), `${lines.join('\n')}\nnot json\n`);
  return { dir, args: ['triage', '--watchlist', join(dir, 'watchlist.json'), '--input', join(dir, 'input.jsonl')] };
}

const parse = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { id?: string; alert?: boolean; vendors?: { name: string }[]; why?: string[]; error?: string });

describe('triage and article pages', () => {
  it('stays offline without --fetch: judges the text it is given', async () => {
    const { dir, args } = await batch();
    // The page would be allowed: only the missing --fetch keeps it from being read.
    const result = await runCli(args, { VENDORWATCH_FEED_ALLOW_HOSTS: '127.0.0.1' }, dir);
    expect(result.code).toBe(0);
    expect(server!.requests).toEqual([]);
    const [billing] = parse(result.stdout);
    expect(billing).toMatchObject({ id: 'billing', alert: false, vendors: [] });
    expect(billing?.why?.some((line) => line.startsWith('article page'))).toBe(false);
  });

  it('with --fetch reads the page of a teaser with a signal, alerts the vendor it names, and says so in why', async () => {
    const { dir, args } = await batch();
    const result = await runCli(
      [...args, '--fetch'],
      { VENDORWATCH_FEED_ALLOW_HOSTS: '127.0.0.1', VENDORWATCH_CONTACT: 'audits@example.org' },
      dir,
    );
    expect(result.code).toBe(0);
    const [billing, quiet, bad] = parse(result.stdout);
    expect(billing).toMatchObject({ id: 'billing', alert: true, vendors: [{ name: 'Meridian Billing Partners' }] });
    expect(billing?.why?.[0]).toMatch(/^article page read \(\d+ characters\): the feed gave a \d+-character teaser with a signal/);
    expect(quiet).toMatchObject({ id: 'quiet', alert: false, vendors: [] });
    expect(bad).toEqual({ error: expect.stringMatching(/^line 3: not valid JSON/) });
    expect(server!.requests.map((request) => [request.path, request.headers['user-agent']])).toEqual([
      ['/news/billing', expect.stringContaining('audits@example.org')],
    ]);
  });

  it('with --fetch applies the address policy: a loopback page no setting allows is not requested', async () => {
    const { dir, args } = await batch();
    const result = await runCli([...args, '--fetch'], {}, dir);
    expect(result.code).toBe(0);
    expect(server!.requests).toEqual([]);
    const [billing] = parse(result.stdout);
    expect(billing).toMatchObject({ id: 'billing', alert: false });
    expect(billing?.why?.[0]).toMatch(
      /^article page not read, judged on the feed's text: the address policy refused it: .*loopback address/,
    );
  });
});
