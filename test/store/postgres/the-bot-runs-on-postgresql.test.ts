// The running app on PostgreSQL: VENDORWATCH_DB set to a postgres:// URL, the seed outlets polled once with
// backfill (as `vendorwatch poll --once --backfill` does), against the fake Slack. The same scene as the SQLite
// harness tests: one CareCloud alert, its incident with four sources. Skipped, and saying so, without a server.

import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectStatus } from '../../../src/observability/status-report.js';
import { runCli } from '../../cli/run-cli.js';
import { FIXTURE_FEEDS, type Harness, SEED_OUTLETS, startHarness } from '../../support/app-harness.js';
import { startFeedServer } from '../../support/feed-server.js';
import { createTestDatabase, postgresAvailable, skippedTitle } from '../../support/postgres.js';

const available = await postgresAvailable();

describe.skipIf(!available)(available ? 'the bot on PostgreSQL' : skippedTitle(), () => {
  const harnesses: Harness[] = [];
  afterAll(async () => {
    for (const harness of harnesses) await harness.close();
  });

  it('polls the seed outlets once with backfill: one CareCloud alert, one incident with four sources', async () => {
    const database = await createTestDatabase('app');
    const h = await startHarness({ dbPath: database.url, env: { VENDORWATCH_DB_POOL_SIZE: '3' } });
    harnesses.push(h);
    expect(h.app.store.engine).toBe('postgres');

    const report = await h.app.runCycle({ backfill: true });
    expect(report.alertsNew).toBe(1);
    expect(h.topLevelPosts()).toHaveLength(1);
    expect(h.topLevelPosts()[0]?.text).toContain('CareCloud');
    const listing = await h.app.interactions.lookupVendor('CareCloud');
    expect(listing.kind).toBe('found');
    if (listing.kind !== 'found') return;
    expect(listing.incidents).toHaveLength(1);
    expect(listing.incidents[0]?.sourceCount).toBe(4);

    // What was written is in PostgreSQL, not in a SQLite file somewhere.
    const rows = await database.query<{ key: string; sources: string }>(
      `SELECT i.key, (SELECT count(*) FROM incident_sources s WHERE s.incident_id = i.id) AS sources
         FROM incidents i WHERE i.vendor = 'CareCloud'`,
    );
    expect(rows.map((row) => ({ key: row.key, sources: Number(row.sources) }))).toEqual([{ key: 'carecloud-2026-03', sources: 4 }]);

    // A second cycle over the same feeds alerts nothing again.
    const again = await h.app.runCycle({ backfill: false });
    expect(again.alertsNew).toBe(0);
    expect(h.topLevelPosts()).toHaveLength(1);

    const status = await collectStatus(h.app.store, h.app.config, new Date());
    expect(status.deliveries).toMatchObject({ pending: 0, failed: 0 });
    expect(status.lastCycle?.alertsNew).toBe(0);
  }, 60_000);

  it('`vendorwatch poll --once --backfill` with VENDORWATCH_DB a postgres:// URL: one alert with four sources, the password never shown', async () => {
    const database = await createTestDatabase('cli');
    // The local server trusts loopback, so any password connects; it must appear in no output all the same.
    const url = new URL(database.url);
    url.username = url.username || 'postgres';
    url.password = 'Pg-Pass-8c1f27';
    const feeds = await startFeedServer(
      Object.fromEntries(SEED_OUTLETS.map((name) => [`/${name}`, { kind: 'feed' as const, file: join(FIXTURE_FEEDS, name) }])),
    );
    try {
      const env = {
        VENDORWATCH_DB: url.toString(),
        VENDORWATCH_FEEDS: SEED_OUTLETS.map((name) => feeds.url(`/${name}`)).join(','),
        VENDORWATCH_MAX_ITEM_AGE_DAYS: '3650',
        LOG_LEVEL: 'debug',
      };
      const run = await runCli(['poll', '--once', '--backfill'], env);
      expect(run.code).toBe(0);
      const alerts = run.stdout.split('\n').filter((line) => line.startsWith('=== ALERT'));
      expect(alerts).toHaveLength(1);
      expect(alerts[0]).toContain('CareCloud');
      expect(run.stdout).toContain('Sources (4):');
      const status = await runCli(['status', '--json'], env);
      expect(status.code).toBe(0);
      expect(JSON.parse(status.stdout).database).toBe(url.toString().replace('Pg-Pass-8c1f27', '***'));
      for (const output of [run.stdout, run.stderr, status.stdout, status.stderr]) expect(output).not.toContain('Pg-Pass-8c1f27');
    } finally {
      await feeds.close();
    }
  }, 60_000);
});
