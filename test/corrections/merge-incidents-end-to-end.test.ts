// Merging two incidents through the real pipeline: loopback feeds, detection and the incident tracker, the real
// Slack adapter answering a signed `/vendor-incidents merge` against the fake Slack Web API, and the delivery
// worker posting the pointer in the merged incident's thread and editing that incident's alert to say where it went.

import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { blocksOf, type HostServer, postSigned, slashCommandBody, startHostServer } from '../slack/support/slack-harness.js';
import { HARNESS_ALERT_CHANNEL, HARNESS_SIGNING_SECRET, type Harness, startHarness } from '../support/app-harness.js';
import { type Story, storyFeed } from './support/story-feed.js';

const DAY = 86_400_000;

const rss = (items: Story[]): string => storyFeed('Health IT News', items);

// One real incident that grouping split in two: the second report dates the intrusion months later.
const first: Story = {
  guid: 'carecloud-first',
  date: '2026-03-30T10:00:00Z',
  title: 'CareCloud reports ransomware attack on its EHR platform',
  text: 'CareCloud said a ransomware attack in March 2026 disrupted its EHR platform and exposed patient records of hospitals it serves.',
};
const second: Story = {
  guid: 'carecloud-second',
  date: '2026-11-20T10:00:00Z',
  title: 'CareCloud says hackers stole patient data in November 2026 breach',
  text: 'CareCloud said hackers who broke into its EHR platform in November 2026 stole patient data of clinics it serves.',
};
const followUp: Story = {
  guid: 'carecloud-second-follow-up',
  date: '2026-11-25T10:00:00Z',
  title: 'CareCloud November 2026 breach: lawsuit filed over stolen patient data',
  text: 'Patients sued CareCloud over the November 2026 breach of its EHR platform, in which hackers stole patient data of clinics.',
};

let harness: Harness | null = null;
let host: HostServer | null = null;
afterEach(async () => {
  await harness?.close();
  await host?.close();
  harness = null;
  host = null;
});

describe('merging incidents end to end', () => {
  it('merging two incidents leaves one with all sources, a pointer in the other thread, and later reports going to the first', async () => {
    host = await startHostServer();
    harness = await startHarness({
      feeds: { '/news.xml': { kind: 'feed', body: rss([first, second]), etag: '"v1"' } },
      start: new Date('2026-11-21T12:00:00Z'),
      routes: host,
    });
    const h = harness;
    await h.app.runCycle({ backfill: true });
    const alerts = h.topLevelPosts();
    expect(alerts).toHaveLength(2);
    const [kept, merged] = (await h.app.store.incidents.all()).sort((a, b) => a.id - b.id);
    expect(await h.app.store.incidents.sourceItemIds(kept!.id)).toHaveLength(1);

    const body = slashCommandBody({
      text: `merge ${kept!.id} ${merged!.key}`,
      responseUrl: h.slack.responseUrl('merge'),
      channelId: HARNESS_ALERT_CHANNEL,
    });
    expect((await postSigned(`${host.url}/slack/events`, body, { secret: HARNESS_SIGNING_SECRET })).status).toBe(200);
    await h.slack.waitFor(() => h.slack.responses.some((r) => r.path === '/respond/merge'));
    const answer = JSON.stringify(h.slack.responses.find((r) => r.path === '/respond/merge')!.body);
    expect(answer).toContain(`is merged into *${kept!.key}*, which now holds all 2 sources`);

    // One incident with every source; the merged one's thread points to it.
    expect(await h.app.store.incidents.sourceItemIds(kept!.id)).toHaveLength(2);
    expect(await h.app.store.incidents.sourceItemIds(merged!.id)).toEqual([]);
    const mergedAlertTs = alerts.find((a) => a.text.includes('November 2026 breach'))!.ts;
    await h.slack.waitFor(() => h.threadReplies().some((r) => r.threadTs === mergedAlertTs));
    expect(h.threadReplies().find((r) => r.threadTs === mergedAlertTs)!.text).toContain(`into ${kept!.key}`);

    // The merged alert itself is edited (chat.update of that message): it says where its story went, who merged it
    // and when, and offers nothing more to acknowledge or dismiss.
    await h.app.worker.deliverDue();
    const mergedEdits = h.slack.callsTo('chat.update').filter((c) => c.params.ts === mergedAlertTs);
    expect(mergedEdits).toHaveLength(1);
    expect(mergedEdits[0]!.params.channel).toBe(HARNESS_ALERT_CHANNEL);
    const mergedBlocks = JSON.stringify(blocksOf(mergedEdits[0]!.params));
    expect(mergedBlocks).toContain(`Merged into *${kept!.key}* by *jordan.reyes* at 2026-11-21 12:00 UTC; later reports go there.`);
    expect(mergedBlocks).not.toMatch(/"action_id":"vw_(ack|not_vendor)"/);
    expect(mergedEdits[0]!.params.text).toContain(`(merged into ${kept!.key} by jordan.reyes)`);

    // A later report of the merged incident goes to the first: its thread, not a new alert.
    h.feeds.route('/news.xml', { kind: 'feed', body: rss([first, second, followUp]), etag: '"v2"' });
    h.clock.advance(5 * DAY);
    await h.app.runCycle({ backfill: false });
    expect(h.topLevelPosts()).toHaveLength(2);
    expect(await h.app.store.incidents.sourceItemIds(kept!.id)).toHaveLength(3);
    const keptAlertTs = alerts.find((a) => !a.text.includes('November 2026 breach'))!.ts;
    expect(h.threadReplies().some((r) => r.threadTs === keptAlertTs && r.text.includes('Update on CareCloud: 1 new report'))).toBe(true);

    const env = { VENDORWATCH_DB: h.dbPath, VENDORWATCH_WATCHLIST: h.app.config.watchlistPath, LOG_LEVEL: 'silent' };
    expect((await runCli(['incidents'], env)).stdout).toContain(`[merged into ${kept!.key} by`);
  });
});
