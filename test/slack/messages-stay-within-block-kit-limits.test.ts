// Every kind of Slack message Vendorwatch sends, rendered from hostile input (1,000-character titles that grow
// five-fold when escaped, 2,000-character URLs, 200 sources, 100 incidents, every fact with long disagreeing
// values), stays within Block Kit's limits and says what it left out, instead of being refused by Slack.

import { afterEach, describe, expect, it } from 'vitest';
import type { Block } from '../../adapters/slack/block-kit.js';
import { clampMessage } from '../../adapters/slack/clamp-message.js';
import { renderAlert, renderAlertDetails } from '../../adapters/slack/render-alert.js';
import { renderIncidentList, renderReply, renderUnknownVendor, renderUsage } from '../../adapters/slack/render-incident-list.js';
import { renderNotice } from '../../adapters/slack/render-notice.js';
import { renderThreadUpdate } from '../../adapters/slack/render-thread-update.js';
import type { AlertView, FactView, IncidentListing, SourceView, ThreadUpdateView } from '../../src/core/chat.js';
import { FACT_NAMES } from '../../src/core/types.js';
import { blockKitViolations, SLACK_LIMITS } from './support/block-kit-limits.js';
import { ALERT_CHANNEL, blocksOf, type SlackTestRig, startSlackRig } from './support/slack-harness.js';

// `&`, `<` and `>` each become a 4- or 5-character entity once escaped: 1,000 of them are 5,000 characters.
const hostile = (length: number, seed = ''): string => `${seed}<!channel> & <@U0EVIL> `.repeat(Math.ceil(length / 22)).slice(0, length);
const longUrl = (i: number): string => `https://news.example/${i}/${'a&b=<c>|d'.repeat(250)}`.slice(0, 2000);

function hostileSources(count: number): SourceView[] {
  return Array.from({ length: count }, (_, i) => ({
    title: hostile(1000, `${i} `),
    url: longUrl(i),
    outlet: hostile(200, `Outlet ${i} `),
    published: '2026-04-02',
  }));
}

function hostileFacts(): FactView[] {
  return FACT_NAMES.map((name) => ({
    name,
    label: name,
    values: Array.from({ length: 5 }, (_, i) => ({
      value: hostile(500, `${i} `),
      sources: Array.from({ length: 20 }, (_, j) => hostile(100, `outlet ${j} `)),
    })),
  }));
}

function hostileAlert(): AlertView {
  return {
    incidentId: 42,
    incidentKey: 'medirelay-2026-04',
    vendor: { name: hostile(300, 'MediRelay '), criticality: 'critical', category: hostile(500), owner: hostile(300) },
    title: hostile(1000, 'MediRelay breach '),
    summary: hostile(20_000),
    facts: hostileFacts(),
    sources: hostileSources(200),
    related: Array.from({ length: 200 }, (_, i) => hostile(100, `Related ${i} `)),
    firstSeenAt: '2026-04-02T10:00:00.000Z',
    updatedAt: '2026-04-03T10:00:00.000Z',
    acknowledgement: {
      platform: 'slack',
      userId: 'U0ACK0001',
      userName: hostile(200),
      at: '2026-04-03T11:00:00.000Z',
      comment: hostile(1000),
    },
    mutedUntil: '2026-04-10T11:00:00.000Z',
  };
}

function hostileListings(count: number): IncidentListing[] {
  return Array.from({ length: count }, (_, i) => ({
    incidentId: i + 1,
    incidentKey: `incident-${i}`,
    vendor: hostile(300, `Vendor ${i} `),
    title: hostile(1000, `Incident ${i} `),
    date: `2026-03-${String((i % 28) + 1).padStart(2, '0')}`,
    status: i % 3 === 0 ? 'acknowledged' : i % 3 === 1 ? 'muted' : 'open',
    acknowledgedBy: i % 3 === 0 ? hostile(200) : null,
    sourceCount: 200,
    alertLinks: i % 2 === 0 ? [{ platform: 'slack', url: longUrl(i) }] : [],
    firstSourceUrl: longUrl(i),
  }));
}

const allText = (blocks: unknown): string => JSON.stringify(blocks);

