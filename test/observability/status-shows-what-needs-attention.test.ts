import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatusReport } from '../../src/observability/status-report.js';
import { Store } from '../../src/store/store.js';
import { FIXTURE_FEEDS, runCli, tempDbPath } from '../cli/run-cli.js';
import { type FeedServer, startFeedServer } from '../support/feed-server.js';

const OUTLETS = ['outlet-newswire.xml', 'outlet-newssite.atom'];

let feeds: FeedServer;
let env: NodeJS.ProcessEnv;

// One real poll (console adapter) makes the state: a CareCloud alert nobody acknowledged, a feed answering 503.
// Then the store gets what only time or people make: a delivery that failed for good, a mute, a Teams channel.
beforeAll(async () => {
  feeds = await startFeedServer({
    ...Object.fromEntries(OUTLETS.map((name) => [`/${name}`, { kind: 'feed' as const, file: `${FIXTURE_FEEDS}/${name}` }])),
    '/down.xml': { kind: 'status', status: 503, body: 'maintenance' },
  });
  const dbPath = tempDbPath();
  env = { VENDORWATCH_DB: dbPath, VENDORWATCH_FEEDS: [...OUTLETS, 'down.xml'].map((name) => feeds.url(`/${name}`)).join(',') };
  const poll = await runCli(['poll', '--once', '--backfill'], env);
  expect(poll.code, poll.stderr).toBe(0);

  const store = Store.open(dbPath);
  const now = new Date();
  const failed = store.deliveries.enqueue({
    incidentId: null,
    kind: 'notice',
    destination: { platform: 'slack', address: 'CGONE00001' },
    payload: { notice: { kind: 'info', text: 'hello' } },
    at: now,
  });
  store.deliveries.markAttemptFailed(
    failed,
    { code: 'channel_not_found', message: 'the bot is not in channel CGONE00001: invite it\u001b[31m' },
    null,
  );
  store.interactions.mute({
    vendor: 'CareCloud',
    until: new Date(now.getTime() + 7 * 86_400_000).toISOString(),
    platform: 'slack',
    userId: 'UJORDAN01',
    userName: 'Jordan\u202eReyes',
    at: now.toISOString(),
  });
  store.interactions.saveConversation(
    { platform: 'teams', conversationId: '19:abc@thread.tacv2', name: 'Security Ops', reference: {}, active: true },
    now,
  );
  store.close();
}, 60_000);

afterAll(async () => {
  await feeds?.close();
});

describe('vendorwatch status', () => {
  it('--json gives one object a script can read: cycle, feeds failing first, deliveries, alerts, mutes, Teams', async () => {
    const run = await runCli(['status', '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as StatusReport;
    expect(report.version).toBe(1);
    expect(report.lastCycle).toMatchObject({ id: 1, feedsOk: 2, feedsFailed: 1, alertsNew: 1 });
    expect(report.lastCycle?.finishedAt).not.toBeNull();
    expect(report.feeds.map((f) => [f.url.split('/').pop(), f.health])).toEqual([
      ['down.xml', 'failing'],
      expect.arrayContaining([expect.stringMatching(/^outlet-/), 'ok']),
      expect.arrayContaining([expect.stringMatching(/^outlet-/), 'ok']),
    ]);
    expect(report.feeds[0]).toMatchObject({ consecutiveFailures: 1, lastStatus: 503, failingSince: expect.any(String) });
    expect(report.deliveries).toMatchObject({
      pending: 0,
      failed: 1,
      latestFailed: [{ kind: 'notice', errorCode: 'channel_not_found', destination: { address: 'CGONE00001' } }],
    });
    expect(report.unacknowledgedAlerts).toBe(1);
    expect(report.mutes).toEqual([{ vendor: 'CareCloud', until: expect.any(String), platform: 'slack', by: 'Jordan\u202eReyes' }]);
    expect(report.teamsConversations).toEqual([
      { conversationId: '19:abc@thread.tacv2', name: 'Security Ops', active: true, inactiveReason: null },
    ]);
    expect(report.warnings).toEqual([]);
  });

  it('shows that Teams authentication is off, in --json and in text, while the dangerous switch is on', async () => {
    const unauthenticated = { ...env, TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED: 'true', HOST: '127.0.0.1' };
    const json = await runCli(['status', '--json'], unauthenticated);
    expect(json.code, json.stderr).toBe(0);
    expect((JSON.parse(json.stdout) as StatusReport).warnings).toEqual(['teams authentication is off']);
    const text = await runCli(['status'], unauthenticated);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout.split('\n').slice(0, 4)).toContain('WARNING: teams authentication is off');
    expect((await runCli(['status'], env)).stdout).not.toContain('WARNING');
  });

  it('text puts the failing feed first and prints stored text inert (no escape sequences, no bidi overrides)', async () => {
    const run = await runCli(['status'], env);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.split('\n');
    // Sections are separated by a blank line.
    expect(run.stdout).toMatch(/\n\nLast cycle\n[\s\S]*\n\nFeeds \(3\)[\s\S]*\n\nDeliveries/);
    expect(lines[0]).toMatch(/^Vendorwatch status at \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
    expect(run.stdout).toMatch(
      /Last cycle\n {2}#1 started .* \(\d+ s ago\), took \d+ s\n {2}feeds: 2 ok, 0 unchanged, 1 failed; \d+ new items, \d+ new incidents, 1 new alerts/,
    );
    const feedsAt = lines.findIndex((line) => line.startsWith('Feeds (3): 2 ok, 1 failing, 0 not polled yet'));
    expect(feedsAt).toBeGreaterThan(0);
    expect(lines[feedsAt + 1]).toMatch(/^ {2}FAILING {2}\S+ +1 failure since .*: .*HTTP 503.*; next try /);
    expect(lines[feedsAt + 2]).toMatch(/^ {2}ok {7}\S+ +last success \d+ s ago$/);
    expect(run.stdout).toContain(
      'Deliveries: 0 pending, 1 failed\n  failed  notice to slack:CGONE00001 after 1 attempt: channel_not_found the bot is not in channel CGONE00001: invite it [31m\n',
    );
    expect(run.stdout).toContain('Unacknowledged alerts: 1\n');
    expect(run.stdout).toMatch(/Mutes: 1\n {2}CareCloud until \S+ \S+ \(by JordanReyes on slack\)\n/);
    expect(run.stdout).toContain('Teams conversations (1)\n  Security Ops: active\n');
    expect(run.stdout).not.toMatch(/[\u001b\u202e]/);
  });

  it('refuses an unknown option with the usage, exit 1', async () => {
    const run = await runCli(['status', '--yaml'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('unknown option "--yaml"');
    expect(run.stderr).toContain('Usage: vendorwatch status [--json]');
  });
});
