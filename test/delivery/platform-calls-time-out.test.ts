// A platform that takes a message and never answers must not hold delivery: each Slack Web API call and each Teams
// connector call has a deadline covering the connection, the headers and the body. A timeout is a transient failure
// that keeps the delivery's attempt marker, so the re-send first looks for the message (Slack) before posting it.
// The fakes run behind a proxy that hangs one post: before the platform saw it, after the platform accepted it, or
// after sending the headers of its answer. Deadlines are 1 s here (15 s by default); the clock is a test clock.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createTeamsAdapter } from '../../adapters/teams/create-teams-adapter.js';
import { createApp, type VendorwatchApp } from '../../src/app/create-app.js';
import { loadConfig } from '../../src/config/load-config.js';
import { transientRetryDelayMs } from '../../src/delivery/delivery-worker.js';
import { silentLogger } from '../../src/log.js';
import { startFakeSlackApi } from '../slack/support/fake-slack-api.js';
import { FIXTURE_FEEDS, type Harness, SEED_OUTLETS, startHarness, TestClock } from '../support/app-harness.js';
import { type FeedServer, startFeedServer } from '../support/feed-server.js';
import { type HangingProxy, type HangMode, startHangingProxy } from '../support/hanging-proxy.js';
import { type FakeConnector, startFakeConnector } from '../teams/support/fake-connector.js';
import { loadActivity } from '../teams/support/load-fixture.js';
import { startRoutesServer } from '../teams/support/routes-server.js';

// Short, but not so short that a call the proxy passes through times out on a loaded machine.
const DEADLINE_MS = 1_000;
/** A hung post costs one deadline, not one per in-process attempt; generous for a loaded 2-core machine. */
const CYCLE_BOUND_MS = 6_000;
const FIRST_RETRY_MS = transientRetryDelayMs(0) + 1_000;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const isPost = (req: { path: string }) => req.path.endsWith('/chat.postMessage');

async function slackBehindProxy(): Promise<{ h: Harness; proxy: HangingProxy }> {
  const slack = await startFakeSlackApi();
  const proxy = await startHangingProxy(slack.baseUrl);
  // The adapter's own retry budget as in production (4 attempts), only the waits shortened.
  const h = await startHarness({
    slack,
    slackAdapter: { apiUrl: `${proxy.url}/api/`, requestTimeoutMs: DEADLINE_MS, retry: { maxAttempts: 4, baseDelayMs: 1 } },
  });
  cleanups.push(
    () => slack.close(),
    () => proxy.close(),
    () => h.close(),
  );
  return { h, proxy };
}

const acceptedPosts = (h: Harness) => h.slack.callsTo('chat.postMessage').filter((c) => c.result?.ok === true);

/** Worker runs, the clock moved past each retry delay, until nothing is pending (a stray timeout only adds a run). */
async function deliverUntilDone(app: VendorwatchApp, clock: TestClock, runs = 5): Promise<void> {
  for (let run = 0; run < runs && (await app.store.deliveries.pendingCount()) > 0; run += 1) {
    clock.advance(FIRST_RETRY_MS * 2 ** run);
    await app.worker.deliverDue();
  }
}

async function timedCycle(app: VendorwatchApp): Promise<number> {
  const started = Date.now();
  await app.runCycle({ backfill: true });
  return Date.now() - started;
}

