import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type AdaptiveCard, CARD_BYTE_LIMIT, cardByteSize } from '../../adapters/teams/adaptive-card.js';
import { escapeCardText, safeLinkUrl } from '../../adapters/teams/card-text.js';
import { renderAlertCard } from '../../adapters/teams/render-alert-card.js';
import {
  renderHelpCard,
  renderNoticeCard,
  renderRecentIncidentsCard,
  renderThreadUpdateCard,
  renderUnknownVendorCard,
  renderVendorIncidentsCard,
} from '../../adapters/teams/render-reply-cards.js';
import type { AlertView, IncidentListing } from '../../src/core/chat.js';
import { expectGolden, expectNoStaleGoldens } from '../support/golden.js';
import { cardTexts, markdownLinks } from './support/card-links.js';
import { loadAlert } from './support/load-fixture.js';

const golden = join(import.meta.dirname, 'golden');
const carecloud = loadAlert('carecloud-alert');
const acknowledged: AlertView = {
  ...carecloud,
  acknowledgement: {
    platform: 'teams',
    userId: '3a9b7c1d-0000-4000-8000-00000000bb02',
    userName: 'Priya Raman',
    at: '2026-03-31T09:25:00.000Z',
    comment: 'vendor call booked',
  },
  mutedUntil: '2026-04-07T09:30:00.000Z',
};
const listing: IncidentListing = {
  incidentId: 1,
  incidentKey: 'carecloud-2026-03',
  vendor: 'CareCloud',
  title: carecloud.title,
  date: '2026-03-30',
  status: 'acknowledged',
  acknowledgedBy: 'Priya Raman',
  sourceCount: 4,
  alertLinks: [],
  firstSourceUrl: carecloud.sources[0]!.url,
};

// Compared byte for byte with golden/<name>.json (test/support/golden.ts): a missing file fails. After an intended
// change, UPDATE_GOLDEN=1 rewrites them; review the diff.
const cases: [string, () => AdaptiveCard][] = [
  ['alert-card', () => renderAlertCard(carecloud, { deliveryId: 'delivery-1' })],
  ['alert-card-acknowledged', () => renderAlertCard(acknowledged)],
  [
    'thread-update-card',
    () => renderThreadUpdateCard({ alert: carecloud, newSources: carecloud.sources.slice(3), newFacts: carecloud.facts.slice(4) }),
  ],
  [
    'reminder-card',
    () => renderNoticeCard({ kind: 'reminder', text: 'Nobody has acknowledged this alert for 4 hours.', alert: carecloud }),
  ],
  ['vendor-incidents-card', () => renderVendorIncidentsCard('CareCloud', [listing])],
  ['recent-incidents-card', () => renderRecentIncidentsCard(7, [listing])],
  ['unknown-vendor-card', () => renderUnknownVendorCard('nosuchvendor', ['CareCloud', 'Change Healthcare'])],
  ['help-card', () => renderHelpCard()],
];

describe('Adaptive Card golden files', () => {
  it.each(cases)('%s matches its golden file', (name, render) => {
    expectGolden(join(golden, `${name}.json`), render());
  });

  it('has a case for every golden file', () => {
    expectNoStaleGoldens(
      golden,
      cases.map(([name]) => join(golden, `${name}.json`)),
      '.json',
    );
  });

  it('the alert card is schema 1.5 with Acknowledge, Mute and a refresh action', () => {
    const card = renderAlertCard(carecloud);
    expect(card.version).toBe('1.5');
    expect(card.actions?.map((a) => [a.type, a.title, a.verb, a.data])).toEqual([
      ['Action.Execute', 'Acknowledge', 'ack', { incidentId: 1 }],
      ['Action.Execute', 'Not this vendor', 'notVendor', { incidentId: 1 }],
      ['Action.Execute', 'Mute vendor 7 days', 'mute7d', { incidentId: 1 }],
    ]);
    expect(card.refresh?.action).toMatchObject({ type: 'Action.Execute', verb: 'refresh', data: { incidentId: 1 } });
  });

  it('shows every conflicting value of a fact with its outlets', () => {
    const impact = renderAlertCard(carecloud).body.find((e) => e.type === 'FactSet');
    expect(JSON.stringify(impact)).toContain(
      'judged material on 2026-03-24 (HIPAA Journal); no material impact on operations so far (Arabian Post)',
    );
  });
});

