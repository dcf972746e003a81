// Teams refuses a bot message over its size limit (413 MessageSizeTooBig), and the limit is on the whole
// activity. Hostile feed text (200 sources with 2,000-character URLs and 1,000-character titles, 100 incidents
// in a list), stored in the real core, goes through the real adapter over loopback; every activity the fake
// connector receives, and every invoke response, must stay under 26,000 bytes counted as UTF-8 and as UTF-16, and
// still be a usable card.

import { afterEach, describe, expect, it } from 'vitest';
import type { AlertView, FactView, SourceView } from '../../src/core/chat.js';
import type { FactName } from '../../src/core/types.js';
import { FACT_LABELS } from '../../src/incidents/alert-view.js';
import { createChatCore } from '../support/chat-core.js';
import { cardTexts } from './support/card-links.js';
import type { ConnectorCall } from './support/fake-connector.js';
import { loadAlert } from './support/load-fixture.js';
import { GENERAL_CHANNEL, type LoopbackHarness, postAlertAndRecord, startLoopbackHarness } from './support/loopback-harness.js';

const CAP = 26_000;

/** What Teams counts, read the strict way: the larger of the UTF-8 bytes and the UTF-16 bytes. */
function weight(json: string): number {
  return Math.max(Buffer.byteLength(json, 'utf8'), json.length * 2);
}

// Every markdown special, a 4-byte emoji and accents, so escaping and encoding make the text as heavy as it gets.
const HOSTILE = '**[pwn](javascript:x)** <at>all</at> {{t}} 🔥 Sécurité_(1) ';
const long = (chars: number, seed: string) => (seed + HOSTILE).repeat(Math.ceil(chars / (seed.length + HOSTILE.length))).slice(0, chars);
const hostileUrl = (i: number) => `https://news.example/${i}/${'a_(b)*'.repeat(400)}`.slice(0, 2000);

const hostileOutlet = (i: number) => long(200, `Outlet ${i} `);

function hostileSources(n: number): SourceView[] {
  return Array.from({ length: n }, (_, i) => ({
    title: long(1000, `Report ${i} `),
    url: hostileUrl(i),
    outlet: hostileOutlet(i),
    published: '2026-03-30',
  }));
}

const FACT_NAMES = Object.keys(FACT_LABELS) as FactName[];

/** `count` facts (every fact name in turn), each with 10 long values stated by 8 of the sources. */
function hostileFacts(count: number): FactView[] {
  return Array.from({ length: count }, (_, i) => {
    const name = FACT_NAMES[i % FACT_NAMES.length]!;
    return {
      name,
      label: FACT_LABELS[name],
      values: Array.from({ length: 10 }, (_, j) => ({
        value: long(1000, `${name} ${i} value ${j} `),
        sources: Array.from({ length: 8 }, (_, k) => hostileOutlet(k)),
      })),
    };
  });
}