const MESSAGE_KINDS: [string, () => { text: string; blocks: unknown[] }][] = [
  ['alert', () => renderAlert(hostileAlert(), { mentionOwner: true, deliveryId: 'd-1' })],
  [
    'alert, not yet acknowledged',
    () => renderAlert({ ...hostileAlert(), acknowledgement: null, mutedUntil: null }, { mentionOwner: true }),
  ],
  ['alert details', () => renderAlertDetails(hostileAlert())],
  [
    'thread update',
    () =>
      renderThreadUpdate(
        { alert: hostileAlert(), newSources: hostileSources(200), newFacts: hostileFacts() } satisfies ThreadUpdateView,
        'd-2',
      ),
  ],
  ['incident list of a vendor', () => renderIncidentList(hostile(300, 'Vendor '), hostileListings(100))],
  ['incident list of the last 7 days', () => renderIncidentList('Incidents of the last 7 days', hostileListings(100), true)],
  ['help', () => renderUsage(hostile(5000))],
  ['reply', () => renderReply(hostile(10_000))],
  [
    'unknown vendor',
    () =>
      renderUnknownVendor(
        hostile(5000),
        Array.from({ length: 100 }, (_, i) => hostile(300, `Suggestion ${i} `)),
      ),
  ],
  [
    'digest',
    () =>
      renderNotice(
        { kind: 'digest', text: Array.from({ length: 2000 }, (_, i) => hostile(300, `Line ${i} `)).join('\n') },
        { deliveryId: 'd-3' },
      ),
  ],
  [
    'reminder',
    () => renderNotice({ kind: 'reminder', text: hostile(50_000), alert: hostileAlert() }, { deliveryId: 'd-4', mentionOwner: true }),
  ],
  ['mute notice', () => renderNotice({ kind: 'mute', text: hostile(5000) })],
  [
    'feed-health notice',
    () => renderNotice({ kind: 'feed-health', text: Array.from({ length: 300 }, (_, i) => hostile(2000, `Feed ${i} `)).join('\n') }),
  ],
  ['info notice of one endless line', () => renderNotice({ kind: 'info', text: hostile(100_000) })],
];

