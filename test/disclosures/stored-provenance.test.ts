// The store keeps what the disclosure sources add to an item (migration 7): provenance, party, identity, revision
// and facts. Rows stored before read as news; a known record re-published with another revision is recorded as a
// revision of its item, never as a new item.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { parseHhsOcrCsv } from '../../src/sources/hhs-ocr.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { Store } from '../../src/store/store.js';

const SOURCE_FIXTURES = join(import.meta.dirname, '..', 'sources', 'fixtures');

const AT = new Date('2025-03-14T12:00:00Z');
const eligible = () => ({ eligible: true, reason: null });
const ocr = (file: string) =>
  parseHhsOcrCsv(readFileSync(join(SOURCE_FIXTURES, file), 'utf8'), { feedUrl: 'https://ocr.example/x.csv' }).items;

describe('stored provenance', () => {
  it('reads an item stored before the disclosure sources as news, with no party, identity, revision or facts', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'vw-migrate-')), 'old.db');
    const old = new Database(path);
    old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    for (const migration of MIGRATIONS.filter((m) => m.version <= 6)) {
      old.exec(migration.sql);
      old.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(migration.version, migration.name, AT.toISOString());
    }
    old.prepare(`INSERT INTO feeds (url, name) VALUES ('https://news.example/feed', 'News')`).run();
    old
      .prepare(
        `INSERT INTO items (feed_id, guid, canonical_url, fingerprint, title, text, published_at, first_seen_at, status, alert_eligible)
         VALUES (1, 'g1', NULL, ?, 'Old story', 'Old text', NULL, ?, 'done', 1)`,
      )
      .run('a'.repeat(64), AT.toISOString());
    old.close();

    const store = Store.open(path);
    try {
      const item = store.items.byId(1);
      expect(item).toMatchObject({ title: 'Old story', provenance: 'news', party: null, identity: null, revision: null, facts: {} });
      expect(item?.latestRevision).toBeNull();
    } finally {
      store.close();
    }
  });

  it('keeps a source item whole, and records a revised count as a revision of it, once', () => {
    const store = Store.open(':memory:');
    try {
      const [feed] = store.feeds.sync([{ name: 'HHS OCR', url: 'https://ocr.example/x.csv', tags: [] }]);
      const first = ocr('hhs-ocr-breaches.csv');
      const stored = store.items.insertNew(feed!.id, first, eligible, AT);
      expect(stored).toHaveLength(first.length);
      const acme = stored.find((item) => item.party?.name === 'Acme Billing Services, LLC')!;
      expect(acme).toMatchObject({ provenance: 'hhs-ocr', revision: '31007', identity: 'acme billing services llc|TX|2025-03-12' });
      expect(acme.facts).toMatchObject({ individualsAffected: 31007, state: 'TX' });

      // Re-published unchanged: no revision, no new item.
      expect(store.items.recordRevisions(feed!.id, first, AT)).toEqual([]);
      expect(store.items.insertNew(feed!.id, first, eligible, AT)).toEqual([]);

      const revised = ocr('hhs-ocr-breaches-revised.csv');
      const later = new Date(AT.getTime() + 86_400_000);
      const revisions = store.items.recordRevisions(feed!.id, revised, later);
      expect(revisions).toEqual([
        {
          id: 1,
          itemId: acme.id,
          provenance: 'hhs-ocr',
          previous: '31007',
          revision: '48210',
          previousTitle: acme.title,
          recordedAt: later.toISOString(),
        },
      ]);
      expect(store.items.insertNew(feed!.id, revised, eligible, later)).toEqual([]);
      expect(store.items.count()).toBe(first.length);
      const now = store.items.byId(acme.id);
      expect(now?.title).toContain('affecting 48,210 individuals');
      expect(now?.facts.individualsAffected).toBe(48210);
      expect(now?.latestRevision).toMatchObject({ previous: '31007', revision: '48210' });
      expect(store.items.recordRevisions(feed!.id, revised, later)).toEqual([]);
    } finally {
      store.close();
    }
  });
});
