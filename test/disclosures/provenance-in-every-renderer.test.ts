// Provenance on every alert, on every platform: each source line says what kind of source it is, the strongest
// first; a leak-site claim alone is "claimed by <group>, not confirmed"; a thread update says a revision or a
// confirmation for what it is. (Slack Block Kit is also golden-tested: test/slack/fixtures.)

import { describe, expect, it } from 'vitest';
import { formatAlert } from '../../adapters/console/console-adapter.js';
import { renderAlert } from '../../adapters/slack/render-alert.js';
import { renderThreadUpdate } from '../../adapters/slack/render-thread-update.js';
import { renderAlertCard } from '../../adapters/teams/render-alert-card.js';
import { renderThreadUpdateCard } from '../../adapters/teams/render-reply-cards.js';
import type { AlertView, SourceView } from '../../src/core/chat.js';
import {
  type DisclosureAlertView,
  type DisclosureSourceView,
  PROVENANCE_ORDER,
  provenanceLabel,
  strongestFirst,
  threadUpdateParts,
} from '../../src/sources/provenance.js';

const source = (
  provenance: NonNullable<DisclosureSourceView['provenance']>,
  n: number,
  extra: Partial<DisclosureSourceView> = {},
): DisclosureSourceView => ({
  title: `${provenance} record ${n}`,
  url: `https://${provenance}.example/${n}`,
  outlet: `${provenance} outlet`,
  published: '2026-03-20',
  provenance,
  ...extra,
});
const rank = (view: SourceView) => Number(view.url?.split('/').at(-1));

const alert = (sources: DisclosureSourceView[], standing?: DisclosureAlertView['standing']): DisclosureAlertView => ({
  incidentId: 3,
  incidentKey: 'acme-billing-2026-03',
  vendor: { name: 'Acme Billing', criticality: 'high', category: null, owner: null },
  title: 'Acme Billing breach',
  summary: 'Acme Billing was breached.',
  facts: [],
  sources,
  related: [],
  firstSeenAt: '2026-03-20T09:00:00.000Z',
  updatedAt: '2026-03-25T09:00:00.000Z',
  acknowledgement: null,
  mutedUntil: null,
  dismissal: null,
  ...(standing ? { standing } : {}),
});

const cardText = (value: unknown): string => JSON.stringify(value);

describe('the kind of each source', () => {
  it('is ordered SEC filing, HHS OCR, state AG, news, leak-site claim; a view that does not say is news', () => {
    expect(PROVENANCE_ORDER).toEqual(['sec-filing', 'hhs-ocr', 'state-ag', 'news', 'leak-site']);
    const mixed = [source('leak-site', 1), source('news', 2), source('sec-filing', 3), source('news', 4), source('hhs-ocr', 5)];
    expect(strongestFirst(mixed).map(rank)).toEqual([3, 5, 2, 4, 1]);
    const plain: SourceView = { title: 't', url: null, outlet: 'o', published: null };
    expect(provenanceLabel(plain)).toBe('News');
    expect(provenanceLabel({ ...plain, provenance: 'made-up' } as unknown as SourceView)).toBe('News');
  });

  it('is said on every source line in Slack, Teams and the console', () => {
    const view = alert([source('sec-filing', 1), source('state-ag', 2), source('news', 3), source('leak-site', 4)]);
    const slack = JSON.stringify(renderAlert(view, { mentionOwner: false }).blocks);
    for (const label of ['*SEC filing* · <https://sec-filing.example/1|', '*State AG* · ', '*News* · ', '*Leak-site claim* · ']) {
      expect(slack).toContain(label);
    }
    const teams = cardText(renderAlertCard(view));
    for (const label of ['**SEC filing** · [sec-filing record 1]', '**State AG** · ', '**News** · ', '**Leak-site claim** · ']) {
      expect(teams).toContain(label);
    }
    const console = formatAlert(view);
    for (const label of ['1. [SEC filing] sec-filing outlet', '2. [State AG] ', '3. [News] ', '4. [Leak-site claim] ']) {
      expect(console).toContain(label);
    }
  });
});

describe('a leak-site claim', () => {
  const claimed = alert([source('leak-site', 1)], { state: 'claimed', groups: ['kraken'] });

  it('alone is "claimed by <group>, not confirmed" on every platform', () => {
    const slack = renderAlert(claimed, { mentionOwner: false });
    expect(slack.text).toContain('Acme Billing (high) claimed by kraken, not confirmed');
    expect(JSON.stringify(slack.blocks)).toContain('*Claimed by kraken, not confirmed.*');
    expect(JSON.stringify(slack.blocks)).not.toContain('vendor reported breached');
    const teams = cardText(renderAlertCard(claimed));
    expect(teams).toContain('**Claimed by kraken, not confirmed.**');
    expect(teams).toContain('Vendor breach claimed, not confirmed');
    expect(formatAlert(claimed)).toContain('CLAIMED BY kraken, NOT CONFIRMED');
  });

  it('once confirmed, the update of the confirming source says it was confirmed and by what', () => {
    const news = source('news', 2, { outlet: 'Health Wire' });
    const update = {
      alert: alert([news, source('leak-site', 1)], {
        state: 'confirmed',
        groups: ['kraken'],
        by: { title: news.title, url: news.url, outlet: 'Health Wire', provenance: 'news' },
      }),
      newSources: [news],
      newFacts: [],
    };
    expect(threadUpdateParts(update).confirmation).toEqual({
      provenance: 'news',
      label: 'News',
      outlet: 'Health Wire',
      groups: ['kraken'],
    });
    expect(renderThreadUpdate(update).text).toBe(
      'Update on Acme Billing: confirmed by a news report (Health Wire), after the leak-site claim by kraken',
    );
    expect(cardText(renderThreadUpdateCard(update))).toContain(
      'confirmed by a news report (Health Wire), after the leak-site claim by kraken',
    );
    // A later source of a confirmed incident is just a new report.
    const later = source('hhs-ocr', 5);
    expect(threadUpdateParts({ ...update, newSources: [later] }).confirmation).toBeNull();
  });
});

describe('a revised record', () => {
  const message = 'HHS OCR now lists 48,210 individuals, was 31,007';
  const revised = source('hhs-ocr', 1, { revision: { message, at: '2026-03-25T09:00:00.000Z', afterJoining: true } });

  it('is told apart from a new source by whether it was part of the incident when it was revised', () => {
    const known = threadUpdateParts({ alert: alert([revised]), newSources: [revised], newFacts: [] });
    expect(known.revised.map((entry) => entry.message)).toEqual([message]);
    expect(known.added).toEqual([]);
    // Revised before it joined: a new report, whose line still says the revision.
    const late = source('hhs-ocr', 1, { revision: { message, at: '2026-03-25T09:00:00.000Z', afterJoining: false } });
    const joinedLater = threadUpdateParts({ alert: alert([late]), newSources: [late], newFacts: [] });
    expect(joinedLater.revised).toEqual([]);
    expect(joinedLater.added).toHaveLength(1);
    const rendered = renderThreadUpdate({ alert: alert([late]), newSources: [late], newFacts: [] });
    expect(rendered.text).toBe('Update on Acme Billing: 1 new report');
    expect(JSON.stringify(rendered.blocks)).toContain(`_${message}_`);
  });

  it('says the new number in the thread update on every platform', () => {
    const update = { alert: alert([revised]) as AlertView, newSources: [revised], newFacts: [] };
    expect(renderThreadUpdate(update).text).toBe(`Update on Acme Billing: ${message}`);
    expect(cardText(renderThreadUpdateCard(update))).toContain(`Update for **Acme Billing**: ${message}`);
  });
});
