import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/app-harness.js';

const HOUR = 3_600_000;
let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

const ann = { platform: 'slack' as const, userId: 'U0ANN0001', userName: 'Ann Responder' };

async function alerted(): Promise<Harness> {
  harness = await startHarness();
  await harness.app.runCycle({ backfill: true });
  expect(harness.topLevelPosts()).toHaveLength(1);
  return harness;
}

describe('reminders', () => {
  it('remind a high alert after 4 h, then daily, mentioning the owner, and stop once acknowledged', async () => {
    const h = await alerted();
    const alertTs = h.topLevelPosts()[0]!.ts;

    h.clock.advance(3 * HOUR);
    await h.app.runHousekeeping();
    expect(h.threadReplies()).toHaveLength(0);

    h.clock.advance(1.5 * HOUR);
    expect((await h.app.runHousekeeping()).reminders).toBe(1);
    const [reminder] = h.threadReplies();
    expect(reminder?.threadTs).toBe(alertTs);
    expect(reminder?.text).toContain('<@U0OWNER01>');
    expect(reminder?.text).toContain('not been acknowledged');

    h.clock.advance(5 * HOUR);
    await h.app.runHousekeeping();
    expect(h.threadReplies()).toHaveLength(1);

    h.clock.advance(20 * HOUR);
    await h.app.runHousekeeping();
    expect(h.threadReplies()).toHaveLength(2);

    const incidentId = (await h.app.store.incidents.forVendor('CareCloud'))[0]!.id;
    expect((await h.app.interactions.acknowledge({ incidentId, actor: ann })).kind).toBe('acknowledged');
    h.clock.advance(48 * HOUR);
    expect((await h.app.runHousekeeping()).reminders).toBe(0);
    expect(h.threadReplies()).toHaveLength(2);
  });
});

describe('mute', () => {
  it("stores who muted until when, announces it, keeps recording the vendor's incidents but posts none", async () => {
    harness = await startHarness({ feeds: {} });
    const h = harness;
    const outcome = await h.app.interactions.muteVendor({ vendor: 'carecloud', actor: ann, days: 7 });
    expect(outcome).toMatchObject({ kind: 'muted', vendor: 'CareCloud', until: '2026-04-08T09:00:00.000Z' });
    await h.app.worker.deliverDue();
    const announcement = h.topLevelPosts().find((post) => post.text.includes('muted CareCloud'));
    expect(announcement?.text).toContain('Ann Responder');
    expect(await h.app.store.interactions.activeMute('CareCloud', h.clock.now())).toMatchObject({ userId: 'U0ANN0001' });
    await h.close();

    // A fresh harness sharing nothing but the mute: seed reports arrive while CareCloud is muted.
    harness = await startHarness();
    await harness.app.interactions.muteVendor({ vendor: 'CareCloud', actor: ann, days: 7 });
    await harness.app.worker.deliverDue();
    const before = harness.topLevelPosts().length;
    await harness.app.runCycle({ backfill: true });
    expect(harness.topLevelPosts()).toHaveLength(before);
    const listing = await harness.app.interactions.lookupVendor('CareCloud');
    expect(listing.kind === 'found' && listing.incidents.map((i) => i.status)).toEqual(['muted']);

    // Unmuting announces itself too.
    expect((await harness.app.interactions.unmuteVendor({ vendor: 'CareCloud', actor: ann })).kind).toBe('unmuted');
    await harness.app.worker.deliverDue();
    expect(harness.topLevelPosts().some((post) => post.text.includes('unmuted CareCloud'))).toBe(true);
  });

  it('refuses mute and unmute to anyone but admins once admins are configured, and says why', async () => {
    harness = await startHarness({ feeds: {}, configFile: { roles: { admins: ['U0BOSS001'], responders: [] } } });
    const refused = await harness.app.interactions.muteVendor({ vendor: 'CareCloud', actor: ann, days: 7 });
    expect(refused.kind).toBe('forbidden');
    expect(refused.kind === 'forbidden' && refused.reason).toContain('admins');
    expect(await harness.app.store.interactions.activeMute('CareCloud', harness.clock.now())).toBeNull();
    const boss = { platform: 'slack' as const, userId: 'U0BOSS001', userName: 'Boss' };
    expect((await harness.app.interactions.muteVendor({ vendor: 'CareCloud', actor: boss, days: 7 })).kind).toBe('muted');
    expect((await harness.app.interactions.unmuteVendor({ vendor: 'CareCloud', actor: ann })).kind).toBe('forbidden');
  });
});