describe('Adaptive Card size cap', () => {
  const huge: AlertView = {
    ...carecloud,
    title: 'T'.repeat(5000),
    summary: 'Long summary sentence. '.repeat(5000),
    facts: Array.from({ length: 40 }, (_, i) => ({
      name: 'status' as const,
      label: `Fact ${i}`,
      values: Array.from({ length: 10 }, (_, j) => ({
        value: `value ${j} `.repeat(100),
        sources: ['Outlet A', 'Outlet B', 'Outlet C', 'Outlet D', 'Outlet E'],
      })),
    })),
    sources: Array.from({ length: 300 }, (_, i) => ({
      title: `Report number ${i} `.repeat(30),
      url: `https://news.example/${'p'.repeat(500)}/${i}`,
      outlet: `Outlet ${i}`,
      published: '2026-03-30',
    })),
    related: Array.from({ length: 100 }, (_, i) => `Related vendor ${i}`),
  };

  it('keeps a huge alert under the Teams limit, cutting long content with an ellipsis', () => {
    const card = renderAlertCard(huge);
    expect(cardByteSize(card)).toBeLessThanOrEqual(CARD_BYTE_LIMIT);
    expect(CARD_BYTE_LIMIT).toBeLessThan(28 * 1024);
    const texts = cardTexts(card).join('\n');
    expect(texts).toContain('…');
    expect(texts).toContain('Sources (300)');
    expect(texts).toMatch(/and \d+ more sources/);
    expect(card.actions).toHaveLength(3);
  });

  it('shrinks further when asked for a smaller card', () => {
    expect(cardByteSize(renderAlertCard(huge, { maxBytes: 6000 }))).toBeLessThanOrEqual(6000);
  });

  it('keeps thread updates and notices under the limit too', () => {
    expect(cardByteSize(renderThreadUpdateCard({ alert: huge, newSources: huge.sources, newFacts: huge.facts }))).toBeLessThanOrEqual(
      CARD_BYTE_LIMIT,
    );
    expect(cardByteSize(renderNoticeCard({ kind: 'digest', text: 'line of a digest\n'.repeat(10_000) }))).toBeLessThanOrEqual(
      CARD_BYTE_LIMIT,
    );
  });
});

describe('feed text cannot inject markup', () => {
  const card = renderAlertCard(loadAlert('hostile-alert'));
  const json = JSON.stringify(card);

  it('creates links only for the http(s) source URLs, never from feed text', () => {
    expect(markdownLinks(card).map((l) => l.url)).toEqual(['https://news.example/story%5F%281%29', 'https://phish.example/']);
    expect(json).not.toMatch(/\]\(javascript:/i);
  });

  it('drops credentials from a source URL', () => {
    expect(safeLinkUrl('https://trusted.example@phish.example/')).toBe('https://phish.example/');
    expect(safeLinkUrl('javascript:alert(1)')).toBeNull();
    expect(safeLinkUrl('data:text/html,hi')).toBeNull();
  });

  it('leaves no live mention, image, emphasis, list or template markup', () => {
    for (const text of cardTexts(card)) {
      expect(text).not.toMatch(/(?<!\\)<at>/);
      expect(text).not.toMatch(/(?<!\\)!(?<!\\)\[/);
      expect(text).not.toMatch(/(?<!\\)\{(?<!\\)\{/);
      expect(text).not.toMatch(/^\d+\.\s/);
    }
    expect(cardTexts(card).join('\n')).toContain('\\*\\*urgent\\*\\*');
    expect(json).not.toContain('\u202E');
  });

  it('escapes markdown specials and defangs bare URLs', () => {
    expect(escapeCardText('[a](https://x.example) *b* _c_ <at>d</at>', 200)).toBe(
      '\\[a\\]\\(https:\u200B//x.example\\) \\*b\\* \\_c\\_ \\<at\\>d\\</at\\>',
    );
    expect(escapeCardText('- item', 20)).toBe('\\- item');
    expect(escapeCardText('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
