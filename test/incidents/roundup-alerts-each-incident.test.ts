// Class 9 of issue 15 through the real pipeline: a roundup that reports two separate incidents alerts each vendor
// once, each in its own incident, and a later report about one of them goes to that vendor's thread.

import { afterEach, describe, expect, it } from 'vitest';
import { type Story, storyFeed } from '../corrections/support/story-feed.js';
import { type Harness, startHarness } from '../support/app-harness.js';

const DAY = 86_400_000;
const rss = (items: Story[]): string => storyFeed('Health Security Weekly', items);

const vendors = [
  { name: 'Brightwater Billing', category: 'medical billing', criticality: 'high' },
  { name: 'Norhaven Systems', aliases: ['Norhaven'], category: 'EHR', criticality: 'high' },
];

const roundup: Story = {
  guid: 'weekly-roundup',
  date: '2026-04-10T10:00:00Z',
  title: 'Brightwater Billing and Norhaven Systems report separate hacks',
  text:
    'Two healthcare vendors disclosed unrelated cyberattacks this week. Brightwater Billing said an intruder copied claim files from its billing servers in March 2026. ' +
    'Separately, Norhaven Systems said ransomware encrypted servers in its hosting centre on April 2, 2026.',
};
const followUp: Story = {
  guid: 'norhaven-follow-up',
  date: '2026-04-20T10:00:00Z',
  title: 'Norhaven Systems says ransomware attack exposed patient records of 40,000 people',
  text: 'Norhaven Systems said the ransomware attack on its hosting centre in early April 2026 exposed patient records of 40,000 people at clinics it serves.',
};

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

describe('a roundup of separate incidents', () => {
  it('alerts each vendor in its own incident, and a later report joins the right thread', async () => {
    harness = await startHarness({
      vendors,
      feeds: { '/news.xml': { kind: 'feed', body: rss([roundup]), etag: '"v1"' } },
      start: new Date('2026-04-10T12:00:00Z'),
    });
    const h = harness;
    await h.app.runCycle({ backfill: true });

    const incidents = await h.app.store.incidents.all();
    expect(incidents.map((i) => i.vendor).sort()).toEqual(['Brightwater Billing', 'Norhaven Systems']);
    expect(new Set(incidents.map((i) => i.key)).size).toBe(2);
    const alerts = h.topLevelPosts();
    expect(alerts).toHaveLength(2);
    expect(alerts.filter((a) => a.text.startsWith('Brightwater Billing'))).toHaveLength(1);
    expect(alerts.filter((a) => a.text.startsWith('Norhaven Systems'))).toHaveLength(1);

    h.feeds.route('/news.xml', { kind: 'feed', body: rss([roundup, followUp]), etag: '"v2"' });
    h.clock.advance(10 * DAY);
    await h.app.runCycle({ backfill: false });
    expect(h.topLevelPosts()).toHaveLength(2);
    const norhavenAlert = alerts.find((a) => a.text.startsWith('Norhaven Systems'))!;
    await h.slack.waitFor(() => h.threadReplies().some((r) => r.threadTs === norhavenAlert.ts));
    const norhaven = (await h.app.store.incidents.all()).find((i) => i.vendor === 'Norhaven Systems')!;
    expect(await h.app.store.incidents.sourceItemIds(norhaven.id)).toHaveLength(2);
    const brightwater = (await h.app.store.incidents.all()).find((i) => i.vendor === 'Brightwater Billing')!;
    expect(await h.app.store.incidents.sourceItemIds(brightwater.id)).toHaveLength(1);
  });
});