describe('every Slack message stays within Block Kit limits', () => {
  it.each(MESSAGE_KINDS)('%s, from hostile input', (_kind, render) => {
    const message = render();
    expect(blockKitViolations(message)).toEqual([]);
    expect(message.blocks.length).toBeGreaterThan(0);
  });

  it('says how many sources, incidents and lines it left out instead of failing', () => {
    expect(allText(renderAlert(hostileAlert(), { mentionOwner: false }).blocks)).toMatch(
      /…and \d+ more\. Press \*Details\* for the full list\./,
    );
    expect(allText(renderAlert(hostileAlert(), { mentionOwner: false }).blocks)).toMatch(/Related 1 .* and \d+ more/);
    expect(allText(renderAlertDetails(hostileAlert()).blocks)).toMatch(/…and \d+ more sources not shown\./);
    expect(allText(renderThreadUpdate({ alert: hostileAlert(), newSources: hostileSources(200), newFacts: [] }).blocks)).toMatch(
      /…and \d+ more\./,
    );
    const list = renderIncidentList('Incidents of the last 7 days', hostileListings(100), true);
    expect(allText(list.blocks)).toMatch(/…and \d+ older\. `vendorwatch incidents` on the server lists them all\./);
    expect(list.text).toBe('Incidents of the last 7 days: 100 incidents');
    // A vendor's lookup carries its 50 newest incidents and the count of all of them.
    const newest = renderIncidentList('CareCloud', hostileListings(50), false, 120);
    expect(newest.text).toBe('CareCloud: 120 incidents');
    const listed = newest.blocks.length - 2;
    expect(allText(newest.blocks)).toContain(`…and ${120 - listed} older.`);
    const digest = renderNotice({
      kind: 'digest',
      text: Array.from({ length: 2000 }, (_, i) => `Line ${i}: a healthcare breach`).join('\n'),
    });
    expect(allText(digest.blocks)).toMatch(/…and \d+ more lines not shown\./);
    expect(allText(digest.blocks)).toContain('Line 0: a healthcare breach');
  });

  it('keeps the buttons, the status and the footer of an alert however much is cut', () => {
    const blocks = renderAlert({ ...hostileAlert(), acknowledgement: null }, { mentionOwner: false }).blocks as Block[];
    expect(blocks.at(-2)).toMatchObject({ type: 'actions', block_id: 'vw_alert_actions' });
    expect(allText(blocks.at(-1))).toContain('Vendorwatch · medirelay-2026-04 · 200 sources');
    expect(allText(blocks.at(-3))).toContain('muted until 2026-04-10 11:00 UTC');
  });

  it('clamps a message built without the renderers: too many blocks, fields, elements and characters', () => {
    const long = (n: number) => 'x'.repeat(n);
    const blocks: Block[] = [
      { type: 'header', text: { type: 'plain_text', text: long(500) } },
      ...Array.from({ length: 60 }, () => ({ type: 'section' as const, text: { type: 'mrkdwn' as const, text: long(3500) } })),
      { type: 'section', fields: Array.from({ length: 15 }, () => ({ type: 'mrkdwn' as const, text: long(2500) })) },
      { type: 'context', elements: Array.from({ length: 15 }, () => ({ type: 'mrkdwn' as const, text: long(100) })) },
      { type: 'section', text: { type: 'mrkdwn', text: '' } },
      {
        type: 'actions',
        block_id: long(300),
        elements: Array.from({ length: 30 }, (_, i) => ({
          type: 'button' as const,
          action_id: `a${i}${long(300)}`,
          text: { type: 'plain_text' as const, text: long(100) },
          value: long(3000),
          confirm: {
            title: { type: 'plain_text', text: long(200) },
            text: { type: 'plain_text', text: long(500) },
            confirm: { type: 'plain_text', text: long(50) },
            deny: { type: 'plain_text', text: long(50) },
          },
        })),
      },
    ];
    const clamped = clampMessage({ text: long(50_000), blocks }, 1);
    expect(blockKitViolations(clamped)).toEqual([]);
    expect(clamped.blocks.at(-1)).toMatchObject({ type: 'actions' });
    expect(allText(clamped.blocks)).toContain('more not shown.');
    // The caller's message is left as it was.
    expect((blocks[1] as { text: { text: string } }).text.text).toHaveLength(3500);
  });

  it('leaves a message already within the limits as it was', () => {
    const message = {
      text: 'CareCloud reported breached',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*CareCloud*', verbatim: true } }] as Block[],
    };
    expect(clampMessage(message)).toEqual(message);
  });
});

describe('over loopback, against a fake Slack API that refuses what Slack refuses', () => {
  let rig: SlackTestRig | null = null;
  afterEach(async () => {
    await rig?.close();
    rig = null;
  });

  it('posts a hostile alert, its thread update and a digest as within-limits chat.postMessage calls', async () => {
    rig = await startSlackRig({}, false, { strictBlockKit: true });
    const destination = { platform: 'slack' as const, address: ALERT_CHANNEL };
    const posted = await rig.adapter.postAlert(destination, hostileAlert(), 'd-hostile');
    await rig.adapter.postThreadUpdate(
      posted,
      { alert: hostileAlert(), newSources: hostileSources(200), newFacts: hostileFacts() },
      'd-update',
    );
    await rig.adapter.postNotice(
      destination,
      { kind: 'digest', text: Array.from({ length: 2000 }, (_, i) => hostile(300, `Line ${i} `)).join('\n') },
      null,
      'd-digest',
    );
    await rig.adapter.refreshAlert(posted, hostileAlert());
    const calls = [...rig.api.callsTo('chat.postMessage'), ...rig.api.callsTo('chat.update')];
    expect(calls).toHaveLength(4);
    for (const call of calls) {
      expect(call.result?.ok).toBe(true);
      expect(blockKitViolations({ text: call.params.text, blocks: blocksOf(call.params) })).toEqual([]);
      expect((call.params.text ?? '').length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
    }
    expect(JSON.stringify(blocksOf(calls[0]!.params))).toContain('Press *Details* for the full list.');
  });

  it('the strict fake does refuse an over-limit message, as Slack would', async () => {
    rig = await startSlackRig({}, false, { strictBlockKit: true });
    const response = await fetch(`${rig.api.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer xoxb-test' },
      body: JSON.stringify({
        channel: ALERT_CHANNEL,
        text: 'x',
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }],
      }),
    });
    expect(await response.json()).toMatchObject({ ok: false, error: 'invalid_blocks' });
  });
});