describe('Slack calls that never answer', () => {
  it.each([
    ['after Slack accepted it (the answer is lost)', 'after-upstream', 1],
    ['after the headers of its answer (the body never comes)', 'headers-then-silence', 1],
    ['before Slack saw it', 'before-upstream', 0],
  ] as const)(
    'a hung alert post %s times out, is retried later and reaches the channel exactly once',
    async (_label, mode: HangMode, postedByHungCall) => {
      const { h, proxy } = await slackBehindProxy();
      proxy.hangNext(isPost, mode);

      expect(await timedCycle(h.app)).toBeLessThan(CYCLE_BOUND_MS);
      expect(proxy.hung).toHaveLength(1);
      // Not repeated in-process: a second post here could not know whether the first one landed.
      expect(h.slack.callsTo('chat.postMessage')).toHaveLength(postedByHungCall);
      const [pending] = await h.app.store.deliveries.byStatus('pending');
      expect(pending).toMatchObject({ kind: 'alert', errorCode: 'timeout' });
      expect(pending!.attemptStartedAt).not.toBeNull();

      await deliverUntilDone(h.app, h.clock);
      expect(await h.app.store.deliveries.pendingCount()).toBe(0);
      // The re-send looked in the channel first, then posted only if the message was not there.
      expect(h.slack.callsTo('conversations.history').length).toBeGreaterThanOrEqual(1);
      const posts = acceptedPosts(h).filter((c) => !c.params.thread_ts);
      expect(posts).toHaveLength(1);
      const sent = (await h.app.store.deliveries.byStatus('sent')).find((d) => d.id === pending!.id);
      expect(sent?.messageId).toBe(posts[0]!.result!.ts);

      // Later runs find nothing left to do: still one message in the channel.
      h.clock.advance(3_600_000);
      await h.app.worker.deliverDue();
      expect(acceptedPosts(h).filter((c) => !c.params.thread_ts)).toHaveLength(1);
    },
  );

  it('a thread update Slack accepted but never answered is found in the thread and not posted twice', async () => {
    const { h, proxy } = await slackBehindProxy();
    await h.app.runCycle({ backfill: true });
    await deliverUntilDone(h.app, h.clock);
    const [alert] = acceptedPosts(h);
    expect(alert).toBeDefined();

    h.feeds.route('/outlet-analysis.xml', { kind: 'feed', file: join(FIXTURE_FEEDS, 'outlet-followup.xml'), etag: '"v2"' });
    proxy.hangNext((req) => isPost(req), 'after-upstream');
    h.clock.advance(600_000);
    expect(await timedCycle(h.app)).toBeLessThan(CYCLE_BOUND_MS);
    expect(proxy.hung).toHaveLength(1);
    const replies = () => acceptedPosts(h).filter((c) => c.params.thread_ts === alert!.result!.ts);
    expect(replies()).toHaveLength(1);
    expect((await h.app.store.deliveries.byStatus('pending')).map((d) => [d.kind, d.errorCode])).toContainEqual([
      'thread_update',
      'timeout',
    ]);

    await deliverUntilDone(h.app, h.clock);
    expect((await h.app.store.deliveries.byStatus('pending')).filter((d) => d.kind === 'thread_update')).toHaveLength(0);
    expect(h.slack.callsTo('conversations.replies').length).toBeGreaterThanOrEqual(1);
    expect(replies()).toHaveLength(1);
    expect(acceptedPosts(h).filter((c) => !c.params.thread_ts)).toHaveLength(1);
  });
});

interface TeamsRig {
  app: VendorwatchApp;
  connector: FakeConnector;
  proxy: HangingProxy;
  clock: TestClock;
}

