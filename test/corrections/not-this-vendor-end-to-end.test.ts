// "Not this vendor" through the real pipeline: loopback feeds, detection, the incident tracker, the real Slack
// adapter (Bolt) answering a signed button click against the fake Slack Web API, and the `vendorwatch` CLI over
// the same store. The wrong match: "Epic" (an alias of the EHR maker Epic Systems) in stories about the games
// company Epic.

import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { blockActionBody, blocksOf, type HostServer, postSigned, startHostServer } from '../slack/support/slack-harness.js';
import { HARNESS_ALERT_CHANNEL, HARNESS_SIGNING_SECRET, type Harness, startHarness } from '../support/app-harness.js';
import { type Story, storyFeed } from './support/story-feed.js';

const DAY = 86_400_000;

const rss = (items: Story[]): string => storyFeed('Games Security News', items);

// Three separate incidents (their months are far apart), each read by detection as an Epic Systems breach.
const march: Story = {
  guid: 'epic-march',
  date: '2026-03-30T10:00:00Z',
  title: 'Hackers hit Epic, maker of Fortnite',
  text: 'Epic said a ransomware attack in March 2026 hit its systems and that attackers stole data of millions of players. Epic said it notified users.',
};
const marchFollowUp: Story = {
  guid: 'epic-march-follow-up',
  date: '2026-04-02T10:00:00Z',
  title: 'Epic says March ransomware attack exposed player addresses',
  text: 'Epic said the ransomware attack in March 2026 also exposed the home addresses of some players. Epic said it notified regulators.',
};
const november: Story = {
  guid: 'epic-november',
  date: '2026-11-20T10:00:00Z',
  title: 'Epic hit by second cyberattack as hackers leak source code',
  text: 'Epic said hackers broke into its build servers in November 2026 and leaked source code of its games. Epic is investigating.',
};
const nextMay: Story = {
  guid: 'epic-may',
  date: '2027-05-20T10:00:00Z',
  title: 'Epic confirms third breach as hackers steal player emails',
  text: 'Epic said attackers accessed a support database in May 2027 and stole email addresses of players. Epic said it reset passwords.',
};

let harness: Harness | null = null;
let host: HostServer | null = null;
afterEach(async () => {
  await harness?.close();
  await host?.close();
  harness = null;
  host = null;
});

describe('"Not this vendor" end to end', () => {
  it('dismisses the alert, stops its reminders, keeps the organisation from alerting the vendor again until the exclusion is removed', async () => {
    host = await startHostServer();
    harness = await startHarness({
      feeds: { '/news.xml': { kind: 'feed', body: rss([march]), etag: '"v1"' } },
      start: new Date('2026-03-30T12:00:00Z'),
      routes: host,
    });
    const h = harness;
    await h.app.runCycle({ backfill: true });
    const [alert] = h.topLevelPosts();
    expect(alert?.text).toContain('Epic Systems (high) reported breached');

    // A responder clicks "Not this vendor" on the alert: a signed Slack request to the running adapter.
    const click = blockActionBody({
      actionId: 'vw_not_vendor',
      value: '1',
      channel: HARNESS_ALERT_CHANNEL,
      messageTs: alert!.ts,
      userId: 'U0ANN0001',
      userName: 'Ann Responder',
      responseUrl: h.slack.responseUrl('dismiss'),
    });
    expect((await postSigned(`${host.url}/slack/events`, click, { secret: HARNESS_SIGNING_SECRET })).status).toBe(200);
    await h.slack.waitFor(() => h.slack.callsTo('chat.update').some((c) => JSON.stringify(blocksOf(c.params)).includes('Dismissed by')));
    const update = h.slack.callsTo('chat.update').find((c) => JSON.stringify(blocksOf(c.params)).includes('Dismissed by'))!;
    expect(update.params).toMatchObject({ channel: HARNESS_ALERT_CHANNEL, ts: alert!.ts });
    expect(JSON.stringify(blocksOf(update.params))).toContain('Dismissed by *Ann Responder* at 2026-03-30 12:00 UTC: not Epic Systems');

    // Reminders skip the dismissed alert.
    h.clock.advance(2 * DAY);
    expect((await h.app.runHousekeeping()).reminders).toBe(0);

    // A follow-up joins the dismissed incident and posts nothing in its thread.
    h.feeds.route('/news.xml', { kind: 'feed', body: rss([march, marchFollowUp]), etag: '"v1b"' });
    await h.app.runCycle({ backfill: false });
    expect(await h.app.store.incidents.sourceItemIds(1)).toHaveLength(2);
    expect(h.threadReplies()).toEqual([]);

    // A new incident, months later, that detection again reads as Epic Systems: no alert.
    h.feeds.route('/news.xml', { kind: 'feed', body: rss([march, marchFollowUp, november]), etag: '"v2"' });
    h.clock.advance(233 * DAY);
    await h.app.runCycle({ backfill: false });
    const incidents = await h.app.store.incidents.all();
    expect(incidents).toHaveLength(2);
    expect(incidents.find((i) => i.id === 2)).toMatchObject({ vendor: null, alertState: 'none' });
    expect(h.topLevelPosts()).toHaveLength(1);

    // The CLI lists the exclusion, and `incidents` shows who dismissed the alert and when.
    const env = { VENDORWATCH_DB: h.dbPath, VENDORWATCH_WATCHLIST: h.app.config.watchlistPath, LOG_LEVEL: 'silent' };
    const listed = await runCli(['watchlist', 'exclusions'], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('1  Epic Systems  not for "Epic"  by Ann Responder (slack) at 2026-03-30 12:00 UTC');
    const shown = await runCli(['incidents'], env);
    expect(shown.stdout).toContain('[dismissed by Ann Responder at 2026-03-30 12:00 UTC: not Epic Systems]');

    const unknown = await runCli(['watchlist', 'exclusions', '--remove', '7'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No exclusion has ID 7.');
    const removed = await runCli(['watchlist', 'exclusions', '--remove', '1'], env);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain('Removed exclusion 1');
    expect((await runCli(['watchlist', 'exclusions'], env)).stdout).toContain('No exclusions learned yet');

    // With the exclusion gone, the next such incident alerts the vendor again.
    h.feeds.route('/news.xml', { kind: 'feed', body: rss([march, marchFollowUp, november, nextMay]), etag: '"v3"' });
    h.clock.advance(181 * DAY);
    await h.app.runCycle({ backfill: false });
    expect(h.topLevelPosts()).toHaveLength(2);
    expect(h.topLevelPosts()[1]!.text).toContain('Epic confirms third breach');
  });
});
