// The "done when", end to end: the real CLI (poll --once, start) with its store, pipeline and this
// adapter, against loopback feeds and the fake Slack Web API.

import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnVendorwatch } from '../support/spawn-cli.js';
import { type FakeSlackApi, startFakeSlackApi } from './support/fake-slack-api.js';
import { blockActionBody, postSigned, SIGNING_SECRET, slashCommandBody } from './support/slack-harness.js';

const root = join(import.meta.dirname, '..', '..');
const feedDir = join(root, 'test', 'fixtures', 'feeds');
const FIRST_FEEDS = ['outlet-newswire.xml', 'outlet-newssite.atom', 'outlet-blog.rdf', 'outlet-analysis.xml'];
const FOLLOW_UP = 'outlet-followup.xml';
const CHANNEL = 'CE2EALERT1';

let api: FakeSlackApi;
let feeds: Server;
let served = new Set(FIRST_FEEDS);
let work: string;
let env: NodeJS.ProcessEnv;

function runCli(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawnVendorwatch(args, { env, cwd: work });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('exit', (code) => resolve({ code: code ?? -1, stderr }));
  });
}

const topLevelPosts = () => api.callsTo('chat.postMessage').filter((call) => call.params.thread_ts === undefined);

beforeAll(async () => {
  api = await startFakeSlackApi({ users: { UJORDAN01: 'Jordan Reyes' } });
  feeds = createServer((req, res) => {
    const name = (req.url ?? '/').slice(1);
    if (!served.has(name)) {
      // Known to the poller but still empty, so its first items later are news, not a first-run backlog.
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Court roundup</title><link>https://courtwatch.test/</link><description>empty for now</description></channel></rss>',
      );
      return;
    }
    res.writeHead(200, { 'content-type': name.endsWith('.atom') ? 'application/atom+xml' : 'application/rss+xml' });
    res.end(readFileSync(join(feedDir, name)));
  });
  await new Promise<void>((resolve) => feeds.listen(0, '127.0.0.1', resolve));
  const { port } = feeds.address() as AddressInfo;
  work = mkdtempSync(join(tmpdir(), 'vw-slack-e2e-'));
  const watchlist = join(work, 'watchlist.json');
  writeFileSync(
    watchlist,
    JSON.stringify([
      { name: 'CareCloud', aliases: ['CareCloud Health'], category: 'EHR', criticality: 'critical', owner: 'UOWNER001' },
      { name: 'Change Healthcare', criticality: 'high' },
      { name: 'Epic Systems', aliases: ['Epic'], products: ['MyChart'], criticality: 'critical' },
    ]),
  );
  env = {
    PATH: process.env.PATH,
    HOME: work,
    SLACK_BOT_TOKEN: 'xoxb-e2e-0000-faketoken',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_ALERT_CHANNEL: CHANNEL,
    SLACK_API_URL: api.apiUrl,
    VENDORWATCH_FEEDS: [...FIRST_FEEDS, FOLLOW_UP].map((name) => `http://127.0.0.1:${port}/${name}`).join(','),
    VENDORWATCH_WATCHLIST: watchlist,
    VENDORWATCH_DB: join(work, 'vendorwatch.db'),
    LOG_LEVEL: 'info',
    // The fixture reports are from spring 2026; only --backfill would take them otherwise.
    VENDORWATCH_MAX_ITEM_AGE_DAYS: '3650',
  };
}, 60_000);