function hostileAlert(incidentId: number): AlertView {
  const base = loadAlert('carecloud-alert');
  return {
    ...base,
    incidentId,
    incidentKey: long(200, `key-${incidentId} `),
    vendor: { ...base.vendor, category: long(500, 'EHR '), owner: long(500, 'Owner ') },
    title: long(1000, `Title ${incidentId} `),
    summary: long(20_000, 'Summary. '),
    // Only incident 1's alert is rendered whole; the lists show titles, keys and source counts.
    facts: incidentId === 1 ? hostileFacts(FACT_NAMES.length) : [],
    sources: hostileSources(200),
    related: Array.from({ length: 100 }, (_, i) => long(300, `Related ${i} `)),
  };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function hostileInstall(): Promise<LoopbackHarness> {
  const core = createChatCore();
  for (let id = 1; id <= 100; id++) core.addAlert(hostileAlert(id));
  const h = await startLoopbackHarness({}, core);
  cleanups.push(() => h.close());
  expect((await h.post(h.activity('conversation-update-bot-added-to-team'))).status).toBe(200);
  return h;
}

function cardOf(call: ConnectorCall): Record<string, unknown> {
  const attachments = call.body.attachments as { contentType: string; content: Record<string, unknown> }[];
  expect(attachments).toHaveLength(1);
  expect(attachments[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
  return attachments[0]!.content;
}

/** Under the cap, and still a card Teams can render: its type, version and a body with text. */
function expectFitsAndValid(call: ConnectorCall): Record<string, unknown> {
  expect(weight(call.raw), `${call.kind} to ${call.conversationId}`).toBeLessThanOrEqual(CAP);
  const card = cardOf(call);
  expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
  expect(Array.isArray(card.body) && card.body.length).toBeGreaterThan(0);
  expect(cardTexts(card).join('').length).toBeGreaterThan(0);
  return card;
}

function expectAlertButtons(card: Record<string, unknown>): void {
  expect((card.actions as { verb: string }[]).map((a) => a.verb)).toEqual(['ack', 'notVendor', 'mute7d']);
  expect(card.refresh).toMatchObject({ action: { verb: 'refresh', data: { incidentId: 1 } } });
}

describe('every Teams card fits the size limit with hostile text', () => {
  it('an alert with 200 sources of 2,000-character URLs and 1,000-character titles, and its edit', async () => {
    const h = await hostileInstall();
    const posted = await postAlertAndRecord(h, GENERAL_CHANNEL, 1);
    await h.adapter.refreshAlert(posted, (await h.core.alertView(1))!);
    const [send] = h.connector.delivered('send');
    const [update] = h.connector.delivered('update');
    for (const call of [send!, update!]) {
      const card = expectFitsAndValid(call);
      expectAlertButtons(card);
      const text = cardTexts(card).join('\n');
      expect(text).toContain('Sources (200)');
      expect(text).toMatch(/and \d+ more sources/);
      expect(text).toContain('…');
    }
  });

  it('a thread update with 200 new sources and 40 new facts, a reminder and a 10,000-line digest', async () => {
    const h = await hostileInstall();
    const posted = await postAlertAndRecord(h, GENERAL_CHANNEL, 1);
    const alert = (await h.core.alertView(1))!;
    await h.adapter.postThreadUpdate(posted, { alert, newSources: alert.sources, newFacts: hostileFacts(40) }, 'd-2');
    await h.adapter.postNotice(posted.destination, { kind: 'reminder', text: long(5000, 'Not acknowledged. '), alert }, posted, 'd-3');
    await h.adapter.postNotice(
      posted.destination,
      { kind: 'digest', text: Array.from({ length: 10_000 }, (_, i) => long(600, `line ${i} `)).join('\n') },
      null,
      'd-4',
    );
    const [update, reminder] = h.connector.delivered('reply');
    const digest = h.connector.delivered('send')[1]!;
    expect(cardTexts(expectFitsAndValid(update!)).join('\n')).toMatch(/200 new sources[\s\S]*and \d+ more/);
    expectFitsAndValid(reminder!);
    expect(cardTexts(expectFitsAndValid(digest)).join('\n')).toMatch(/and \d+ more lines/);
  });

  it('"recent" and "incidents VENDOR" list 100 incidents with hostile titles and links, and "help" fits too', async () => {
    const h = await hostileInstall();
    for (const text of ['recent', 'incidents CareCloud', 'help']) {
      expect((await h.post(h.activity('message-channel-mention', { TEXT: text }))).status).toBe(200);
    }
    const [recent, vendor, help] = h.connector.delivered('reply');
    expect(cardTexts(expectFitsAndValid(recent!)).join('\n')).toMatch(/\(100\)[\s\S]*and \d+ more/);
    // The core lists a vendor's 50 newest incidents; the card counts all 100 and says how many it left out.
    const vendorText = cardTexts(expectFitsAndValid(vendor!)).join('\n');
    const shown = (vendorText.match(/\d{4}-\d{2}-\d{2}\*\*/g) ?? []).length;
    expect(vendorText).toContain('(100)');
    expect(shown).toBeGreaterThan(0);
    expect(vendorText).toContain(`and ${100 - shown} more`);
    expectFitsAndValid(help!);
  });

  it('a card action answers with, and edits in, a card that fits', async () => {
    const h = await hostileInstall();
    const posted = await postAlertAndRecord(h, GENERAL_CHANNEL, 1);
    const res = await h.post(h.activity('invoke-card-action', { CARD_ID: posted.messageId, VERB: 'mute7d' }));
    expect(res.status).toBe(200);
    expect(weight(res.text)).toBeLessThanOrEqual(CAP);
    const answer = res.json() as { value: Record<string, unknown> };
    expect(answer.value).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(cardTexts(answer.value).join('\n')).toContain('Muted by Priya Raman');
    expectFitsAndValid(h.connector.delivered('update')[0]!);
  });
});
