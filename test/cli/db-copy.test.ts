// `vendorwatch db copy`: a SQLite installation built the real way (the seed outlets polled over loopback with the
// fake Slack: one CareCloud alert with its thread, then an acknowledgement and a mute) moved into an empty PostgreSQL
// database. The copy reads back through PgStore exactly as through the SQLite store, a non-empty target is refused
// untouched (each table named with its row count), and the bot then running on PostgreSQL threads a later report
// under the copied alert. The source is only read: a missing file, a file that is not a Vendorwatch database and a
// database at another schema version are refused, the file left byte for byte as it was and nothing written to the
// target. Progress goes to stderr, table by table. The PostgreSQL tests are skipped, and say so, without a server.

import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { AsyncStore } from '../../src/store/async-store.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { openDatabase } from '../../src/store/open-database.js';
import { PgStore } from '../../src/store/postgres/pg-store.js';
import { SqliteAsyncStore } from '../../src/store/sqlite-async-store.js';
import { type FakeSlackApi, startFakeSlackApi } from '../slack/support/fake-slack-api.js';
import { FIXTURE_FEEDS, type Harness, SEED_OUTLETS, startHarness } from '../support/app-harness.js';
import { type FeedServer, startFeedServer } from '../support/feed-server.js';
import { createTestDatabase, postgresAvailable, skippedTitle } from '../support/postgres.js';
import { runCli } from './run-cli.js';

const available = await postgresAvailable();
const PASSWORD = 'Copy-Pass-51d0e3';

const withPassword = (databaseUrl: string) => {
  const url = new URL(databaseUrl);
  url.username = url.username || 'postgres';
  url.password = PASSWORD;
  return url.toString();
};

/** What the repositories read back about the installation: equal on both engines after a faithful copy. */
async function readBack(store: AsyncStore) {
  const incidents = await store.incidents.all();
  const perIncident = [];
  for (const incident of incidents) {
    perIncident.push({
      incident,
      sources: await store.incidents.sourcesJoined(incident.id),
      facts: await store.incidents.facts(incident.id),
      roles: await store.incidents.vendorRoles(incident.id),
      deliveries: await store.deliveries.forIncident(incident.id),
      posted: await store.deliveries.postedAlerts(incident.id),
      ack: await store.interactions.acknowledgement(incident.id),
    });
  }
  return {
    perIncident,
    sent: await store.deliveries.byStatus('sent', 1000),
    mutes: await store.interactions.activeMutes(new Date('2026-04-02T00:00:00Z')),
    conversations: await store.interactions.conversations('slack'),
    lastCycle: await store.lastCycle(),
  };
}

/** Every file of the folder (the database, its -wal/-shm, any backup) with its bytes' hash and modification time. */
function folderSnapshot(dir: string) {
  return readdirSync(dir)
    .sort()
    .map((name) => {
      const path = join(dir, name);
      return { name, sha256: createHash('sha256').update(readFileSync(path)).digest('hex'), mtimeMs: statSync(path).mtimeMs };
    });
}

/**
 * The source as it was: the database file's bytes and modification time, and every other file of its folder (no
 * backup made). A read-only SQLite reader of a WAL database may leave an empty -wal and a -shm beside it, as any
 * reader does: those two are the only files that may appear.
 */
function expectSourceUnchanged(file: string, before: ReturnType<typeof folderSnapshot>) {
  const name = file.split('/').at(-1)!;
  const after = folderSnapshot(join(file, '..'));
  expect(after.find((entry) => entry.name === name)).toEqual(before.find((entry) => entry.name === name));
  for (const entry of before) expect(after.find((other) => other.name === entry.name)).toEqual(entry);
  const added = after.filter((entry) => !before.some((other) => other.name === entry.name)).map((entry) => entry.name);
  expect(
    added.every((added) => added === `${name}-wal` || added === `${name}-shm`),
    added.join(', '),
  ).toBe(true);
  if (added.includes(`${name}-wal`)) expect(statSync(`${file}-wal`).size).toBe(0);
}

/** The tables of the target database's schema (none after a refused copy). */
async function targetTables(query: (sql: string) => Promise<{ name: string }[]>) {
  return (await query('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1')).map(
    (table) => table.name,
  );
}

