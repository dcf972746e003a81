import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FeedItem } from '../../src/core/types.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { Store } from '../../src/store/store.js';

const dbPath = () => join(mkdtempSync(join(tmpdir(), 'vw-store-')), 'nested', 'vendorwatch.db');

const item = (overrides: Partial<FeedItem> = {}): FeedItem => ({
  feedUrl: 'http://127.0.0.1/a.xml',
  guid: 'guid-1',
  canonicalUrl: 'https://news.example/story-1',
  title: 'A story',
  text: 'The text of a story.',
  publishedAt: new Date('2026-03-28T10:00:00Z'),
  fingerprint: 'fp-1',
  ...overrides,
});

const eligible = () => ({ eligible: true, reason: null });

describe('Store', () => {
  it('creates its folder, migrates, and reopens an existing file without migrating again', () => {
    const path = dbPath();
    const store = Store.open(path);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    const [feed] = store.feeds.sync([{ name: 'A', url: 'http://127.0.0.1/a.xml', tags: ['healthcare'] }]);
    store.close();
    const reopened = Store.open(path);
    expect(reopened.feeds.byUrl('http://127.0.0.1/a.xml')).toMatchObject({ id: feed!.id, name: 'A', tags: ['healthcare'] });
    expect((reopened.db.prepare('SELECT count(*) AS n FROM schema_migrations').get() as { n: number }).n).toBe(MIGRATIONS.length);
    reopened.close();
  });

  it('stores an item once whether it comes back with the same guid, the same canonical URL or the same text', () => {
    const store = Store.open(dbPath());
    const [a, b] = store.feeds.sync([
      { name: 'A', url: 'http://127.0.0.1/a.xml', tags: [] },
      { name: 'B', url: 'http://127.0.0.1/b.xml', tags: [] },
    ]);
    const now = new Date();
    expect(store.items.insertNew(a!.id, [item()], eligible, now)).toHaveLength(1);
    expect(
      store.items.insertNew(a!.id, [item({ canonicalUrl: 'https://news.example/other', fingerprint: 'fp-x' })], eligible, now),
    ).toHaveLength(0);
    expect(store.items.insertNew(b!.id, [item({ guid: 'other-guid', fingerprint: 'fp-y' })], eligible, now)).toHaveLength(0);
    expect(
      store.items.insertNew(b!.id, [item({ guid: 'new-guid', canonicalUrl: 'https://mirror.example/x' })], eligible, now),
    ).toHaveLength(0);
    expect(
      store.items.insertNew(
        b!.id,
        [item({ guid: 'g2', canonicalUrl: 'https://news.example/story-2', fingerprint: 'fp-2' })],
        eligible,
        now,
      ),
    ).toHaveLength(1);
    expect(store.items.count()).toBe(2);
    store.close();
  });

  it('records one acknowledgement per incident and keeps the first', () => {
    const store = Store.open(dbPath());
    const incident = store.incidents.create({
      key: 'k-2026-03',
      vendor: 'V',
      organisation: 'V',
      title: 't',
      summary: 's',
      healthcare: true,
      signature: {},
      at: new Date(),
    });
    const ack = { platform: 'slack' as const, userId: 'U1', userName: 'Ann', comment: null, at: '2026-03-30T10:00:00.000Z' };
    expect(store.interactions.acknowledge(incident.id, ack)).toBe(true);
    expect(store.interactions.acknowledge(incident.id, { ...ack, userId: 'U2', userName: 'Bob' })).toBe(false);
    expect(store.interactions.acknowledgement(incident.id)).toMatchObject({ userId: 'U1', userName: 'Ann' });
    store.close();
  });

  it('compiles each fixed statement once and reuses it, whatever the repositories run in between', () => {
    const store = Store.open(dbPath());
    const sql = 'SELECT count(*) AS n FROM items';
    const first = store.db.prepare(sql);
    const [feed] = store.feeds.sync([{ name: 'A', url: 'http://127.0.0.1/a.xml', tags: [] }]);
    store.items.insertNew(
      feed!.id,
      [item(), item({ guid: 'guid-2', canonicalUrl: 'https://news.example/story-2', fingerprint: 'fp-2' })],
      eligible,
      new Date(),
    );
    expect(store.db.prepare(sql)).toBe(first);
    expect(first.get()).toEqual({ n: 2 });
    store.close();
  });

  it('keeps a stronger vendor role over a weaker one', () => {
    const store = Store.open(dbPath());
    const incident = store.incidents.create({
      key: 'k',
      vendor: null,
      organisation: null,
      title: 't',
      summary: 's',
      healthcare: false,
      signature: {},
      at: new Date(),
    });
    store.incidents.recordVendorRole(incident.id, 'V', 'mention');
    store.incidents.recordVendorRole(incident.id, 'V', 'primary');
    store.incidents.recordVendorRole(incident.id, 'V', 'related');
    expect(store.incidents.vendorRoles(incident.id)).toEqual([{ vendor: 'V', role: 'primary' }]);
    store.close();
  });
});

describe('the outbox', () => {
  it("keeps a channel's messages in queue order when an older one is backing off", () => {
    const store = Store.open(dbPath());
    const at = new Date('2026-04-01T10:00:00Z');
    const slack = { platform: 'slack' as const, address: 'C1' };
    const teams = { platform: 'teams' as const, address: 'T1' };
    const first = store.deliveries.enqueue({ incidentId: null, kind: 'notice', destination: slack, at });
    const second = store.deliveries.enqueue({ incidentId: null, kind: 'notice', destination: slack, at });
    const elsewhere = store.deliveries.enqueue({ incidentId: null, kind: 'notice', destination: teams, at });
    store.deliveries.markAttemptFailed(first, { code: 'http_500', message: 'down' }, new Date(at.getTime() + 60_000));
    const later = new Date(at.getTime() + 1000);
    expect(store.deliveries.due(later).map((d) => d.id)).toEqual([elsewhere]);
    expect(store.deliveries.due(new Date(at.getTime() + 61_000)).map((d) => d.id)).toEqual([first, second, elsewhere]);
    store.close();
  });
});

describe('a damaged database', () => {
  it('stops start-up with the path and the backup to restore, exit code 2 from the CLI', async () => {
    const { writeFileSync } = await import('node:fs');
    const { runCli } = await import('../cli/run-cli.js');
    const path = dbPath();
    Store.open(path).close();
    writeFileSync(`${path}.bak-v1`, 'an older copy');
    writeFileSync(path, 'this is not an SQLite database, just text that replaced it'.repeat(100));
    const run = await runCli(['status'], { VENDORWATCH_DB: path });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(path);
    expect(run.stderr).toContain(`${path}.bak-v1`);
  });
});