/** The real app with the Teams adapter as its only platform, installed in one channel through /api/messages. */
async function teamsBehindProxy(): Promise<TeamsRig> {
  const connector = await startFakeConnector();
  const proxy = await startHangingProxy(connector.url);
  const routes = await startRoutesServer();
  const feeds: FeedServer = await startFeedServer(
    Object.fromEntries(SEED_OUTLETS.map((name) => [`/${name}`, { kind: 'feed' as const, file: join(FIXTURE_FEEDS, name) }])),
  );
  const dir = mkdtempSync(join(tmpdir(), 'vw-teams-timeout-'));
  writeFileSync(
    join(dir, 'watchlist.json'),
    JSON.stringify([{ name: 'CareCloud', aliases: ['CareCloud Inc.', 'MTBC'], criticality: 'high' }]),
  );
  const config = loadConfig(
    {
      VENDORWATCH_FEEDS: SEED_OUTLETS.map((name) => feeds.url(`/${name}`)).join(','),
      VENDORWATCH_WATCHLIST: join(dir, 'watchlist.json'),
      VENDORWATCH_DB: join(dir, 'vendorwatch.db'),
      VENDORWATCH_MAX_ITEM_AGE_DAYS: '3650',
      TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED: 'true',
      HOST: '127.0.0.1',
    },
    { cwd: dir },
  );
  const clock = new TestClock(new Date('2026-04-01T09:00:00Z'));
  const app = await createApp(config, {
    logger: silentLogger,
    stdout: new PassThrough(),
    now: clock.now,
    createAdapters: ({ logger, now }) => [
      createTeamsAdapter({
        appId: null,
        appPassword: null,
        dangerouslyAllowUnauthenticated: true,
        logger,
        now,
        requestTimeoutMs: DEADLINE_MS,
        // Production's 4 attempts; only the waits shortened.
        retry: { baseDelayMs: 1, sleep: async () => {} },
      }),
    ],
  });
  cleanups.push(
    () => connector.close(),
    () => proxy.close(),
    () => routes.close(),
    () => feeds.close(),
    () => app.close(),
  );
  await app.startAdapters(routes.routes);
  const install = await routes.post(
    '/api/messages',
    loadActivity('conversation-update-bot-added-to-team', { SERVICE_URL: `${proxy.url}/` }),
  );
  expect(install.status).toBe(200);
  return { app, connector, proxy, clock };
}

const isTeamsSend = (req: { method: string; path: string }) =>
  req.method === 'POST' && /\/v3\/conversations\/[^/]+\/activities\/?$/.test(req.path);

describe('Teams connector calls that never answer', () => {
  it('a send the connector never saw times out, and the retry delivers the card once', async () => {
    const rig = await teamsBehindProxy();
    rig.proxy.hangNext(isTeamsSend, 'before-upstream');
    expect(await timedCycle(rig.app)).toBeLessThan(CYCLE_BOUND_MS);
    expect(rig.connector.calls).toHaveLength(0);
    const [pending] = await rig.app.store.deliveries.byStatus('pending');
    expect(pending).toMatchObject({ kind: 'alert', errorCode: 'timeout' });

    await deliverUntilDone(rig.app, rig.clock);
    expect(await rig.app.store.deliveries.pendingCount()).toBe(0);
    const sends = rig.connector.delivered('send');
    expect(sends).toHaveLength(1);
    expect((await rig.app.store.deliveries.byStatus('sent')).find((d) => d.id === pending!.id)?.messageId).toBe(sends[0]!.createdId);
  });

  it.each([
    ['accepted, its answer lost', 'after-upstream'],
    ['accepted, headers sent and the body never', 'headers-then-silence'],
  ] as const)(
    'a send the connector %s: never lost, sent again once by the worker (the documented Teams window)',
    async (_label, mode: HangMode) => {
      const rig = await teamsBehindProxy();
      rig.proxy.hangNext(isTeamsSend, mode);
      // Before the deadline covered the body, headers-then-silence held the delivery worker forever.
      expect(await timedCycle(rig.app)).toBeLessThan(CYCLE_BOUND_MS);
      // The connector took it; the adapter does not repeat a timed-out send in-process.
      expect(rig.connector.delivered('send')).toHaveLength(1);
      expect(await rig.app.store.deliveries.byStatus('pending')).toMatchObject([{ kind: 'alert', errorCode: 'timeout' }]);

      rig.clock.advance(FIRST_RETRY_MS);
      await rig.app.worker.deliverDue();
      // The connector cannot list a channel's messages, so the card is posted a second time: exactly once more, and
      // the stored id is the copy Vendorwatch heard back about (the one later edits and replies go to).
      const sends = rig.connector.delivered('send');
      expect(sends).toHaveLength(2);
      expect(await rig.app.store.deliveries.pendingCount()).toBe(0);
      const [sent] = await rig.app.store.deliveries.byStatus('sent');
      expect(sent?.messageId).toBe(sends[1]!.createdId);

      rig.clock.advance(3_600_000);
      await rig.app.worker.deliverDue();
      expect(rig.connector.delivered('send')).toHaveLength(2);
    },
  );
});