describe('vendorwatch db copy: the source is only read, and must be a Vendorwatch database at this schema', () => {
  const LATEST = MIGRATIONS.at(-1)!.version;

  /** A target: a real empty database when a server answers (checked untouched after), else an unreachable address. */
  async function target() {
    if (!available) return { url: `postgres://postgres:${PASSWORD}@127.0.0.1:9/none`, tables: async () => [] as string[] };
    const database = await createTestDatabase('refused_source');
    return { url: withPassword(database.url), tables: () => targetTables((sql) => database.query<{ name: string }>(sql)) };
  }

  /** Runs the copy from `file`, expecting a refusal with exit code 1 saying `message`, and nothing changed anywhere. */
  async function expectRefused(file: string, message: string | RegExp) {
    const before = folderSnapshot(join(file, '..'));
    const to = await target();
    const run = await runCli(['db', 'copy', '--from', file, '--to', to.url], {});
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
    for (const output of [run.stdout, run.stderr]) expect(output).not.toContain(PASSWORD);
    expectSourceUnchanged(file, before);
    expect(await to.tables()).toEqual([]);
    return run;
  }

  const tempDir = () => mkdtempSync(join(tmpdir(), 'vw-db-copy-'));

  it('refuses a missing file without creating it or its folder', async () => {
    const dir = tempDir();
    const missing = join(dir, 'nowhere', 'vendorwatch.db');
    const to = await target();
    const run = await runCli(['db', 'copy', '--from', missing, '--to', to.url], {});
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`no SQLite database at ${missing}`);
    expect(existsSync(join(dir, 'nowhere'))).toBe(false);
    const here = join(dir, 'vendorwatch.db');
    const again = await runCli(['db', 'copy', '--from', here, '--to', to.url], {});
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`no SQLite database at ${here}`);
    expect(readdirSync(dir)).toEqual([]);
    expect(await to.tables()).toEqual([]);
  });

  it('refuses a file that is not SQLite, an empty file and a SQLite file of something else as "not a Vendorwatch database", leaving each as it was', async () => {
    const noise = join(tempDir(), 'notes.db');
    writeFileSync(noise, Buffer.from('these bytes are a shopping list, not a database\n'.repeat(200)));
    await expectRefused(noise, /not a Vendorwatch database/);
    expect(readdirSync(join(noise, '..'))).toEqual(['notes.db']);

    const empty = join(tempDir(), 'empty.db');
    writeFileSync(empty, '');
    await expectRefused(empty, /not a Vendorwatch database/);
    expect(statSync(empty).size).toBe(0);
    expect(readdirSync(join(empty, '..'))).toEqual(['empty.db']);

    const other = join(tempDir(), 'other.db');
    const foreign = new Database(other);
    foreign.exec("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup')");
    foreign.close();
    await expectRefused(other, /has no schema_migrations table: not a Vendorwatch database/);
  });

  it("refuses a Vendorwatch database older or newer than this version's schema, without migrating or backing it up", async () => {
    const older = join(tempDir(), 'vendorwatch.db');
    openDatabase(older).close();
    const rewind = new Database(older);
    rewind.prepare('DELETE FROM schema_migrations WHERE version = ?').run(LATEST);
    rewind.close();
    const run = await expectRefused(older, `is at schema version ${LATEST - 1}, older than this Vendorwatch's (${LATEST})`);
    expect(run.stderr).toContain('`vendorwatch start`');
    expect(run.stderr).toContain('`vendorwatch poll --once`');
    expect(readdirSync(join(older, '..')).filter((name) => name.includes('.bak-v'))).toEqual([]);

    const newer = join(tempDir(), 'vendorwatch.db');
    openDatabase(newer).close();
    const ahead = new Database(newer);
    ahead
      .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
      .run(LATEST + 1, 'later', '2027-01-01T00:00:00Z');
    ahead.close();
    await expectRefused(newer, `is at schema version ${LATEST + 1}, newer than this Vendorwatch's (${LATEST}): upgrade Vendorwatch`);
  });
});