afterAll(async () => {
  await api?.close();
  await new Promise((resolve) => feeds?.close(resolve));
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the CLI delivers to Slack', () => {
  it('poll --once --backfill posts exactly one CareCloud alert with four source links', async () => {
    const { code, stderr } = await runCli(['poll', '--once', '--backfill']);
    expect(code, stderr).toBe(0);
    const posts = topLevelPosts();
    expect(posts).toHaveLength(1);
    expect(posts[0]!.params.channel).toBe(CHANNEL);
    expect(posts[0]!.params.text).toContain('CareCloud');
    const links = (posts[0]!.params.blocks ?? '').match(/<https?:\/\/[^|>]+\|/g) ?? [];
    expect(links).toHaveLength(4);
  }, 120_000);

  it('a second poll with one more report makes one threaded reply and one chat.update, no new alert', async () => {
    const before = api.calls.length;
    served = new Set([...FIRST_FEEDS, FOLLOW_UP]);
    const { code, stderr } = await runCli(['poll', '--once']);
    expect(code, stderr).toBe(0);
    const after = api.calls.slice(before);
    const posts = after.filter((call) => call.method === 'chat.postMessage');
    const parentMessageTs = parentTs();
    expect(posts.map((call) => call.params.thread_ts)).toEqual([parentMessageTs]);
    const updates = after.filter((call) => call.method === 'chat.update');
    expect(updates).toHaveLength(1);
    expect(updates[0]!.params.ts).toBe(parentMessageTs);
    expect(updates[0]!.params.blocks).toContain('5 sources');
  }, 120_000);

  it('start (HTTP mode) answers /vendor-incidents, refuses bad signatures, and Acknowledge updates the alert', async () => {
    const child = spawnVendorwatch(['start'], { env: { ...env, PORT: '0' }, cwd: work });
    try {
      const port = await listeningPort(child);
      const url = `http://127.0.0.1:${port}/slack/events`;

      const answer = await postSigned(
        url,
        slashCommandBody({ text: 'carecloud', responseUrl: api.responseUrl('e2e-1'), channelId: CHANNEL }),
      );
      expect(answer.status).toBe(200);
      await api.waitFor(() => api.responses.some((r) => r.path === '/respond/e2e-1'), 10_000);
      const listing = JSON.stringify(api.responses.find((r) => r.path === '/respond/e2e-1')!.body);
      expect(listing).toContain('CareCloud');
      expect(listing).toMatch(/open/);

      const bad = await postSigned(url, slashCommandBody({ text: 'carecloud', responseUrl: api.responseUrl('e2e-bad') }), {
        secret: 'not-the-secret',
      });
      expect(bad.status).toBe(401);
      const stale = await postSigned(url, slashCommandBody({ text: 'carecloud', responseUrl: api.responseUrl('e2e-old') }), {
        timestamp: Math.floor(Date.now() / 1000) - 600,
      });
      expect(stale.status).toBe(401);

      const parent = topLevelPosts()[0]!;
      const value = ackButtonValue(parent.params.blocks ?? '[]');
      expect(value).toMatch(/^\d+$/);
      const updatesBefore = api.callsTo('chat.update').length;
      const click = await postSigned(
        url,
        blockActionBody({
          actionId: 'vw_ack',
          value,
          channel: CHANNEL,
          messageTs: parentTs(),
          userName: 'jordan.reyes',
          responseUrl: api.responseUrl('e2e-ack'),
        }),
      );
      expect(click.status).toBe(200);
      await api.waitFor(
        () =>
          api
            .callsTo('chat.update')
            .slice(updatesBefore)
            .some((call) => (call.params.blocks ?? '').includes('Acknowledged by')),
        10_000,
      );
      expect(api.responses.some((r) => r.path === '/respond/e2e-bad' || r.path === '/respond/e2e-old')).toBe(false);
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    }
  }, 120_000);
});

function parentTs(): string {
  const ts = topLevelPosts()[0]?.result?.ts;
  if (typeof ts !== 'string') throw new Error('no alert was posted');
  return ts;
}

function ackButtonValue(blocksJson: string): string {
  const blocks = JSON.parse(blocksJson) as { type: string; elements?: { action_id?: string; value?: string }[] }[];
  const button = blocks.flatMap((block) => block.elements ?? []).find((element) => element.action_id === 'vw_ack');
  return button?.value ?? '';
}

function listeningPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`vendorwatch start did not report its port:\n${seen}`)), 60_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      const match = /listening on port (\d+)/.exec(seen);
      // The port is reported before the adapters mount their routes; "started" comes after.
      if (match && seen.includes('Vendorwatch started')) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`vendorwatch start exited with ${code}:\n${seen}`)));
  });
}
