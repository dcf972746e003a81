// The HHS OCR breach portal's CSV export, polled as a feeds-file entry of type `hhs-ocr` by the running bot: a
// business associate on the watchlist under its legal name alerts once, a re-published export stores nothing new,
// and a revised count on a known row reaches the alert's thread with the new number, never a second alert; two
// revisions queued while Slack is down each reach the thread with their own count.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildAlertView } from '../../src/incidents/alert-view.js';
import { parseHhsOcrCsv } from '../../src/sources/hhs-ocr.js';
import { provenanceOf } from '../../src/sources/provenance.js';
import { type DisclosureHarness, SOURCE_FIXTURES, startDisclosureHarness, threadBlocksText } from './support/disclosure-harness.js';

const HOUR = 3_600_000;
const EXPORT = readFileSync(join(SOURCE_FIXTURES, 'hhs-ocr-breaches.csv'), 'utf8');
const REVISED = readFileSync(join(SOURCE_FIXTURES, 'hhs-ocr-breaches-revised.csv'), 'utf8');
const ROWS = parseHhsOcrCsv(EXPORT, { feedUrl: 'https://ocrportal.hhs.gov/' }).items.length;

const VENDORS = [
  { name: 'Acme Billing', domains: ['acmebilling.example'], category: 'medical billing', criticality: 'high' },
  { name: 'Epic Systems', aliases: ['Epic'], products: ['MyChart'], domains: ['epic.com'], category: 'EHR', criticality: 'high' },
];

let running: DisclosureHarness | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

/** The export as the portal serves it: no validators, so every poll downloads and parses it again. */
const csv = (body: string) => ({ kind: 'feed' as const, body, contentType: 'text/csv; charset=utf-8', validators: 'none' as const });

async function start(): Promise<DisclosureHarness> {
  running = await startDisclosureHarness({
    feeds: [{ name: 'HHS OCR breach portal', path: '/ocr/breach_report.csv', type: 'hhs-ocr', route: csv(EXPORT) }],
    vendors: VENDORS,
    start: new Date('2025-03-14T12:00:00Z'),
  });
  return running;
}