describe.skipIf(!available)(available ? 'vendorwatch db copy' : skippedTitle(), () => {
  const closers: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
  });

  let feeds: FeedServer;
  let slack: FakeSlackApi;
  let sqlitePath: string;
  let alertTs: string;
  let feedEnv: NodeJS.ProcessEnv;

  /** The SQLite installation: one poll with backfill (one alert, posted), an acknowledgement and a mute. */
  async function buildSqliteInstallation(): Promise<void> {
    feeds = await startFeedServer(
      Object.fromEntries(SEED_OUTLETS.map((name) => [`/${name}`, { kind: 'feed' as const, file: join(FIXTURE_FEEDS, name) }])),
    );
    closers.push(() => feeds.close());
    slack = await startFakeSlackApi({ users: { U0ANN0001: 'Ann Responder' } });
    closers.push(() => slack.close());
    // Both runs (SQLite, then PostgreSQL) poll these same feed addresses, so the copied feed state is what they meet.
    feedEnv = { VENDORWATCH_FEEDS: SEED_OUTLETS.map((name) => feeds.url(`/${name}`)).join(',') };
    const h = await startHarness({ slack, env: feedEnv });
    try {
      const report = await h.app.runCycle({ backfill: true });
      expect(report.alertsNew).toBe(1);
      expect(h.topLevelPosts()).toHaveLength(1);
      alertTs = h.topLevelPosts()[0]!.ts;
      const incident = (await h.app.store.incidents.byKey('carecloud-2026-03'))!;
      expect(await h.app.store.deliveries.postedAlerts(incident.id)).toHaveLength(1);
      expect(
        await h.app.store.interactions.acknowledge(incident.id, {
          platform: 'slack',
          userId: 'U0ANN0001',
          userName: 'Ann Responder',
          at: '2026-04-01T09:05:00Z',
          comment: 'on it — "vendor" call booked',
        }),
      ).toBe(true);
      await h.app.store.interactions.mute({
        vendor: 'Epic Systems',
        until: '2026-05-01T00:00:00.000Z',
        platform: 'slack',
        userId: 'U0ANN0001',
        userName: 'Ann Responder',
        at: '2026-04-01T09:06:00.000Z',
      });
      sqlitePath = h.dbPath;
    } finally {
      await h.close();
    }
  }

  it('copies every table with its ids and values: counts printed and equal, PgStore reads back what the SQLite store read, the password never shown', async () => {
    await buildSqliteInstallation();
    const database = await createTestDatabase('copy');
    const target = withPassword(database.url);

    // The source is opened read-only: the file is byte for byte as before the copy, its mtime too, and no backup made.
    const sourceBefore = folderSnapshot(join(sqlitePath, '..'));
    const run = await runCli(['db', 'copy', '--from', sqlitePath, '--to', target], {});
    expect(run.code, run.stderr).toBe(0);
    expectSourceUnchanged(sqlitePath, sourceBefore);
    for (const output of [run.stdout, run.stderr]) expect(output).not.toContain(PASSWORD);
    expect(run.stdout).toContain(target.replace(PASSWORD, '***'));

    const raw = new Database(sqlitePath, { readonly: true });
    closers.push(async () => void raw.close());
    const sqlite = SqliteAsyncStore.open(sqlitePath);
    closers.push(() => sqlite.close());
    const copied = await PgStore.open({ connectionString: database.url, poolSize: 2 });
    closers.push(() => copied.close());

    // The counts printed, table by table, are SQLite's, and PostgreSQL holds as many.
    const printed = new Map(
      run.stdout
        .split('\n')
        .map((line) => /^(\w+)\s+(\d+)$/.exec(line))
        .filter((match) => match !== null)
        .map((match) => [match[1]!, Number(match[2])]),
    );
    for (const table of ['feeds', 'items', 'incidents', 'incident_sources', 'deliveries', 'alert_messages', 'acknowledgements', 'mutes']) {
      const { n } = raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number };
      expect(printed.get(table), table).toBe(n);
      const [row] = await database.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
      expect(Number(row!.n), table).toBe(n);
    }
    // The outbox keeps SQLite's order: deliveries.seq is the SQLite rowid it stands in for.
    const order = raw.prepare('SELECT id, rowid AS seq FROM deliveries ORDER BY rowid').all();
    const pgOrder = await database.query<{ id: string; seq: number }>('SELECT id, seq::int AS seq FROM deliveries ORDER BY seq');
    expect(order.length).toBeGreaterThan(0);
    expect(pgOrder).toEqual(order);
    // Progress on stderr: a line per table as it is copied, with its rows; the counts table is stdout's alone.
    expect(printed.size).toBeGreaterThanOrEqual(8);
    for (const [table, n] of printed) expect(run.stderr).toContain(`copied ${table}: ${n} rows\n`);
    expect(run.stderr.trim().split('\n')).toHaveLength(printed.size);
    expect(printed.get('alert_messages')).toBe(1);
    expect(printed.get('acknowledgements')).toBe(1);
    expect(printed.get('mutes')).toBe(1);

    const before = await readBack(sqlite);
    expect(before.perIncident.some((entry) => entry.ack?.comment === 'on it — "vendor" call booked')).toBe(true);
    expect(before.mutes.map((mute) => mute.vendor)).toEqual(['Epic Systems']);
    expect(await readBack(copied)).toEqual(before);
    expect(await copied.interactions.unacknowledgedAlertedCount()).toBe(await sqlite.interactions.unacknowledgedAlertedCount());

    // The identity sequences continue after the copied ids: a new row gets the next id, not 1.
    const max = (await database.query<{ max: string }>('SELECT max(id) AS max FROM cycles'))[0]!.max;
    expect(await copied.startCycle(new Date('2026-04-01T10:00:00Z'))).toBe(Number(max) + 1);
    await database.query('DELETE FROM cycles WHERE id = $1', [Number(max) + 1]);
    await database.query(`SELECT setval(pg_get_serial_sequence('cycles', 'id'), $1)`, [Number(max)]);

    // A later report of the copied incident, polled with VENDORWATCH_DB the PostgreSQL URL, goes to the existing thread.
    const h: Harness = await startHarness({ slack, dbPath: target, env: feedEnv });
    closers.push(() => h.close());
    expect(h.app.store.engine).toBe('postgres');
    feeds.route('/outlet-analysis.xml', { kind: 'feed', file: join(FIXTURE_FEEDS, 'outlet-followup.xml'), etag: '"v2"' });
    const report = await h.app.runCycle({ backfill: false });
    expect(report.alertsNew).toBe(0);
    expect(h.topLevelPosts().map((post) => post.ts)).toEqual([alertTs]);
    expect(h.threadReplies().filter((reply) => reply.threadTs === alertTs)).toHaveLength(1);
    expect(h.threadReplies().every((reply) => reply.threadTs === alertTs)).toBe(true);
  }, 120_000);

  it('refuses a target that is not empty, with exit code 2 and a clear message, and leaves it as it was', async () => {
    if (!sqlitePath) await buildSqliteInstallation();
    const database = await createTestDatabase('nonempty');
    const existing = await PgStore.open({ connectionString: database.url, poolSize: 1 });
    await existing.interactions.mute({
      vendor: 'Already Here',
      until: '2027-01-01T00:00:00.000Z',
      platform: 'slack',
      userId: 'U0OTHER01',
      userName: 'someone',
      at: '2026-01-01T00:00:00.000Z',
    });
    await existing.close();
    const snapshot = async () => ({
      mutes: await database.query('SELECT * FROM mutes ORDER BY vendor'),
      incidents: await database.query('SELECT count(*) AS n FROM incidents'),
      feeds: await database.query('SELECT count(*) AS n FROM feeds'),
      migrations: await database.query('SELECT version, applied_at FROM schema_migrations ORDER BY version'),
    });
    const before = await snapshot();

    const target = withPassword(database.url);
    const run = await runCli(['db', 'copy', '--from', sqlitePath, '--to', target], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('the target database is not empty (rows in mutes (1));');
    expect(run.stderr).toContain('Nothing was changed');
    for (const output of [run.stdout, run.stderr]) expect(output).not.toContain(PASSWORD);
    expect(await snapshot()).toEqual(before);

    // A database holding rows of something else entirely is refused before Vendorwatch's schema is created in it.
    const other = await createTestDatabase('foreign');
    await other.query('CREATE TABLE notes (body text)');
    await other.query("INSERT INTO notes VALUES ('keep me'), ('and me')");
    await other.query('CREATE TABLE tallies (n int)');
    await other.query('INSERT INTO tallies SELECT generate_series(1, 3)');
    await other.query('CREATE TABLE unused (n int)');
    const refused = await runCli(['db', 'copy', '--from', sqlitePath, '--to', withPassword(other.url)], {});
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('(rows in notes (2), tallies (3));');
    expect(await targetTables((sql) => other.query<{ name: string }>(sql))).toEqual(['notes', 'tallies', 'unused']);
    expect(await other.query('SELECT body FROM notes')).toEqual([{ body: 'keep me' }, { body: 'and me' }]);
  }, 120_000);

  it('reports progress of a big table on stderr every ~10,000 rows, and its count on stdout', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'vw-db-copy-')), 'vendorwatch.db');
    const db = openDatabase(file);
    const insert = db.prepare('INSERT INTO cycles (started_at, finished_at, feeds_ok) VALUES (?, ?, ?)');
    db.transaction(() => {
      for (let i = 0; i < 25_000; i++) insert.run('2026-03-01T00:00:00.000Z', '2026-03-01T00:00:05.000Z', i % 7);
    })();
    db.close();
    const database = await createTestDatabase('progress');
    const run = await runCli(['db', 'copy', '--from', file, '--to', withPassword(database.url)], {});
    expect(run.code, run.stderr).toBe(0);
    const partial = run.stderr.split('\n').filter((line) => /^copying cycles: \d+ of 25000 rows$/.test(line));
    expect(partial).toHaveLength(2);
    expect(run.stderr).toContain('copied cycles: 25000 rows\n');
    expect(run.stdout).toMatch(/^cycles\s+25000$/m);
    expect(run.stdout).not.toContain('copying');
    const [row] = await database.query<{ n: string }>('SELECT count(*) AS n FROM cycles');
    expect(Number(row!.n)).toBe(25_000);
  }, 120_000);
});
