// Two `vendorwatch start` processes on one PostgreSQL database, polling every two seconds with a three-second lease,
// against the fake Slack: one polls at a time, each incident is alerted once, the other takes over when the
// poller is SIGKILLed, and either one answers a click on an alert the other posted.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { type FakeSlackApi, startFakeSlackApi } from '../slack/support/fake-slack-api.js';
import { blockActionBody, postSigned } from '../slack/support/slack-harness.js';
import { type FeedServer, startFeedServer } from '../support/feed-server.js';
import { createTestDatabase, postgresAvailable, skippedTitle, type TestDatabase } from '../support/postgres.js';
import {
  ALERT_CHANNEL,
  eventually,
  healthOf,
  LEASE_SECONDS,
  NEWS,
  publish,
  type Replica,
  SIGNING_SECRET,
  startReplica,
  tokenOf,
  writeWatchlist,
} from './support/replica-rig.js';

const available = await postgresAvailable();

/** The takeover the issue allows: one schedule interval plus the lease, with room for a loaded machine. */
const TAKEOVER_MS = (2 + LEASE_SECONDS) * 1000;

describe.skipIf(!available)(available ? 'two replicas on one PostgreSQL database' : skippedTitle(), () => {
  let slack: FakeSlackApi;
  let feeds: FeedServer;
  let database: TestDatabase;
  let watchlist: string;
  const replicas: Replica[] = [];

  beforeAll(async () => {
    slack = await startFakeSlackApi();
    feeds = await startFeedServer({});
    publish(feeds, [NEWS.calm]);
    database = await createTestDatabase('replicas');
    watchlist = writeWatchlist();
  });

  afterAll(async () => {
    for (const replica of replicas) replica.kill('SIGKILL');
    await Promise.all(replicas.map((replica) => replica.exited));
    await slack?.close();
    await feeds?.close();
  });

  const environment = () => ({ databaseUrl: database.url, feedUrl: feeds.url('/news.xml'), slackApiUrl: slack.apiUrl });
  const launch = (id: string) => {
    const replica = startReplica(id, environment(), watchlist);
    replicas.push(replica);
    return replica;
  };
  const alerts = () => slack.callsTo('chat.postMessage').filter((call) => !call.params.thread_ts && call.result?.ok);
  const alertsAbout = (vendor: string) => alerts().filter((call) => call.params.text?.includes(vendor));

  /** Both replicas answer /healthz and agree on one leader; returns [leader, follower]. */
  async function roles(pair: readonly Replica[]): Promise<[Replica, Replica]> {
    return eventually('one leader and one follower', async () => {
      const health = await Promise.all(pair.map((replica) => healthOf(replica)));
      const leaders = health.filter((h) => h.replica?.role === 'leader');
      if (leaders.length !== 1 || health.some((h) => h.replica?.leader !== leaders[0]?.replica?.id)) return null;
      const leader = pair.find((replica) => replica.id === leaders[0]?.replica?.id)!;
      return [leader, pair.find((replica) => replica !== leader)!] as [Replica, Replica];
    });
  }

  it('alerts each incident once, hands polling over after a SIGKILL, and either replica acknowledges', async () => {
    const a = launch('replica-a');
    const b = launch('replica-b');
    await Promise.all([a.port(), b.port()]);
    const [leader, follower] = await roles([a, b]);
    // The first poll of the feed records what it holds without alerting; wait for it before news arrives.
    await leader.waitForLog((entry) => /cycle \d+ done/.test(entry.msg));
    expect(follower.logged((entry) => /cycle \d+ done/.test(entry.msg))).toHaveLength(0);

    // 1. A new incident: exactly one alert, however many cycles both replicas run afterwards.
    publish(feeds, [NEWS.lakeview, NEWS.calm]);
    await slack.waitFor(() => alertsAbout('Lakeview Claims Processing').length === 1, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 3 * 2000));
    expect(alertsAbout('Lakeview Claims Processing')).toHaveLength(1);
    expect(follower.logged((entry) => /cycle \d+ done/.test(entry.msg))).toHaveLength(0);

    // 2. The Acknowledge click reaches the replica that did not post the alert, and works there.
    const alert = alertsAbout('Lakeview Claims Processing')[0]!;
    const poster = replicas.find((replica) => replica.token === alert.token)!;
    const other = poster === a ? b : a;
    const button = (
      JSON.parse(alert.params.blocks ?? '[]') as { elements?: { action_id: string; value: string; text?: { text: string } }[] }[]
    )
      .flatMap((block) => block.elements ?? [])
      .find((element) => element.text?.text === 'Acknowledge');
    expect(button).toBeDefined();
    const click = await postSigned(
      `http://127.0.0.1:${await other.port()}/slack/events`,
      blockActionBody({
        actionId: button!.action_id,
        value: button!.value,
        channel: ALERT_CHANNEL,
        messageTs: String(alert.result?.ts),
        userName: 'dana.okafor',
        userId: 'UDANA0001',
        responseUrl: slack.responseUrl('ack'),
      }),
      { secret: SIGNING_SECRET },
    );
    expect(click.status).toBe(200);
    await slack.waitFor(
      () =>
        slack
          .callsTo('chat.update')
          .some((call) => call.params.ts === String(alert.result?.ts) && (call.params.blocks ?? '').includes('Acknowledged by')),
      15_000,
    );
    const acknowledgements = await database.query<{ user_id: string }>('SELECT user_id FROM acknowledgements');
    expect(acknowledgements.map((row) => row.user_id)).toEqual(['UDANA0001']);

    // 3. The poller dies without a word; the other replica polls within a schedule interval plus the lease.
    const [current] = await roles([a, b]);
    const survivor = current === a ? b : a;
    current.kill('SIGKILL');
    await current.exited;
    const killedAt = Date.now();
    publish(feeds, [NEWS.ridgeway, NEWS.lakeview, NEWS.calm]);
    await slack.waitFor(() => alertsAbout('Ridgeway Imaging').length === 1, 30_000);
    const takeoverMs = Date.now() - killedAt;
    expect(takeoverMs).toBeLessThan(TAKEOVER_MS + 10_000);
    expect((await healthOf(survivor)).replica).toMatchObject({ id: survivor.id, role: 'leader', leader: survivor.id });

    // `status` says who polls.
    const status = await runCli(['status'], {
      VENDORWATCH_DB: database.url,
      VENDORWATCH_WATCHLIST: watchlist,
      VENDORWATCH_FEEDS: feeds.url('/news.xml'),
    });
    expect(status.stdout).toContain(`Polling replica: ${survivor.id}`);

    // 4. The killed replica comes back (same name); a third incident again gives one alert.
    const restarted = launch(current.id);
    await restarted.port();
    await roles([survivor, restarted]);
    publish(feeds, [NEWS.harbor, NEWS.ridgeway, NEWS.lakeview, NEWS.calm]);
    await slack.waitFor(() => alertsAbout('Harbor Dictation Services').length === 1, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 3 * 2000));

    // 5. Nothing was posted twice: one alert per incident, no message text repeated.
    expect(
      alerts()
        .map((call) => call.params.text?.match(/Lakeview Claims Processing|Ridgeway Imaging|Harbor Dictation Services/)?.[0])
        .sort(),
    ).toEqual(['Harbor Dictation Services', 'Lakeview Claims Processing', 'Ridgeway Imaging']);
    const posted = slack.callsTo('chat.postMessage').filter((call) => call.result?.ok);
    expect(new Set(posted.map((call) => `${call.params.thread_ts ?? ''}|${call.params.text}`)).size).toBe(posted.length);
    // Each replica's token was used for what it posted; the tokens are the ones configured.
    expect(new Set(posted.map((call) => call.token)).size).toBeGreaterThanOrEqual(1);
    expect(posted.every((call) => [tokenOf('replica-a'), tokenOf('replica-b')].includes(call.token ?? ''))).toBe(true);
  }, 150_000);
});
