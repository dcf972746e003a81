// The daily digest's healthcare section lists breaches that are new in its window, not old records read for the first
// time. The first poll of the HHS OCR export stores years of rows silently and makes an incident of each: before, all
// of them (up to 50) landed in the next digest. Now an incident counts by its first source's own date, or when that
// source came from a later poll (the portal lists rows days or weeks after their submission date).
// The export here is our own: made-up providers in the portal's columns.

import { afterEach, describe, expect, it } from 'vitest';
import { queueDigest } from '../../src/notices/digest.js';
import { type DisclosureHarness, startDisclosureHarness } from '../disclosures/support/disclosure-harness.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const HEADER =
  '"Name of Covered Entity","State","Covered Entity Type","Individuals Affected","Breach Submission Date","Type of Breach","Location of Breached Information","Business Associate Present","Web Description"';

const row = (name: string, state: string, type: string, count: number, submitted: string) =>
  `"${name}","${state}","${type}","${count}","${submitted}","Hacking/IT Incident","Network Server","No",""`;

/** Old rows, as any export holds hundreds: submitted months before the bot first read the portal. */
const OLD_ROWS = [
  row('Birchwood Memorial Hospital', 'OH', 'Healthcare Provider', 41200, '06/02/2024'),
  row('Saltmarsh Family Medicine, PLLC', 'SC', 'Healthcare Provider', 2875, '11/19/2024'),
  row('Granite Ridge Health Plan', 'NH', 'Health Plan', 9310, '01/08/2025'),
];
/** Submitted the day before the first poll (the window's first day) and on its day. */
const YESTERDAY = row('Copperleaf Community Hospital', 'NV', 'Healthcare Provider', 1540, '03/13/2025');
const TODAY = row('Pinecrest General Hospital', 'FL', 'Healthcare Provider', 3120, '03/14/2025');
/** Listed by the portal on the second day: one submitted ten days earlier, one a year old (a backlog). */
const LISTED_LATE = row('Larkspur Regional Health System', 'CO', 'Healthcare Provider', 6470, '03/05/2025');
const BACKLOG = row('Thistle Valley Medical Center', 'MT', 'Healthcare Provider', 18830, '02/20/2024');

const csv = (rows: string[]) => ({
  kind: 'feed' as const,
  body: `${[HEADER, ...rows].join('\n')}\n`,
  contentType: 'text/csv; charset=utf-8',
  validators: 'none' as const,
});

let running: DisclosureHarness | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

/** The organisations the healthcare section of the digest posted last lists (Slack's text: lines joined by spaces). */
function sectorLines(run: DisclosureHarness): string[] {
  const digests = run.harness.topLevelPosts().filter((post) => post.text.includes('daily digest'));
  const text = digests.at(-1)?.text ?? '';
  const section = text
    .split('Healthcare-sector breaches not on your watchlist')[1]
    ?.split(/Open alerts not yet acknowledged|Feeds failing/)[0];
  return [...(section ?? '').matchAll(/• ([^:•]+):/g)].map((match) => match[1] ?? '');
}

describe("the digest's healthcare section", () => {
  it("lists what a first poll of the OCR export stored only when dated in the window, and later polls' rows up to the item age", async () => {
    running = await startDisclosureHarness({
      feeds: [
        { name: 'HHS OCR breach portal', path: '/ocr/breach_report.csv', type: 'hhs-ocr', route: csv([TODAY, YESTERDAY, ...OLD_ROWS]) },
      ],
      vendors: [{ name: 'Acme Billing', domains: ['acmebilling.example'], category: 'medical billing', criticality: 'high' }],
      start: new Date('2025-03-14T12:00:00Z'),
      env: { VENDORWATCH_MAX_ITEM_AGE_DAYS: '14' },
    });
    const h = running.harness;

    // First poll: every row stored silently, each an incident off the watchlist.
    const first = await h.app.runCycle({ backfill: false });
    expect(first.itemsNew).toBe(5);
    expect(h.topLevelPosts()).toHaveLength(0);
    const organisations = (await h.app.store.incidents.offWatchlistHealthcareSince(new Date(0))).map((incident) => incident.organisation);
    expect(organisations).toHaveLength(5);
    expect(organisations).toEqual(expect.arrayContaining(['Birchwood Memorial Hospital', 'Pinecrest General Hospital']));

    h.clock.advance(HOUR);
    expect(await h.app.sendDigest()).toBe(true);
    expect(sectorLines(running).sort()).toEqual(['Copperleaf Community Hospital', 'Pinecrest General Hospital']);

    // Next day the portal lists two more rows: one submitted ten days ago, one a year ago.
    running.publishers.route('/ocr/breach_report.csv', csv([LISTED_LATE, BACKLOG, TODAY, YESTERDAY, ...OLD_ROWS]));
    h.clock.advance(6 * HOUR);
    expect((await h.app.runCycle({ backfill: false })).itemsNew).toBe(2);
    const secondDay = await h.app.store.incidents.offWatchlistHealthcareSince(new Date(h.clock.now().getTime() - HOUR));
    expect(secondDay.map((incident) => incident.organisation).sort()).toEqual([
      'Larkspur Regional Health System',
      'Thistle Valley Medical Center',
    ]);
    h.clock.advance(DAY - 6 * HOUR);
    expect(await h.app.sendDigest()).toBe(true);
    expect(sectorLines(running)).toEqual(['Larkspur Regional Health System']);
  });

  it('queues no digest when the only healthcare incidents are old records a first poll stored', async () => {
    running = await startDisclosureHarness({
      feeds: [{ name: 'HHS OCR breach portal', path: '/ocr/breach_report.csv', type: 'hhs-ocr', route: csv(OLD_ROWS) }],
      vendors: [{ name: 'Acme Billing', domains: ['acmebilling.example'], category: 'medical billing', criticality: 'high' }],
      start: new Date('2025-03-14T12:00:00Z'),
    });
    const h = running.harness;
    await h.app.runCycle({ backfill: false });
    expect(await h.app.store.incidents.offWatchlistHealthcareSince(new Date(0))).toHaveLength(3);
    h.clock.advance(HOUR);
    expect(await queueDigest(h.app.store, [{ platform: 'slack', address: 'C0ALERTS01' }], h.clock.now())).toBe(false);
  });
});
