// The California Attorney General's breach list (CSV export), polled as a feeds-file entry of type `ca-ag` by the
// running bot: the row of a watchlist vendor (filed "on behalf of" its customer) alerts that vendor once, the
// other rows alert nobody, and the list re-published alerts nothing more.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildAlertView } from '../../src/incidents/alert-view.js';
import { parseCaAgCsv } from '../../src/sources/ca-ag.js';
import { provenanceOf } from '../../src/sources/provenance.js';
import { type DisclosureHarness, SOURCE_FIXTURES, startDisclosureHarness } from './support/disclosure-harness.js';

const LIST = readFileSync(join(SOURCE_FIXTURES, 'ca-ag-breaches.csv'), 'utf8');
const ROWS = parseCaAgCsv(LIST, { feedUrl: 'https://oag.ca.gov/' }).items.length;

let running: DisclosureHarness | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

describe('the California AG list through the running bot', () => {
  it('alerts the watchlist vendor of its row once, not the customer it filed for; other rows and the re-published list alert nobody', async () => {
    running = await startDisclosureHarness({
      feeds: [
        {
          name: 'California AG breach list',
          path: '/privacy/databreach/list-export',
          type: 'ca-ag',
          route: { kind: 'feed', body: LIST, contentType: 'text/csv; charset=utf-8', validators: 'none' },
        },
      ],
      vendors: [
        { name: 'Acme Billing', domains: ['acmebilling.example'], category: 'medical billing', criticality: 'high' },
        { name: 'Beta Family Clinic', category: 'clinic', criticality: 'low' },
      ],
      start: new Date('2025-03-15T12:00:00Z'),
    });
    const h = running.harness;
    const first = await h.app.runCycle({ backfill: true });
    expect(first.itemsNew).toBe(ROWS);
    const acme = (await h.app.store.items.byIds(Array.from({ length: ROWS }, (_, i) => i + 1))).find(
      (item) => item.party?.name === 'Acme Billing, LLC',
    );
    expect(acme?.provenance).toBe('state-ag');
    expect(acme?.facts).toMatchObject({ onBehalfOf: 'Beta Family Clinic', breachDates: ['2025-01-28', '2025-02-03'] });
    expect(acme?.publishedAt).toBe('2025-03-14T00:00:00.000Z');

    expect(h.topLevelPosts().map((post) => post.text.split(' (')[0])).toEqual(['Acme Billing']);
    const incident = (await h.app.store.incidents.all()).find((candidate) => candidate.vendor === 'Acme Billing')!;
    const view = await buildAlertView(h.app.store, incident.id, h.app.vendors, h.clock.now());
    expect(view?.sources.map(provenanceOf)).toEqual(['state-ag']);
    const [post] = h.slack.callsTo('chat.postMessage');
    expect(post?.params.blocks).toContain('*State AG* · California AG breach list');

    h.clock.advance(3_600_000);
    const second = await h.app.runCycle({ backfill: false });
    expect(second.itemsNew).toBe(0);
    expect(await h.app.store.items.count()).toBe(ROWS);
    expect(h.topLevelPosts()).toHaveLength(1);
    expect(h.threadReplies()).toHaveLength(0);
  });
});