describe('daily digest', () => {
  it('is not posted when empty, and lists open alerts and off-watchlist healthcare breaches once', async () => {
    harness = await startHarness({ feeds: {} });
    expect(await harness.app.sendDigest()).toBe(false);
    expect(harness.topLevelPosts()).toHaveLength(0);
    await harness.close();

    harness = await startHarness();
    await harness.app.runCycle({ backfill: true });
    const alerts = harness.topLevelPosts().length;
    harness.clock.advance(HOUR);
    expect(await harness.app.sendDigest()).toBe(true);
    const digest = harness.topLevelPosts()[alerts];
    expect(digest?.text).toContain('daily digest');
    expect(digest?.text).toContain('Open alerts not yet acknowledged (1)');
    expect(digest?.text).toContain('CareCloud');
  });
});

describe('feed-health notices', () => {
  it('tell operators once when a feed has failed for over 24 h and once when it recovers', async () => {
    harness = await startHarness({ feeds: { '/flaky.xml': { kind: 'status', status: 500 } } });
    const h = harness;
    await h.app.runCycle({ backfill: false });
    expect(h.topLevelPosts()).toHaveLength(0);

    for (let hour = 0; hour < 30; hour += 6) {
      h.clock.advance(6 * HOUR + 1000);
      await h.app.runCycle({ backfill: false });
    }
    const notices = () => h.topLevelPosts().filter((post) => post.text.includes('flaky') || post.text.includes('Feed'));
    expect(notices()).toHaveLength(1);
    expect(notices()[0]?.text).toContain('failing since');

    h.feeds.route('/flaky.xml', {
      kind: 'feed',
      body: '<?xml version="1.0"?><rss version="2.0"><channel><title>Flaky</title></channel></rss>',
    });
    h.clock.advance(7 * HOUR);
    await h.app.runCycle({ backfill: false });
    h.clock.advance(7 * HOUR);
    await h.app.runCycle({ backfill: false });
    expect(notices()).toHaveLength(2);
    expect(notices()[1]?.text).toContain('recovered');
  });
});

describe('platform outage', () => {
  it('queues alerts while Slack is down for 10 minutes and delivers each once when it is back', async () => {
    harness = await startHarness();
    const h = harness;
    h.slack.setDown(true);
    await h.app.runCycle({ backfill: true });
    expect(h.topLevelPosts()).toHaveLength(0);
    expect(await h.app.store.deliveries.pendingCount()).toBe(1);
    for (let minute = 0; minute < 10; minute += 1) {
      h.clock.advance(60_000);
      await h.app.worker.deliverDue();
      expect(await h.app.store.deliveries.pendingCount()).toBe(1);
    }
    h.slack.setDown(false);
    // Retries back off (30 s doubling, at most an hour): within the hour after the outage it goes out, once.
    for (let minute = 0; minute < 60 && (await h.app.store.deliveries.pendingCount()) > 0; minute += 1) {
      h.clock.advance(60_000);
      await h.app.worker.deliverDue();
    }
    expect(await h.app.store.deliveries.pendingCount()).toBe(0);
    expect(h.topLevelPosts()).toHaveLength(1);
    expect(h.topLevelPosts()[0]?.text).toContain('CareCloud');
  });
});
