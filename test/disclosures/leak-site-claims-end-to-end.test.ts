// Leak-site claims from a ransomware tracker (ransomware.live's recent-victims JSON), polled as a feeds-file entry
// of type `ransomware-live` by the running bot: a claim against a watchlist vendor alerts as "claimed by <group>,
// not confirmed", and a later news report of the same breach goes to the alert's thread saying it is confirmed and
// by what.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildAlertView } from '../../src/incidents/alert-view.js';
import { provenanceOf } from '../../src/sources/provenance.js';
import { type Story, storyFeed } from '../corrections/support/story-feed.js';
import {
  alertBlocksText,
  type DisclosureHarness,
  SOURCE_FIXTURES,
  startDisclosureHarness,
  threadBlocksText,
} from './support/disclosure-harness.js';

const CLAIMS = readFileSync(join(SOURCE_FIXTURES, 'ransomware-live-v2.json'), 'utf8');
const HOUR = 3_600_000;

const quietDay: Story = {
  guid: 'clinic-hours',
  date: '2025-03-13T08:00:00Z',
  title: 'County clinics extend weekend opening hours',
  text: 'Three county clinics will open on Saturdays from April, the health board said.',
};
const confirmation: Story = {
  guid: 'acme-billing-confirms-attack',
  date: '2025-03-14T14:00:00Z',
  title: 'Acme Billing confirms ransomware attack on its claims servers',
  text:
    'Acme Billing, a medical billing company serving physician groups, said on Friday that a ransomware attack encrypted ' +
    'servers that hold patient claims files on March 12, 2025. The kraken ransomware group had listed the company on its leak site. ' +
    'Acme Billing said it is notifying affected patients.',
};

let running: DisclosureHarness | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

describe('leak-site claims through the running bot', () => {
  it('a claim against a watchlist vendor alerts as not confirmed; a later news report goes to its thread as the confirmation', async () => {
    running = await startDisclosureHarness({
      feeds: [
        {
          name: 'ransomware.live recent victims',
          path: '/v2/recentvictims',
          type: 'ransomware-live',
          route: { kind: 'feed', body: CLAIMS, contentType: 'application/json' },
        },
        { name: 'Health Wire', path: '/news.xml', route: { kind: 'feed', body: storyFeed('Health Wire', [quietDay]), etag: '"v1"' } },
      ],
      vendors: [{ name: 'Acme Billing', domains: ['acmebilling.example'], category: 'medical billing', criticality: 'high' }],
      start: new Date('2025-03-14T12:00:00Z'),
    });
    const h = running.harness;
    await h.app.runCycle({ backfill: true });

    const claim = (await h.app.store.items.byIds([1, 2, 3, 4])).find(
      (item) => item.provenance === 'leak-site' && item.party?.domain === 'acmebilling.example',
    );
    expect(claim?.facts.threatActor).toBe('kraken');
    expect(claim?.canonicalUrl).toMatch(/^https:\/\/www\.ransomware\.live\//);
    const alerts = h.topLevelPosts();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.text).toMatch(/^Acme Billing \(high\) claimed by kraken, not confirmed: /);
    expect(alertBlocksText(h)[0]).toContain('Claimed by kraken, not confirmed.');
    expect(alertBlocksText(h)[0]).toContain('*Leak-site claim* · ');

    running.publishers.route('/news.xml', { kind: 'feed', body: storyFeed('Health Wire', [quietDay, confirmation]), etag: '"v2"' });
    h.clock.advance(3 * HOUR);
    await h.app.runCycle({ backfill: false });

    // One incident, one alert: the news report joined the claim's thread.
    expect(h.topLevelPosts()).toHaveLength(1);
    const incidents = (await h.app.store.incidents.all()).filter((incident) => incident.vendor === 'Acme Billing');
    expect(incidents).toHaveLength(1);
    const replies = h.threadReplies();
    expect(replies).toHaveLength(1);
    expect(replies[0]?.threadTs).toBe(alerts[0]?.ts);
    expect(replies[0]?.text).toMatch(
      /^Update on Acme Billing: confirmed by a news report \(Health Wire\), after the leak-site claim by kraken(;|$)/,
    );
    expect(threadBlocksText(h)[0]).toContain('*News* · <https://news.example/acme-billing-confirms-attack|Health Wire>');
    const view = await buildAlertView(h.app.store, incidents[0]!.id, h.app.vendors, h.clock.now());
    expect(view?.standing).toMatchObject({ state: 'confirmed', groups: ['kraken'], by: { provenance: 'news', outlet: 'Health Wire' } });
    // The claim is listed last, after the report that confirmed it; the alert is edited to say it is confirmed.
    expect(view?.sources.map(provenanceOf)).toEqual(['news', 'leak-site']);
    expect(h.slack.callsTo('chat.update').at(-1)?.params.blocks).toContain('*Confirmed* by a news report (Health Wire)');
  });

  it('matches a claim by the vendor’s domain first, whatever name the group posted it under', async () => {
    // The group posts the victim under a name no watchlist term matches; the domain is the vendor's own (a subdomain),
    // which the vendor matcher finds (the watchlist's `domains`): without it nothing would name Acme Billing.
    const claims = JSON.stringify([
      {
        victim: 'AB Holdings Group LLC',
        group: 'kraken',
        domain: 'portal.acmebilling.example',
        discovered: '2025-03-13 09:00:00',
        country: 'US',
      },
    ]);
    running = await startDisclosureHarness({
      feeds: [
        {
          name: 'ransomware.live recent victims',
          path: '/v2/recentvictims',
          type: 'ransomware-live',
          route: { kind: 'feed', body: claims, contentType: 'application/json' },
        },
      ],
      vendors: [{ name: 'Acme Billing', domains: ['acmebilling.example'], category: 'medical billing', criticality: 'high' }],
      start: new Date('2025-03-14T12:00:00Z'),
    });
    const h = running.harness;
    await h.app.runCycle({ backfill: true });
    const alerts = h.topLevelPosts();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.text).toMatch(/^Acme Billing \(high\) claimed by kraken, not confirmed: /);
  });

  it('claims against organisations off the watchlist alert nobody', async () => {
    running = await startDisclosureHarness({
      feeds: [
        {
          name: 'ransomware.live recent victims',
          path: '/v2/recentvictims',
          type: 'ransomware-live',
          route: { kind: 'feed', body: CLAIMS, contentType: 'application/json' },
        },
      ],
      vendors: [{ name: 'Brightwater Billing', criticality: 'high' }],
      start: new Date('2025-03-14T12:00:00Z'),
    });
    const report = await running.harness.app.runCycle({ backfill: true });
    expect(report.itemsNew).toBe(3);
    expect(running.harness.topLevelPosts()).toEqual([]);
  });
});