describe('the HHS OCR export through the running bot', () => {
  it('alerts the business associate once under its legal name; Epic Family Dental never alerts Epic Systems', async () => {
    const run = await start();
    const h = run.harness;
    const report = await h.app.runCycle({ backfill: true });
    expect(report.itemsNew).toBe(ROWS);

    const items = await h.app.store.items.byIds(Array.from({ length: ROWS }, (_, i) => i + 1));
    const acme = items.find((item) => item.party?.name === 'Acme Billing Services, LLC');
    expect(acme?.provenance).toBe('hhs-ocr');
    expect(acme?.guid).toBe('hhs-ocr:acme billing services llc|TX|2025-03-12');
    expect(acme?.identity).toBe('acme billing services llc|TX|2025-03-12');
    expect(acme?.revision).toBe('31007');
    expect(acme?.facts).toMatchObject({ individualsAffected: 31007, entityType: 'Business Associate', businessAssociatePresent: true });

    expect(h.topLevelPosts().map((post) => post.text.split(' (')[0])).toEqual(['Acme Billing']);
    expect((await h.app.store.incidents.all()).filter((incident) => incident.vendor === 'Epic Systems')).toEqual([]);
    // Rows of entities off the watchlist alert nobody, and are the healthcare breaches the digest lists.
    const offWatchlist = (await h.app.store.incidents.offWatchlistHealthcareSince(new Date(0))).map((incident) => incident.organisation);
    expect(offWatchlist).toEqual(expect.arrayContaining(['Epic Family Dental', 'Lakeshore Family Health Plan']));
    const incident = (await h.app.store.incidents.all()).find((candidate) => candidate.vendor === 'Acme Billing')!;
    const view = await buildAlertView(h.app.store, incident.id, h.app.vendors, h.clock.now());
    expect(view?.sources.map((source) => [provenanceOf(source), source.outlet])).toEqual([['hhs-ocr', 'HHS OCR breach portal']]);
  });

  it('a second poll of the same export stores and alerts nothing; a revised count goes to the thread with the new number, once', async () => {
    const run = await start();
    const h = run.harness;
    await h.app.runCycle({ backfill: true });
    const alerts = h.topLevelPosts();
    expect(alerts).toHaveLength(1);

    h.clock.advance(HOUR);
    const again = await h.app.runCycle({ backfill: false });
    expect(run.publishers.requests.filter((request) => request.status === 200)).toHaveLength(2);
    expect(again.itemsNew).toBe(0);
    expect(again.updatesQueued).toBe(0);
    expect(await h.app.store.items.count()).toBe(ROWS);
    expect(h.topLevelPosts()).toHaveLength(1);
    expect(h.threadReplies()).toHaveLength(0);

    run.publishers.route('/ocr/breach_report.csv', csv(REVISED));
    h.clock.advance(HOUR);
    const revised = await h.app.runCycle({ backfill: false });
    expect(revised.itemsNew).toBe(0);
    expect(revised.updatesQueued).toBe(1);
    expect(await h.app.store.items.count()).toBe(ROWS);
    expect(h.topLevelPosts()).toHaveLength(1);
    const replies = h.threadReplies();
    expect(replies).toHaveLength(1);
    expect(replies[0]?.threadTs).toBe(alerts[0]?.ts);
    expect(replies[0]?.text).toBe('Update on Acme Billing: HHS OCR now lists 48,210 individuals, was 31,007');
    expect(threadBlocksText(h)[0]).toContain('*HHS OCR* · HHS OCR breach portal');
    // The alert itself is edited to the revised record.
    const edits = h.slack.callsTo('chat.update');
    expect(edits.at(-1)?.params.blocks).toContain('affecting 48,210 individuals');

    const acme = (await h.app.store.items.byIds(Array.from({ length: ROWS }, (_, i) => i + 1))).find((item) => item.revision === '48210');
    expect(acme?.latestRevision).toMatchObject({ previous: '31007', revision: '48210' });
    expect(acme?.facts.individualsAffected).toBe(48210);

    // Re-published with the same revised count: nothing more.
    h.clock.advance(HOUR);
    const last = await h.app.runCycle({ backfill: false });
    expect(last.updatesQueued).toBe(0);
    expect(h.threadReplies()).toHaveLength(1);
    expect(h.topLevelPosts()).toHaveLength(1);
  });

  it('two revisions of one row queued before delivery each show their own count in the thread, in order', async () => {
    const run = await start();
    const h = run.harness;
    await h.app.runCycle({ backfill: true });
    const alerts = h.topLevelPosts();
    expect(alerts).toHaveLength(1);

    // Slack is down while the portal revises the count twice: both updates wait in the outbox.
    h.slack.setDown(true);
    const FIRST_REVISION = EXPORT.replace('"31007"', '"40000"');
    expect(FIRST_REVISION).not.toBe(EXPORT);
    run.publishers.route('/ocr/breach_report.csv', csv(FIRST_REVISION));
    h.clock.advance(HOUR);
    expect((await h.app.runCycle({ backfill: false })).updatesQueued).toBe(1);
    run.publishers.route('/ocr/breach_report.csv', csv(REVISED));
    h.clock.advance(HOUR);
    expect((await h.app.runCycle({ backfill: false })).updatesQueued).toBe(1);
    expect(h.threadReplies()).toHaveLength(0);

    h.slack.setDown(false);
    h.clock.advance(2 * HOUR);
    await h.app.worker.deliverDue();
    expect(h.threadReplies().map((reply) => [reply.threadTs, reply.text])).toEqual([
      [alerts[0]?.ts, 'Update on Acme Billing: HHS OCR now lists 40,000 individuals, was 31,007'],
      [alerts[0]?.ts, 'Update on Acme Billing: HHS OCR now lists 48,210 individuals, was 40,000'],
    ]);
    const blocks = threadBlocksText(h);
    expect(blocks[0]).toContain('40,000');
    expect(blocks[0]).not.toContain('48,210');
    expect(blocks[1]).toContain('48,210');
    // The alert itself shows the latest count.
    expect(h.slack.callsTo('chat.update').at(-1)?.params.blocks).toContain('affecting 48,210 individuals');
    expect(h.topLevelPosts()).toHaveLength(1);
  });
});
