import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlackApi, startFakeSlackApi } from '../slack/support/fake-slack-api.js';
import { FIXTURE_FEEDS, SEED_OUTLETS } from '../support/app-harness.js';
import { type FeedServer, startFeedServer } from '../support/feed-server.js';
import { spawnVendorwatch } from '../support/spawn-cli.js';

// The process is killed (SIGKILL, no chance to clean up) at many points of cycles that deliver to Slack,
// and restarted each time. Across all runs no alert may be lost and none posted twice.

const CHANNEL = 'C0CRASH001';

type KillPoint = { label: string; afterMs?: number; onMethod?: string; nth?: number };

let slack: FakeSlackApi;
let feeds: FeedServer;
let env: NodeJS.ProcessEnv;
let child: ChildProcess | null = null;
let killPoint: KillPoint | null = null;
const methodCounts = new Map<string, number>();

beforeAll(async () => {
  slack = await startFakeSlackApi({
    // Hold each answer back a little: a kill then lands after Slack has the message and before we know its ts.
    responseDelayMs: 150,
    onCall: (call) => {
      const count = (methodCounts.get(call.method) ?? 0) + 1;
      methodCounts.set(call.method, count);
      if (child && killPoint?.onMethod === call.method && count === (killPoint.nth ?? 1)) child.kill('SIGKILL');
    },
  });
  feeds = await startFeedServer(
    Object.fromEntries(SEED_OUTLETS.map((name) => [`/${name}`, { kind: 'feed' as const, file: join(FIXTURE_FEEDS, name) }])),
  );
  const dir = mkdtempSync(join(tmpdir(), 'vw-crash-'));
  const watchlist = join(dir, 'watchlist.json');
  writeFileSync(watchlist, JSON.stringify([{ name: 'CareCloud', aliases: ['MTBC'], domains: ['carecloud.com'], criticality: 'high' }]));
  env = {
    PATH: process.env.PATH,
    VENDORWATCH_FEEDS: SEED_OUTLETS.map((name) => feeds.url(`/${name}`)).join(','),
    VENDORWATCH_WATCHLIST: watchlist,
    VENDORWATCH_DB: join(dir, 'vendorwatch.db'),
    VENDORWATCH_MAX_ITEM_AGE_DAYS: '3650',
    SLACK_BOT_TOKEN: 'xoxb-crash-test',
    SLACK_SIGNING_SECRET: 'crash-secret',
    SLACK_ALERT_CHANNEL: CHANNEL,
    SLACK_API_URL: slack.apiUrl,
    LOG_LEVEL: 'warn',
  };
}, 30_000);

afterAll(async () => {
  child?.kill('SIGKILL');
  await slack?.close();
  await feeds?.close();
});

function runPoll(point: KillPoint | null): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  methodCounts.clear();
  killPoint = point;
  const spawned = spawnVendorwatch(['poll', '--once', '--backfill'], { env });
  child = spawned;
  const timer = point?.afterMs !== undefined ? setTimeout(() => spawned.kill('SIGKILL'), point.afterMs) : null;
  return new Promise((resolve) => {
    spawned.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      child = null;
      resolve({ code, signal });
    });
  });
}

const topLevel = () => slack.callsTo('chat.postMessage').filter((c) => !c.params.thread_ts && c.result?.ok);
const replies = () => slack.callsTo('chat.postMessage').filter((c) => c.params.thread_ts && c.result?.ok);

describe('delivery across crashes', () => {
  it('posts the alert and each thread update exactly once however often the process is killed', async () => {
    const killPoints: KillPoint[] = [
      { label: 'while Slack holds the alert', onMethod: 'chat.postMessage' },
      { label: 'while looking the alert up in history', onMethod: 'conversations.history' },
      { label: 'at a fixed time into the run', afterMs: 1_800 },
    ];
    for (const point of killPoints) {
      const { signal } = await runPoll(point);
      expect([null, 'SIGKILL']).toContain(signal);
    }
    expect((await runPoll(null)).code).toBe(0);
    expect(topLevel()).toHaveLength(1);
    expect(topLevel()[0]?.params.text).toContain('CareCloud');

    // A later report of the incident: killed while Slack holds the thread reply, then again, then to completion.
    feeds.route('/outlet-analysis.xml', { kind: 'feed', file: join(FIXTURE_FEEDS, 'outlet-followup.xml'), etag: '"follow-up"' });
    for (const point of [
      { label: 'while Slack holds the thread reply', onMethod: 'chat.postMessage' },
      { label: 'while looking the reply up', onMethod: 'conversations.replies' },
    ] as KillPoint[]) {
      await runPoll(point);
    }
    expect((await runPoll(null)).code).toBe(0);
    expect(topLevel()).toHaveLength(1);
    const updates = replies();
    expect(updates).toHaveLength(1);
    expect(updates[0]?.params.thread_ts).toBe(String(topLevel()[0]?.result?.ts));
  }, 120_000);
});
