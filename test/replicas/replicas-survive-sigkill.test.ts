// The SIGKILL loop of test/delivery/crash-recovery.test.ts, on two replicas sharing one PostgreSQL database: the
// replica making a Slack call is killed while Slack holds the message or while it looks an earlier attempt up, and
// is started again. The delivery it started is finished by whichever replica claims it next, which first looks it
// up on Slack. Across every kill exactly one alert and one thread update reach Slack.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlackApi, type RecordedCall, startFakeSlackApi } from '../slack/support/fake-slack-api.js';
import { type FeedServer, startFeedServer } from '../support/feed-server.js';
import { createTestDatabase, postgresAvailable, skippedTitle, type TestDatabase } from '../support/postgres.js';
import { eventually, NEWS, publish, type Replica, startReplica, writeWatchlist } from './support/replica-rig.js';

const available = await postgresAvailable();

interface KillPoint {
  label: string;
  method: string;
  /** Only calls in a thread (a thread update), or only top-level ones. */
  inThread: boolean;
}

describe.skipIf(!available)(available ? 'replicas killed mid-delivery' : skippedTitle(), () => {
  let slack: FakeSlackApi;
  let feeds: FeedServer;
  let database: TestDatabase;
  let watchlist: string;
  const running = new Map<string, Replica>();
  const all: Replica[] = [];
  let armed: KillPoint | null = null;
  const kills: { point: string; replica: string }[] = [];

  const launch = (id: string): Replica => {
    const replica = startReplica(id, { databaseUrl: database.url, feedUrl: feeds.url('/news.xml'), slackApiUrl: slack.apiUrl }, watchlist);
    running.set(id, replica);
    all.push(replica);
    return replica;
  };

  /** Kills the replica that made this call, if it matches the armed point, and starts it again once it is gone. */
  const maybeKill = (call: RecordedCall) => {
    const point = armed;
    if (!point || call.method !== point.method || Boolean(call.params.thread_ts) !== point.inThread) return;
    const replica = [...running.values()].find((candidate) => candidate.token === call.token);
    if (!replica) return;
    armed = null;
    kills.push({ point: point.label, replica: replica.id });
    replica.kill('SIGKILL');
    void replica.exited.then(() => {
      if (running.get(replica.id) === replica) launch(replica.id);
    });
  };

  beforeAll(async () => {
    // Each answer is held back a little: a kill lands after Slack has the message and before the replica knows its ts.
    slack = await startFakeSlackApi({ responseDelayMs: 150, onCall: (call) => maybeKill(call) });
    feeds = await startFeedServer({});
    publish(feeds, [NEWS.calm]);
    database = await createTestDatabase('replica_kills');
    watchlist = writeWatchlist();
  });

  afterAll(async () => {
    for (const replica of all) replica.kill('SIGKILL');
    await Promise.all(all.map((replica) => replica.exited));
    await slack?.close();
    await feeds?.close();
  });

  const alerts = () => slack.callsTo('chat.postMessage').filter((call) => !call.params.thread_ts && call.result?.ok);
  const replies = () => slack.callsTo('chat.postMessage').filter((call) => call.params.thread_ts && call.result?.ok);
  const outboxSettled = async () => {
    const [row] = await database.query<{ pending: string }>("SELECT count(*) AS pending FROM deliveries WHERE status = 'pending'");
    return Number(row?.pending) === 0;
  };

  /** Arms each kill point in turn and waits until it fired (the killed replica is restarted by maybeKill). */
  async function killAt(points: readonly KillPoint[]): Promise<void> {
    for (const point of points) {
      const before = kills.length;
      armed = point;
      await eventually(`a kill ${point.label}`, async () => kills.length > before, 40_000);
    }
  }

  it('posts the alert and its thread update exactly once however the replicas are killed', async () => {
    launch('replica-a');
    launch('replica-b');
    const first = await Promise.race(
      [...running.values()].map((replica) => replica.waitForLog((e) => /cycle \d+ done/.test(e.msg), 40_000)),
    );
    expect(first).toBeDefined();

    publish(feeds, [NEWS.lakeview, NEWS.calm]);
    await killAt([
      { label: 'while Slack holds the alert', method: 'chat.postMessage', inThread: false },
      { label: 'while looking the alert up in the channel history', method: 'conversations.history', inThread: false },
    ]);
    await eventually('the alert delivered and recorded', async () => alerts().length >= 1 && (await outboxSettled()), 60_000);
    expect(alerts()).toHaveLength(1);

    publish(feeds, [NEWS.lakeviewFollowUp, NEWS.lakeview, NEWS.calm]);
    await killAt([
      { label: 'while Slack holds the thread update', method: 'chat.postMessage', inThread: true },
      { label: 'while looking the update up in the thread', method: 'conversations.replies', inThread: false },
    ]);
    await eventually('the thread update delivered and recorded', async () => replies().length >= 1 && (await outboxSettled()), 60_000);
    // A few more cycles on both replicas change nothing.
    await new Promise((resolve) => setTimeout(resolve, 6_000));

    expect(kills.map((kill) => kill.point)).toHaveLength(4);
    expect(alerts()).toHaveLength(1);
    expect(alerts()[0]?.params.text).toContain('Lakeview Claims Processing');
    expect(replies()).toHaveLength(1);
    expect(replies()[0]?.params.thread_ts).toBe(String(alerts()[0]?.result?.ts));
    const [failed] = await database.query<{ n: string }>("SELECT count(*) AS n FROM deliveries WHERE status = 'failed'");
    expect(Number(failed?.n)).toBe(0);
  }, 240_000);
});
