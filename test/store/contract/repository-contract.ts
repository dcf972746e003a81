// The repository contract: one suite, written against AsyncStore, that every engine runs (sqlite.test.ts,
// postgres.test.ts). It ports what test/store/store.test.ts and test/store/corrections.test.ts assert of the
// repositories, and covers every other repository method, the store's own methods, transactions, leases and claims.
// Where SQLite's order of equal values is only what its query plan happens to give, the contract pins it down, so
// PostgreSQL must give the same.

import { afterEach, describe, expect, it } from 'vitest';
import type { FeedItem } from '../../../src/core/types.js';
import { silentLogger } from '../../../src/log.js';
import type { SourceItem } from '../../../src/sources/source-item.js';
import { type AsyncStore, StoreMisuseError } from '../../../src/store/async-store.js';
import type { Eligibility } from '../../../src/store/item-repository.js';
import type { StoreEngine } from './engine.js';

const eligible = () => ({ eligible: true, reason: null });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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

const by = { platform: 'slack' as const, userId: 'U1', userName: 'Ann', at: '2026-03-30T10:00:00.000Z' };
const slack = (address: string) => ({ platform: 'slack' as const, address });

const newIncident = (key: string, overrides: Partial<Parameters<AsyncStore['incidents']['create']>[0]> = {}) => ({
  key,
  vendor: 'Epic Systems' as string | null,
  organisation: 'Epic Games' as string | null,
  title: 't',
  summary: 's',
  healthcare: false,
  signature: {},
  at: new Date('2026-03-30T09:00:00Z'),
  ...overrides,
});

async function alertedIncident(store: AsyncStore, key: string, at: Date, vendor: string | null = 'Epic Systems') {
  const incident = await store.incidents.create(newIncident(key, { at, vendor }));
  await store.incidents.setAlertState(incident.id, 'alerted', at);
  return incident;
}

async function feedWithItems(store: AsyncStore, count: number, at = new Date('2026-03-30T09:00:00Z')) {
  const [feed] = await store.feeds.sync([{ name: 'A', url: 'http://127.0.0.1/a.xml', tags: [] }]);
  const items = await store.items.insertNew(
    feed!.id,
    Array.from({ length: count }, (_, i) =>
      item({ guid: `g${i + 1}`, canonicalUrl: `https://news.example/${i + 1}`, title: `story ${i + 1}`, fingerprint: `fp${i + 1}` }),
    ),
    eligible,
    at,
  );
  return { feed: feed!, items };
}

const detection = (overrides: Record<string, unknown> = {}) => ({
  articleId: 'a1',
  breach: true,
  healthcare: true,
  vendors: [{ name: 'Epic Systems', role: 'primary' as const, matched: 'Epic' }],
  alert: true,
  organisations: ['Epic Games'],
  summary: 'A summary.',
  facts: [],
  why: ['named as breached'],
  ...overrides,
});

export function defineRepositoryContract(engine: StoreEngine): void {
  const opened: AsyncStore[] = [];
  const fresh = async (): Promise<AsyncStore> => {
    const store = await (await engine.place()).open();
    opened.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close().catch(() => undefined)));
  });

  describe('the store', () => {
    it('opens a new store, migrates it, and reopens it with its data and without migrating again', async () => {
      const place = await engine.place();
      const store = await place.open();
      expect(store.engine).toBe(engine.name);
      const [feed] = await store.feeds.sync([{ name: 'A', url: 'http://127.0.0.1/a.xml', tags: ['healthcare'] }]);
      await store.close();
      const reopened = await place.open();
      opened.push(reopened);
      expect(await reopened.feeds.byUrl('http://127.0.0.1/a.xml')).toMatchObject({ id: feed!.id, name: 'A', tags: ['healthcare'] });
      expect(await place.schemaVersions()).toEqual(place.expectedVersions);
    });

    it('records poll cycles: the last one, its counts, and its article pages as numbers only, in the order written', async () => {
      const store = await fresh();
      expect(await store.lastCycle()).toBeNull();
      const first = await store.startCycle(new Date('2026-04-01T10:00:00Z'));
      const second = await store.startCycle(new Date('2026-04-01T10:05:00Z'));
      expect(second).toBeGreaterThan(first);
      expect(await store.lastCycle()).toEqual({
        id: second,
        startedAt: '2026-04-01T10:05:00.000Z',
        finishedAt: null,
        feedsOk: 0,
        feedsFailed: 0,
        feedsNotModified: 0,
        itemsNew: 0,
        incidentsNew: 0,
        alertsNew: 0,
        error: null,
        articlePages: null,
      });
      await store.finishCycle(second, new Date('2026-04-01T10:06:00Z'), {
        feedsOk: 3,
        feedsFailed: 1,
        feedsNotModified: 2,
        itemsNew: 7,
        incidentsNew: 2,
        alertsNew: 1,
        error: 'one feed failed',
        // Key order as written (a JSONB column would give fetched, refused, cacheHits); a stray non-number is dropped.
        articlePages: { fetched: 3, cacheHits: 1, refused: 0, note: 'x' as unknown as number },
      });
      const last = await store.lastCycle();
      expect(last).toMatchObject({ id: second, finishedAt: '2026-04-01T10:06:00.000Z', feedsOk: 3, itemsNew: 7, error: 'one feed failed' });
      expect(Object.keys(last!.articlePages!)).toEqual(['fetched', 'cacheHits', 'refused']);
    });

    it('keeps the daily digests: none at first, then when the last one was queued', async () => {
      const store = await fresh();
      expect(await store.digests.lastSentAt()).toBeNull();
      await store.digests.record({ sentAt: new Date('2026-04-01T08:00:00Z'), coveredSince: new Date('2026-03-31T08:00:00Z'), lines: 4 });
      await store.digests.record({ sentAt: new Date('2026-04-02T08:00:00Z'), coveredSince: new Date('2026-04-01T08:00:00Z'), lines: 2 });
      expect(await store.digests.lastSentAt()).toBe('2026-04-02T08:00:00.000Z');
    });

    it('answers the health probe by writing, again and again', async () => {
      const store = await fresh();
      await store.probeWritable(new Date('2026-04-01T10:00:00Z'));
      await expect(store.probeWritable(new Date('2026-04-01T10:01:00Z'))).resolves.toBeUndefined();
    });
  });

  describe('transactions', () => {
    it('commit everything written through the transaction store together', async () => {
      const store = await fresh();
      const id = await store.transaction(async (tx) => {
        const incident = await tx.incidents.create(newIncident('k-1'));
        await tx.deliveries.enqueue({ incidentId: incident.id, kind: 'alert', destination: slack('C1'), at: new Date() });
        expect(await tx.deliveries.pendingCount()).toBe(1);
        return incident.id;
      });
      expect((await store.incidents.byId(id))?.key).toBe('k-1');
      expect(await store.deliveries.pendingCount()).toBe(1);
    });

    it('leave nothing behind when the callback throws, including what multi-statement repository methods wrote', async () => {
      const store = await fresh();
      await expect(
        store.transaction(async (tx) => {
          await tx.incidents.create(newIncident('k-1'));
          await tx.feeds.sync([{ name: 'A', url: 'http://127.0.0.1/a.xml', tags: [] }]);
          await tx.deliveries.enqueue({ incidentId: null, kind: 'notice', destination: slack('C1'), at: new Date() });
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      expect(await store.incidents.byKey('k-1')).toBeNull();
      expect(await store.feeds.all()).toEqual([]);
      expect(await store.deliveries.pendingCount()).toBe(0);
    });

    it('nest: an inner transaction that throws undoes only its own writes', async () => {
      const store = await fresh();
      await store.transaction(async (tx) => {
        await tx.incidents.create(newIncident('outer'));
        await expect(
          tx.transaction(async (inner) => {
            await inner.incidents.create(newIncident('inner'));
            throw new Error('inner fails');
          }),
        ).rejects.toThrow('inner fails');
        await tx.incidents.create(newIncident('after'));
      });
      expect((await store.incidents.all()).map((i) => i.key).sort()).toEqual(['after', 'outer']);
    });

    it('refuse a call on the outer store from inside the callback, and a call on the transaction store after it ended', async () => {
      const store = await fresh();
      let kept: AsyncStore | undefined;
      await store.transaction(async (tx) => {
        kept = tx;
        await expect(store.incidents.all()).rejects.toBeInstanceOf(StoreMisuseError);
        await expect(store.transaction(async () => undefined)).rejects.toBeInstanceOf(StoreMisuseError);
        await tx.incidents.create(newIncident('k-1'));
      });
      await expect(kept!.incidents.all()).rejects.toBeInstanceOf(StoreMisuseError);
      expect(await store.incidents.all()).toHaveLength(1);
    });

    it('keep what others write meanwhile out of them: a rolled-back transaction does not take it along', async () => {
      const store = await fresh();
      let enter!: () => void;
      const entered = new Promise<void>((resolve) => (enter = resolve));
      let proceed!: () => void;
      const gate = new Promise<void>((resolve) => (proceed = resolve));
      const failing = store.transaction(async (tx) => {
        await tx.incidents.create(newIncident('inside'));
        enter();
        await gate;
        throw new Error('rolled back');
      });
      await entered;
      // Started outside the transaction while it is open (on SQLite it waits for it to end).
      const outside = store.incidents.create(newIncident('outside'));
      await sleep(20);
      proceed();
      await expect(failing).rejects.toThrow('rolled back');
      await outside;
      expect((await store.incidents.all()).map((i) => i.key)).toEqual(['outside']);
    });
  });

  describe('feeds', () => {
    it('sync adds feeds and follows the configuration for name and tags; all lists by name in byte order, equal names in the order added', async () => {
      const store = await fresh();
      const first = await store.feeds.sync([
        { name: 'Same', url: 'http://127.0.0.1/z.xml', tags: ['healthcare'] },
        { name: 'Same', url: 'http://127.0.0.1/a.xml', tags: [] },
        { name: 'b', url: 'http://127.0.0.1/b.xml', tags: [] },
        { name: 'acme', url: 'http://127.0.0.1/acme.xml', tags: [] },
      ]);
      expect(first.map((f) => f.url)).toEqual([
        'http://127.0.0.1/z.xml',
        'http://127.0.0.1/a.xml',
        'http://127.0.0.1/b.xml',
        'http://127.0.0.1/acme.xml',
      ]);
      const [renamed] = await store.feeds.sync([{ name: 'B', url: 'http://127.0.0.1/b.xml', tags: ['regulator'] }]);
      expect(renamed).toMatchObject({ id: first[2]!.id, name: 'B', tags: ['regulator'], consecutiveFailures: 0, itemsSeen: 0 });
      // Byte order, as SQLite compares: capitals before small letters (an English collation puts 'acme' first).
      expect((await store.feeds.all()).map((f) => [f.name, f.url])).toEqual([
        ['B', 'http://127.0.0.1/b.xml'],
        ['Same', 'http://127.0.0.1/z.xml'],
        ['Same', 'http://127.0.0.1/a.xml'],
        ['acme', 'http://127.0.0.1/acme.xml'],
      ]);
      expect(await store.feeds.byUrl('http://127.0.0.1/nope.xml')).toBeNull();
    });

    it('recordAttempt counts failures from the first one, keeps validators through a 304 and clears the failure on success', async () => {
      const store = await fresh();
      const [feed] = await store.feeds.sync([{ name: 'A', url: 'http://127.0.0.1/a.xml', tags: [] }]);
      const t = (minute: number) => new Date(Date.UTC(2026, 3, 1, 10, minute));
      await store.feeds.recordAttempt(feed!.id, {
        at: t(0),
        outcome: 'ok',
        status: 200,
        etag: '"v1"',
        lastModified: 'Wed, 01 Apr 2026 09:00:00 GMT',
        consecutiveFailures: 0,
        nextAttemptAt: t(10),
      });
      await store.feeds.recordAttempt(feed!.id, {
        at: t(10),
        outcome: 'not_modified',
        status: 304,
        etag: null,
        consecutiveFailures: 0,
        nextAttemptAt: t(20),
      });
      expect(await store.feeds.byUrl(feed!.url)).toMatchObject({
        etag: '"v1"',
        lastModified: 'Wed, 01 Apr 2026 09:00:00 GMT',
        lastStatus: 304,
        lastSuccessAt: t(10).toISOString(),
        nextAttemptAt: t(20).toISOString(),
      });
      await store.feeds.recordAttempt(feed!.id, {
        at: t(20),
        outcome: 'error',
        status: 503,
        error: { code: 'http_503', message: 'unavailable' },
        consecutiveFailures: 1,
        nextAttemptAt: t(25),
      });
      await store.feeds.recordAttempt(feed!.id, { at: t(25), outcome: 'error', status: null, consecutiveFailures: 2, nextAttemptAt: null });
      expect(await store.feeds.byUrl(feed!.url)).toMatchObject({
        lastErrorAt: t(25).toISOString(),
        lastError: 'unknown error',
        lastErrorCode: 'error',
        lastStatus: null,
        consecutiveFailures: 2,
        failingSince: t(20).toISOString(),
        nextAttemptAt: null,
        lastSuccessAt: t(10).toISOString(),
        etag: '"v1"',
      });
      await store.feeds.recordAttempt(feed!.id, {
        at: t(30),
        outcome: 'ok',
        status: 200,
        etag: null,
        lastModified: null,
        consecutiveFailures: 0,
        nextAttemptAt: t(40),
      });
      expect(await store.feeds.byUrl(feed!.url)).toMatchObject({
        consecutiveFailures: 0,
        failingSince: null,
        etag: null,
        lastModified: null,
        lastError: 'unknown error',
        lastSuccessAt: t(30).toISOString(),
      });
    });

    it("keeps the health notice, the feed title (cut to 200 characters, shown as the items' outlet) and the first poll", async () => {
      const store = await fresh();
      const [feed] = await store.feeds.sync([{ name: '127.0.0.1', url: 'http://127.0.0.1/a.xml', tags: [] }]);
      await store.feeds.setHealthNotice(feed!.id, 'failing');
      await store.feeds.setTitle(feed!.id, `Health News ${'x'.repeat(300)}`);
      await store.feeds.markFirstPolled(feed!.id, new Date('2026-04-01T10:00:00Z'), 5);
      await store.feeds.markFirstPolled(feed!.id, new Date('2026-04-02T10:00:00Z'), 2);
      const [stored] = await store.feeds.all();
      expect(stored).toMatchObject({ healthNotice: 'failing', firstPolledAt: '2026-04-01T10:00:00.000Z', itemsSeen: 7 });
      const [inserted] = await store.items.insertNew(feed!.id, [item()], eligible, new Date());
      expect(inserted!.feedName).toBe(`Health News ${'x'.repeat(188)}`);
      await store.feeds.setHealthNotice(feed!.id, null);
      expect((await store.feeds.byUrl(feed!.url))?.healthNotice).toBeNull();
    });
  });

  describe('items', () => {
    it('stores an item once whether it comes back with the same guid, the same canonical URL or the same text', async () => {
      const store = await fresh();
      const [a, b] = await store.feeds.sync([
        { name: 'A', url: 'http://127.0.0.1/a.xml', tags: [] },
        { name: 'B', url: 'http://127.0.0.1/b.xml', tags: [] },
      ]);
      const now = new Date();
      expect(await store.items.insertNew(a!.id, [item()], eligible, now)).toHaveLength(1);
      expect(
        await store.items.insertNew(a!.id, [item({ canonicalUrl: 'https://news.example/other', fingerprint: 'fp-x' })], eligible, now),
      ).toHaveLength(0);
      expect(await store.items.insertNew(b!.id, [item({ guid: 'other-guid', fingerprint: 'fp-y' })], eligible, now)).toHaveLength(0);
      expect(
        await store.items.insertNew(b!.id, [item({ guid: 'new-guid', canonicalUrl: 'https://mirror.example/x' })], eligible, now),
      ).toHaveLength(0);
      expect(
        await store.items.insertNew(
          b!.id,
          [item({ guid: 'g2', canonicalUrl: 'https://news.example/story-2', fingerprint: 'fp-2' })],
          eligible,
          now,
        ),
      ).toHaveLength(1);
      // The same guid in another feed is another item.
      expect(
        await store.items.insertNew(b!.id, [item({ canonicalUrl: null, fingerprint: 'fp-3', guid: 'guid-1' })], eligible, now),
      ).toHaveLength(1);
      expect(await store.items.count()).toBe(3);
    });

    it("insertNew compares a call's items with each other too, asks eligibility of new ones only, and returns them in order", async () => {
      const store = await fresh();
      const [feed] = await store.feeds.sync([{ name: 'A', url: 'http://127.0.0.1/a.xml', tags: [] }]);
      await store.items.insertNew(feed!.id, [item({ guid: 'old', canonicalUrl: null, fingerprint: 'fp-old' })], eligible, new Date());
      const asked: string[] = [];
      const now = new Date('2026-04-01T10:00:00Z');
      const stored = await store.items.insertNew(
        feed!.id,
        [
          item({ guid: 'z-new', canonicalUrl: null, fingerprint: 'fp-z', publishedAt: null }),
          item({ guid: 'old', canonicalUrl: null, fingerprint: 'fp-other' }),
          item({ guid: 'a-new', canonicalUrl: 'https://news.example/a', fingerprint: 'fp-a' }),
          item({ guid: 'a-again', canonicalUrl: 'https://news.example/a', fingerprint: 'fp-a2' }),
          item({ guid: 'z-twin', canonicalUrl: null, fingerprint: 'fp-z' }),
        ],
        (candidate) => {
          asked.push(candidate.guid);
          return candidate.guid === 'a-new' ? { eligible: false, reason: 'older than 14 days' } : eligible();
        },
        now,
      );
      expect(asked).toEqual(['z-new', 'a-new']);
      expect(stored.map((i) => i.guid)).toEqual(['z-new', 'a-new']);
      expect(stored[0]).toMatchObject({
        feedId: feed!.id,
        feedName: 'A',
        canonicalUrl: null,
        publishedAt: null,
        firstSeenAt: now.toISOString(),
        alertEligible: true,
        ineligibleReason: null,
        provenance: 'news',
        party: null,
        identity: null,
        revision: null,
        facts: {},
        latestRevision: null,
        firstJoinedAt: null,
      });
      expect(stored[1]).toMatchObject({
        alertEligible: false,
        ineligibleReason: 'older than 14 days',
        publishedAt: '2026-03-28T10:00:00.000Z',
      });
      expect(stored[1]!.id).toBeGreaterThan(stored[0]!.id);
      expect(await store.items.insertNew(feed!.id, [], eligible, now)).toEqual([]);
    });

    it("keeps a disclosure source's provenance, party, identity, revision and facts, and records a revised record as a revision", async () => {
      const store = await fresh();
      const [feed] = await store.feeds.sync([{ name: 'HHS OCR', url: 'http://127.0.0.1/ocr.csv', tags: [] }]);
      const source = (revision: string | null, individuals: number, party: SourceItem['party']): SourceItem => ({
        ...item({ guid: 'hhs-ocr:clinic-1', canonicalUrl: null, fingerprint: `fp-${revision}`, title: `Clinic reports ${individuals}` }),
        provenance: 'hhs-ocr',
        party,
        identity: 'clinic-1',
        revision,
        facts: { individualsAffected: individuals, breachType: 'Hacking/IT Incident' },
      });
      const at = new Date('2026-04-01T10:00:00Z');
      const [stored] = await store.items.insertNew(
        feed!.id,
        [source('500', 500, { name: 'Clinic One', domain: 'clinic.example' })],
        eligible,
        at,
      );
      expect(stored).toMatchObject({
        provenance: 'hhs-ocr',
        party: { name: 'Clinic One', domain: 'clinic.example' },
        identity: 'clinic-1',
        revision: '500',
        facts: { individualsAffected: 500, breachType: 'Hacking/IT Incident' },
        latestRevision: null,
      });
      expect(await store.items.recordRevisions(feed!.id, [source('500', 500, null)], at)).toEqual([]);
      expect(await store.items.recordRevisions(feed!.id, [item({ guid: 'hhs-ocr:clinic-1' })], at)).toEqual([]);
      const later = new Date('2026-04-03T10:00:00Z');
      const [revision] = await store.items.recordRevisions(feed!.id, [source('1200', 1200, null)], later);
      expect(revision).toEqual({
        id: expect.any(Number),
        itemId: stored!.id,
        provenance: 'hhs-ocr',
        previous: '500',
        revision: '1200',
        previousTitle: 'Clinic reports 500',
        recordedAt: later.toISOString(),
      });
      const revised = await store.items.byId(stored!.id);
      expect(revised).toMatchObject({
        title: 'Clinic reports 1200',
        fingerprint: 'fp-1200',
        revision: '1200',
        facts: { individualsAffected: 1200 },
        party: { name: 'Clinic One', domain: 'clinic.example' },
        latestRevision: revision,
      });
      // Inserting the re-published record again finds it stored (same guid): no new item.
      expect(await store.items.insertNew(feed!.id, [source('1200', 1200, null)], eligible, later)).toEqual([]);
    });

    it('gives the revisions a thread update names, by item, each with the title it gave the record', async () => {
      const store = await fresh();
      const [feed] = await store.feeds.sync([{ name: 'HHS OCR', url: 'http://127.0.0.1/ocr.csv', tags: [] }]);
      const record = (revision: string, individuals: number): SourceItem => ({
        ...item({ guid: 'hhs-ocr:clinic-2', canonicalUrl: null, fingerprint: `fp-${revision}`, title: `Clinic reports ${individuals}` }),
        provenance: 'hhs-ocr',
        party: null,
        identity: 'clinic-2',
        revision,
        facts: { individualsAffected: individuals },
      });
      const at = new Date('2026-04-01T10:00:00Z');
      const [stored] = await store.items.insertNew(feed!.id, [record('100', 100)], eligible, at);
      const [first] = await store.items.recordRevisions(feed!.id, [record('400', 400)], new Date('2026-04-02T10:00:00Z'));
      const [second] = await store.items.recordRevisions(feed!.id, [record('900', 900)], new Date('2026-04-03T10:00:00Z'));
      expect(await store.items.revisionsForUpdate([])).toEqual(new Map());
      expect(await store.items.revisionsForUpdate([0, -1, 999_999])).toEqual(new Map());
      // The first revision's title is what the second one replaced; the latest has no later one (the item's own).
      expect(await store.items.revisionsForUpdate([first!.id])).toEqual(
        new Map([[stored!.id, { revision: first, titleThen: 'Clinic reports 400' }]]),
      );
      expect(await store.items.revisionsForUpdate([second!.id, 999_999])).toEqual(
        new Map([[stored!.id, { revision: second, titleThen: null }]]),
      );
      // One entry per item: the last of the ids asked for, in revision order.
      expect((await store.items.revisionsForUpdate([second!.id, first!.id])).get(stored!.id)?.revision).toEqual(second);
    });

    it('backfill promotes silent items the feed still holds, and marks the rest gone from the feed', async () => {
      const store = await fresh();
      const [a, b] = await store.feeds.sync([
        { name: 'A', url: 'http://127.0.0.1/a.xml', tags: [] },
        { name: 'B', url: 'http://127.0.0.1/b.xml', tags: [] },
      ]);
      const silent = () => ({ eligible: false, reason: 'first poll of this feed' });
      const stored = await store.items.insertNew(
        a!.id,
        [1, 2, 3].map((n) => item({ guid: `g${n}`, canonicalUrl: `https://news.example/${n}`, fingerprint: `fp${n}` })),
        silent,
        new Date(),
      );
      await store.items.insertNew(b!.id, [item({ guid: 'b1', canonicalUrl: null, fingerprint: 'fp-b1' })], eligible, new Date());
      for (const stored1 of stored) await store.items.markDone(stored1.id);
      expect([...(await store.items.feedsHoldingSilentItems())]).toEqual([a!.id]);
      const promoted = await store.items.promoteForBackfill(a!.id, [
        item({ guid: 'g1', canonicalUrl: 'https://news.example/1', fingerprint: 'fp1' }),
        item({ guid: 'elsewhere', canonicalUrl: 'https://news.example/2', fingerprint: 'fp-other' }),
        item({ guid: 'g1', canonicalUrl: null, fingerprint: 'fp1' }),
      ]);
      expect(promoted).toBe(2);
      expect((await store.items.pending()).map((i) => i.guid)).toEqual(['g1', 'g2', 'b1']);
      expect(await store.items.markSilentItemsGoneFromFeed(a!.id)).toBe(1);
      expect((await store.items.byId(stored[2]!.id))?.ineligibleReason).toBe('no longer in the feed when it was backfilled');
      expect([...(await store.items.feedsHoldingSilentItems())]).toEqual([]);
    });

    it('reads items by id and ids, lists the pending ones in order, and marks them done', async () => {
      const store = await fresh();
      const { items } = await feedWithItems(store, 3);
      expect((await store.items.byId(items[1]!.id))?.guid).toBe('g2');
      expect(await store.items.byId(items[2]!.id + 100)).toBeNull();
      expect((await store.items.byIds([items[2]!.id, items[0]!.id, 999_999])).map((i) => i.guid)).toEqual(['g1', 'g3']);
      expect(await store.items.byIds([])).toEqual([]);
      await store.items.markDone(items[0]!.id);
      expect((await store.items.pending()).map((i) => i.guid)).toEqual(['g2', 'g3']);
      expect((await store.items.pending(1)).map((i) => i.guid)).toEqual(['g2']);
      expect(await store.items.count()).toBe(3);
    });

    it('tells when an item first became a source of an incident', async () => {
      const store = await fresh();
      const { items } = await feedWithItems(store, 1);
      const first = await store.incidents.create(newIncident('k-1'));
      const second = await store.incidents.create(newIncident('k-2'));
      await store.incidents.addSource(second.id, items[0]!.id, new Date('2026-04-02T10:00:00Z'));
      await store.incidents.addSource(first.id, items[0]!.id, new Date('2026-04-01T10:00:00Z'));
      expect((await store.items.byId(items[0]!.id))?.firstJoinedAt).toBe('2026-04-01T10:00:00.000Z');
    });
  });

  describe('incidents', () => {
    it('creates incidents and finds them by id and key; touch keeps a vendor once set; signatures in creation order', async () => {
      const store = await fresh();
      const at = new Date('2026-04-01T10:00:00Z');
      const created = await store.incidents.create(
        newIncident('k-b', { vendor: null, organisation: null, healthcare: true, signature: { names: ['b'], n: 1 }, at }),
      );
      expect(created).toEqual({
        id: expect.any(Number),
        key: 'k-b',
        vendor: null,
        organisation: null,
        title: 't',
        summary: 's',
        healthcare: true,
        signature: { names: ['b'], n: 1 },
        firstSeenAt: at.toISOString(),
        updatedAt: at.toISOString(),
        alertState: 'none',
        alertedAt: null,
      });
      await store.incidents.create(newIncident('k-a', { signature: { names: ['a'] } }));
      expect(await store.incidents.byId(created.id)).toEqual(created);
      expect(await store.incidents.byKey('k-nope')).toBeNull();
      const later = new Date('2026-04-02T10:00:00Z');
      await store.incidents.touch(created.id, { names: ['b', 'c'] }, later, 'Okta');
      await store.incidents.touch(created.id, { names: ['b', 'c', 'd'] }, later, 'Other');
      await store.incidents.touch(created.id, { names: ['b', 'c', 'd'] }, later);
      expect(await store.incidents.byKey('k-b')).toMatchObject({
        vendor: 'Okta',
        signature: { names: ['b', 'c', 'd'] },
        updatedAt: later.toISOString(),
      });
      await store.incidents.markUpdated(created.id, new Date('2026-04-03T10:00:00Z'));
      expect((await store.incidents.byId(created.id))?.updatedAt).toBe('2026-04-03T10:00:00.000Z');
      expect(await store.incidents.signatures()).toEqual([
        { key: 'k-b', signature: { names: ['b', 'c', 'd'] } },
        { key: 'k-a', signature: { names: ['a'] } },
      ]);
      await expect(store.incidents.create(newIncident('k-a'))).rejects.toThrow();
    });

    it('sets the alert state, with the alert time only when alerted', async () => {
      const store = await fresh();
      const incident = await store.incidents.create(newIncident('k-1'));
      await store.incidents.setAlertState(incident.id, 'muted', new Date('2026-04-01T10:00:00Z'));
      expect(await store.incidents.byId(incident.id)).toMatchObject({ alertState: 'muted', alertedAt: null });
      await store.incidents.setAlertState(incident.id, 'alerted', new Date('2026-04-01T11:00:00Z'));
      await store.incidents.setAlertState(incident.id, 'none', new Date('2026-04-01T12:00:00Z'));
      expect(await store.incidents.byId(incident.id)).toMatchObject({ alertState: 'none', alertedAt: '2026-04-01T11:00:00.000Z' });
    });

    it("adds each source once and lists sources in the order they joined; incidentsOfItem lists an item's incidents", async () => {
      const store = await fresh();
      const { items } = await feedWithItems(store, 3);
      const incident = await store.incidents.create(newIncident('k-1'));
      const other = await store.incidents.create(newIncident('k-2'));
      const t = (h: number) => new Date(Date.UTC(2026, 3, 1, h));
      expect(await store.incidents.addSource(incident.id, items[2]!.id, t(9))).toBe(true);
      expect(await store.incidents.addSource(incident.id, items[1]!.id, t(10))).toBe(true);
      expect(await store.incidents.addSource(incident.id, items[0]!.id, t(10))).toBe(true);
      expect(await store.incidents.addSource(incident.id, items[2]!.id, t(11))).toBe(false);
      await store.incidents.addSource(other.id, items[0]!.id, t(12));
      expect(await store.incidents.sourceItemIds(incident.id)).toEqual([items[2]!.id, items[0]!.id, items[1]!.id]);
      expect(await store.incidents.sourcesJoined(incident.id)).toEqual([
        { itemId: items[2]!.id, joinedAt: t(9).toISOString() },
        { itemId: items[0]!.id, joinedAt: t(10).toISOString() },
        { itemId: items[1]!.id, joinedAt: t(10).toISOString() },
      ]);
      expect(await store.incidents.incidentsOfItem(items[0]!.id)).toEqual([incident.id, other.id]);
      expect(await store.incidents.incidentsOfItem(999_999)).toEqual([]);
    });

    it("returns only the facts the incident did not know, one spelling of a value being another's", async () => {
      const store = await fresh();
      const { items } = await feedWithItems(store, 2);
      const incident = await store.incidents.create(newIncident('k-1'));
      const at = new Date('2026-04-01T10:00:00Z');
      const digits = (_name: string, value: string) => value.replace(/\D/g, '');
      const first = await store.incidents.addFacts(
        incident.id,
        [
          { name: 'records_affected', value: '4,500', itemId: items[0]!.id },
          { name: 'threat_actor', value: 'Group A', itemId: items[0]!.id },
        ],
        at,
        digits,
      );
      expect(first.map((f) => [f.name, f.value, f.itemId])).toEqual([
        ['records_affected', '4,500', items[0]!.id],
        ['threat_actor', 'Group A', items[0]!.id],
      ]);
      const second = await store.incidents.addFacts(
        incident.id,
        [
          { name: 'records_affected', value: '4500', itemId: items[1]!.id },
          { name: 'records_affected', value: '4,500', itemId: items[0]!.id },
          { name: 'records_affected', value: '9,000', itemId: items[1]!.id },
        ],
        at,
        digits,
      );
      expect(second.map((f) => f.value)).toEqual(['9,000']);
      expect((await store.incidents.facts(incident.id)).map((f) => f.value)).toEqual(['4,500', 'Group A', '4500', '9,000']);
      expect(
        await store.incidents.addFacts(incident.id, [{ name: 'threat_actor', value: 'group a', itemId: items[1]!.id }], at),
      ).toHaveLength(1);
    });

    it('keeps a stronger vendor role over a weaker one, and lists vendors in byte order', async () => {
      const store = await fresh();
      const incident = await store.incidents.create(newIncident('k', { vendor: null, organisation: null }));
      await store.incidents.recordVendorRole(incident.id, 'V', 'mention');
      await store.incidents.recordVendorRole(incident.id, 'V', 'primary');
      await store.incidents.recordVendorRole(incident.id, 'V', 'related');
      expect(await store.incidents.vendorRoles(incident.id)).toEqual([{ vendor: 'V', role: 'primary' }]);
      await store.incidents.recordVendorRole(incident.id, 'acme', 'mention');
      await store.incidents.recordVendorRole(incident.id, 'Zeta', 'related');
      expect((await store.incidents.vendorRoles(incident.id)).map((v) => v.vendor)).toEqual(['V', 'Zeta', 'acme']);
    });

    it('saves one detection per item (a later one replaces it) and lists the alerting ones oldest first', async () => {
      const store = await fresh();
      const { items } = await feedWithItems(store, 3);
      const incident = await store.incidents.create(newIncident('k-1'));
      const t = (h: number) => new Date(Date.UTC(2026, 3, 1, h));
      await store.incidents.saveDetection(items[0]!.id, detection({ organisations: ['Later'] }), incident.id, t(12));
      await store.incidents.saveDetection(items[1]!.id, detection({ organisations: ['Earlier'] }), incident.id, t(9));
      await store.incidents.saveDetection(items[2]!.id, detection({ alert: false, organisations: ['Not alerting'] }), incident.id, t(8));
      expect((await store.incidents.alertingDetections(incident.id)).map((d) => d.organisations)).toEqual([['Earlier'], ['Later']]);
      await store.incidents.saveDetection(items[1]!.id, detection({ alert: false }), incident.id, t(13));
      expect(await store.incidents.alertingDetections(incident.id)).toEqual([
        { vendors: [{ name: 'Epic Systems', role: 'primary', matched: 'Epic' }], organisations: ['Later'] },
      ]);
      await store.incidents.saveDetection(items[0]!.id, detection(), null, t(14));
      expect(await store.incidents.alertingDetections(incident.id)).toEqual([]);
    });

    it('lists incidents newest first: per vendor, on the watchlist since a time, and all; limits apply', async () => {
      const store = await fresh();
      const t = (d: number) => new Date(Date.UTC(2026, 3, d));
      const a = await store.incidents.create(newIncident('a', { vendor: 'Okta', at: t(1) }));
      const b = await store.incidents.create(newIncident('b', { vendor: 'Okta', at: t(3) }));
      const c = await store.incidents.create(newIncident('c', { vendor: 'Okta', at: t(3) }));
      const off = await store.incidents.create(newIncident('off', { vendor: null, at: t(4) }));
      const epic = await store.incidents.create(newIncident('epic', { vendor: 'Epic Systems', at: t(2) }));
      expect((await store.incidents.forVendor('Okta')).map((i) => i.id)).toEqual([c.id, b.id, a.id]);
      expect((await store.incidents.forVendor('Okta', 2)).map((i) => i.id)).toEqual([c.id, b.id]);
      expect(await store.incidents.countForVendor('Okta')).toBe(3);
      expect(await store.incidents.countForVendor('Nobody')).toBe(0);
      expect((await store.incidents.watchlistSince(t(2))).map((i) => i.id)).toEqual([c.id, b.id, epic.id]);
      expect((await store.incidents.watchlistSince(t(2), 1)).map((i) => i.id)).toEqual([c.id]);
      expect((await store.incidents.all()).map((i) => i.id)).toEqual([off.id, c.id, b.id, epic.id, a.id]);
      expect((await store.incidents.all(2)).map((i) => i.id)).toEqual([off.id, c.id]);
    });

    it('is due for a first reminder after the alert and for the next after the last one; equal times in creation order', async () => {
      const store = await fresh();
      const alertedAt = new Date('2026-03-30T00:00:00Z');
      const first = await alertedIncident(store, 'k-1', alertedAt);
      const second = await alertedIncident(store, 'k-2', alertedAt);
      const acknowledged = await alertedIncident(store, 'k-3', alertedAt);
      const offList = await alertedIncident(store, 'k-4', alertedAt, null);
      await store.interactions.acknowledge(acknowledged.id, { ...by, comment: null });
      const before = new Date('2026-03-29T00:00:00Z');
      const after = new Date('2026-03-31T00:00:00Z');
      expect(await store.incidents.dueForReminder(before, before)).toEqual([]);
      expect((await store.incidents.dueForReminder(after, after)).map((i) => i.id)).toEqual([first.id, second.id]);
      await store.incidents.markReminded(first.id, new Date('2026-03-31T00:00:00Z'));
      expect((await store.incidents.dueForReminder(after, new Date('2026-03-30T12:00:00Z'))).map((i) => i.id)).toEqual([second.id]);
      expect((await store.incidents.dueForReminder(after, new Date('2026-04-01T00:00:00Z'))).map((i) => i.id)).toEqual([
        first.id,
        second.id,
      ]);
      expect(offList.vendor).toBeNull();
    });

    it('lists healthcare incidents off the watchlist oldest first, and open alerts oldest first', async () => {
      const store = await fresh();
      const t = (d: number) => new Date(Date.UTC(2026, 3, d));
      const h2 = await store.incidents.create(newIncident('h2', { vendor: null, healthcare: true, at: t(2) }));
      const h1 = await store.incidents.create(newIncident('h1', { vendor: null, healthcare: true, at: t(1) }));
      const h1b = await store.incidents.create(newIncident('h1b', { vendor: null, healthcare: true, at: t(1) }));
      await store.incidents.create(newIncident('not-health', { vendor: null, healthcare: false, at: t(2) }));
      await store.incidents.create(newIncident('listed', { vendor: 'Okta', healthcare: true, at: t(2) }));
      expect((await store.incidents.offWatchlistHealthcareSince(t(1))).map((i) => i.id)).toEqual([h1.id, h1b.id, h2.id]);
      expect((await store.incidents.offWatchlistHealthcareSince(t(2))).map((i) => i.id)).toEqual([h2.id]);
      expect((await store.incidents.offWatchlistHealthcareSince(t(1), 1)).map((i) => i.id)).toEqual([h1.id]);
      const late = await alertedIncident(store, 'late', t(5));
      const early = await alertedIncident(store, 'early', t(3));
      const tie = await alertedIncident(store, 'tie', t(3));
      expect((await store.incidents.openAlerted()).map((i) => i.id)).toEqual([early.id, tie.id, late.id]);
      expect((await store.incidents.openAlerted(1)).map((i) => i.id)).toEqual([early.id]);
    });
    it("lists the digest's new healthcare breaches off the watchlist: first seen since, first source eligible or dated in the window", async () => {
      const store = await fresh();
      const [feed] = await store.feeds.sync([{ name: 'A', url: 'http://127.0.0.1/a.xml', tags: [] }]);
      const silent = () => ({ eligible: false, reason: 'first poll of this feed (recorded silently)' });
      const since = new Date('2026-04-02T15:00:00Z');
      const seen = new Date('2026-04-02T16:00:00Z');
      const stored = async (guid: string, publishedAt: Date | null, eligibility: () => Eligibility = eligible) =>
        (
          await store.items.insertNew(
            feed!.id,
            [item({ guid, canonicalUrl: `https://news.example/${guid}`, fingerprint: `fp-${guid}`, publishedAt })],
            eligibility,
            seen,
          )
        )[0]!;
      const incidentWith = async (key: string, first: { id: number }, overrides: Parameters<typeof newIncident>[1] = {}) => {
        const incident = await store.incidents.create(newIncident(key, { vendor: null, healthcare: true, at: seen, ...overrides }));
        await store.incidents.addSource(incident.id, first.id, seen);
        return incident;
      };
      const alerting = await incidentWith('alerting', await stored('a', new Date('2025-01-01T00:00:00Z')));
      // Silent, but dated on the window's first day (counted from midnight UTC): news of the window.
      const sameDay = await incidentWith('same-day', await stored('b', new Date('2026-04-02T08:00:00Z'), silent));
      await incidentWith('old-record', await stored('c', new Date('2026-04-01T23:00:00Z'), silent));
      await incidentWith('undated', await stored('d', null, silent));
      await incidentWith('on-watchlist', await stored('e', null), { vendor: 'Okta' });
      await incidentWith('not-health', await stored('f', null), { healthcare: false });
      await incidentWith('before', await stored('g', null), { at: new Date('2026-04-02T14:00:00Z') });
      expect((await store.incidents.newOffWatchlistHealthcare(since)).map((i) => i.key)).toEqual([alerting.key, sameDay.key]);
      expect((await store.incidents.newOffWatchlistHealthcare(since, 1)).map((i) => i.key)).toEqual([alerting.key]);
    });
  });

  describe('the outbox', () => {
    it("keeps a channel's messages in queue order when an older one is backing off", async () => {
      const store = await fresh();
      const at = new Date('2026-04-01T10:00:00Z');
      const teams = { platform: 'teams' as const, address: 'T1' };
      const first = await store.deliveries.enqueue({ incidentId: null, kind: 'notice', destination: slack('C1'), at });
      const second = await store.deliveries.enqueue({ incidentId: null, kind: 'notice', destination: slack('C1'), at });
      const elsewhere = await store.deliveries.enqueue({ incidentId: null, kind: 'notice', destination: teams, at });
      await store.deliveries.markAttemptFailed(first, { code: 'http_500', message: 'down' }, new Date(at.getTime() + 60_000));
      const later = new Date(at.getTime() + 1000);
      expect((await store.deliveries.due(later)).map((d) => d.id)).toEqual([elsewhere]);
      expect((await store.deliveries.due(new Date(at.getTime() + 61_000))).map((d) => d.id)).toEqual([first, second, elsewhere]);
      expect((await store.deliveries.due(new Date(at.getTime() + 61_000), 2)).map((d) => d.id)).toEqual([first, second]);
      expect(await store.deliveries.due(new Date(at.getTime() - 1))).toEqual([]);
    });

    it('queues deliveries with their payload and lists them per incident, per status (newest first, equal times as queued) and by count', async () => {
      const store = await fresh();
      const incident = await store.incidents.create(newIncident('k-1'));
      const at = new Date('2026-04-01T10:00:00Z');
      const alert = await store.deliveries.enqueue({
        incidentId: incident.id,
        kind: 'alert',
        destination: slack('C1'),
        payload: { z: 1, a: { nested: ['x'] } },
        at,
      });
      const update = await store.deliveries.enqueue({ incidentId: incident.id, kind: 'thread_update', destination: slack('C1'), at });
      const notice = await store.deliveries.enqueue({
        incidentId: null,
        kind: 'notice',
        destination: slack('C2'),
        at: new Date('2026-04-01T09:00:00Z'),
      });
      const [queued] = await store.deliveries.forIncident(incident.id);
      expect(queued).toEqual({
        id: alert,
        incidentId: incident.id,
        kind: 'alert',
        destination: slack('C1'),
        payload: { z: 1, a: { nested: ['x'] } },
        status: 'pending',
        attempts: 0,
        nextAttemptAt: at.toISOString(),
        messageId: null,
        errorCode: null,
        lastError: null,
        createdAt: at.toISOString(),
        sentAt: null,
        attemptStartedAt: null,
      });
      expect(Object.keys(queued!.payload)).toEqual(['z', 'a']);
      expect((await store.deliveries.forIncident(incident.id)).map((d) => d.id)).toEqual([alert, update]);
      expect((await store.deliveries.byStatus('pending')).map((d) => d.id)).toEqual([alert, update, notice]);
      expect((await store.deliveries.byStatus('pending', 1)).map((d) => d.id)).toEqual([alert]);
      expect(await store.deliveries.pendingCount()).toBe(3);
      expect(await store.deliveries.countByStatus('pending')).toBe(3);
      expect(await store.deliveries.countByStatus('failed')).toBe(0);
      expect(await store.deliveries.hasPendingAlert(incident.id, slack('C1'))).toBe(true);
      expect(await store.deliveries.hasPendingAlert(incident.id, slack('C2'))).toBe(false);
      await store.deliveries.markSent(alert, '1711.0001', new Date('2026-04-01T10:00:05Z'));
      expect(await store.deliveries.hasPendingAlert(incident.id, slack('C1'))).toBe(false);
      expect(await store.deliveries.pendingCount()).toBe(2);
    });

    it('records attempts: started, sent, failed with a retry or for good (keeping the marker when it may have arrived), postponed', async () => {
      const store = await fresh();
      const at = new Date('2026-04-01T10:00:00Z');
      const ids = [];
      for (let i = 0; i < 4; i++)
        ids.push(await store.deliveries.enqueue({ incidentId: null, kind: 'notice', destination: slack(`C${i}`), at }));
      const [sent, retried, lost, postponed] = ids as [string, string, string, string];
      const record = async (id: string) =>
        (await store.deliveries.byStatus('pending', 100))
          .concat(await store.deliveries.byStatus('sent'), await store.deliveries.byStatus('failed'))
          .find((d) => d.id === id)!;
      await store.deliveries.markAttemptStarted(sent, new Date('2026-04-01T10:00:01Z'));
      await store.deliveries.markSent(sent, null, new Date('2026-04-01T10:00:02Z'));
      expect(await record(sent)).toMatchObject({
        status: 'sent',
        messageId: null,
        sentAt: '2026-04-01T10:00:02.000Z',
        attempts: 1,
        attemptStartedAt: '2026-04-01T10:00:01.000Z',
      });

      await store.deliveries.markAttemptStarted(retried, at);
      await store.deliveries.markAttemptFailed(retried, { code: 'timeout', message: 'no answer' }, new Date('2026-04-01T10:05:00Z'), true);
      expect(await record(retried)).toMatchObject({
        status: 'pending',
        attempts: 1,
        errorCode: 'timeout',
        lastError: 'no answer',
        nextAttemptAt: '2026-04-01T10:05:00.000Z',
        attemptStartedAt: at.toISOString(),
      });
      await store.deliveries.markAttemptFailed(retried, { code: 'http_500', message: 'down' }, new Date('2026-04-01T10:10:00Z'));
      expect(await record(retried)).toMatchObject({ status: 'pending', attempts: 2, errorCode: 'http_500', attemptStartedAt: null });
      await store.deliveries.markSent(retried, 'm-2', new Date('2026-04-01T10:10:01Z'));
      expect(await record(retried)).toMatchObject({ status: 'sent', attempts: 3, errorCode: null, lastError: 'down', messageId: 'm-2' });

      await store.deliveries.markAttemptStarted(lost, at);
      await store.deliveries.markAttemptFailed(lost, { code: 'channel_not_found', message: 'gone' }, null);
      expect(await record(lost)).toMatchObject({
        status: 'failed',
        attempts: 1,
        errorCode: 'channel_not_found',
        attemptStartedAt: null,
        nextAttemptAt: at.toISOString(),
      });
      expect(await store.deliveries.countByStatus('failed')).toBe(1);

      await store.deliveries.postpone(postponed, new Date('2026-04-01T11:00:00Z'));
      expect(await record(postponed)).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: '2026-04-01T11:00:00.000Z' });
    });

    it('remembers where each alert was posted; a second post to the same place replaces the message id', async () => {
      const store = await fresh();
      const incident = await store.incidents.create(newIncident('k-1'));
      const other = await store.incidents.create(newIncident('k-2'));
      const at = new Date('2026-04-01T10:00:00Z');
      await store.deliveries.recordPostedAlert({ incidentId: incident.id, destination: slack('C3'), messageId: 'm3' }, at);
      await store.deliveries.recordPostedAlert({ incidentId: incident.id, destination: slack('C1'), messageId: 'm1' }, at);
      await store.deliveries.recordPostedAlert(
        { incidentId: incident.id, destination: { platform: 'teams', address: 'T1' }, messageId: 't1' },
        new Date('2026-04-01T09:00:00Z'),
      );
      await store.deliveries.recordPostedAlert(
        { incidentId: incident.id, destination: slack('C1'), messageId: 'm1-again' },
        new Date('2026-04-01T11:00:00Z'),
      );
      expect((await store.deliveries.postedAlerts(incident.id)).map((p) => [p.destination.address, p.messageId])).toEqual([
        ['T1', 't1'],
        ['C1', 'm1-again'],
        ['C3', 'm3'],
      ]);
      expect(await store.deliveries.postedAlertAt(incident.id, slack('C1'))).toEqual({
        incidentId: incident.id,
        destination: slack('C1'),
        messageId: 'm1-again',
      });
      expect(await store.deliveries.postedAlertAt(other.id, slack('C1'))).toBeNull();
      expect(await store.deliveries.incidentForMessage('slack', 'C3', 'm3')).toBe(incident.id);
      expect(await store.deliveries.incidentForMessage('slack', 'C1', 'm1')).toBeNull();
    });
  });

  describe('claims on the outbox', () => {
    const at = new Date('2026-04-01T10:00:00Z');
    const now = { now: new Date('2026-04-01T10:01:00Z') };

    it('give a delivery to one replica until it is sent, fails or is postponed, or the claim runs out or is released', async () => {
      const store = await fresh();
      const ids = [];
      for (let i = 0; i < 4; i++)
        ids.push(await store.deliveries.enqueue({ incidentId: null, kind: 'notice', destination: slack(`C${i}`), at }));
      expect((await store.deliveries.claimDeliveries('r1', 10, now)).map((d) => d.id)).toEqual(ids);
      expect(await store.deliveries.claimDeliveries('r2', 10, now)).toEqual([]);
      // Claiming again what one holds renews it.
      expect((await store.deliveries.claimDeliveries('r1', 10, now)).map((d) => d.id)).toEqual(ids);
      await store.deliveries.markAttemptFailed(ids[0]!, { code: 'http_500', message: 'down' }, new Date('2026-04-01T10:00:30Z'));
      await store.deliveries.postpone(ids[1]!, new Date('2026-04-01T10:00:30Z'));
      await store.deliveries.markSent(ids[2]!, 'm', at);
      expect((await store.deliveries.claimDeliveries('r2', 10, now)).map((d) => d.id)).toEqual([ids[0], ids[1]]);
      expect(await store.deliveries.releaseClaims('r1')).toBeGreaterThanOrEqual(1);
      expect((await store.deliveries.claimDeliveries('r2', 10, now)).map((d) => d.id)).toEqual([ids[0], ids[1], ids[3]]);
      expect(await store.deliveries.claimDeliveries('r1', 10, now)).toEqual([]);
    });

    it('run out: another replica takes a delivery whose claim was not renewed in time', async () => {
      const store = await fresh();
      const id = await store.deliveries.enqueue({ incidentId: null, kind: 'notice', destination: slack('C1'), at });
      expect((await store.deliveries.claimDeliveries('r1', 1, { ...now, leaseMs: 150 })).map((d) => d.id)).toEqual([id]);
      expect(await store.deliveries.claimDeliveries('r2', 1, now)).toEqual([]);
      await sleep(250);
      expect((await store.deliveries.claimDeliveries('r2', 1, now)).map((d) => d.id)).toEqual([id]);
    });

    it("never split a destination's queue: what waits behind another replica's claim waits, other destinations do not", async () => {
      const store = await fresh();
      const c1a = await store.deliveries.enqueue({ incidentId: null, kind: 'notice', destination: slack('C1'), at });
      const c1b = await store.deliveries.enqueue({ incidentId: null, kind: 'notice', destination: slack('C1'), at });
      const c2 = await store.deliveries.enqueue({ incidentId: null, kind: 'notice', destination: slack('C2'), at });
      const future = await store.deliveries.enqueue({
        incidentId: null,
        kind: 'notice',
        destination: slack('C3'),
        at: new Date('2026-04-01T11:00:00Z'),
      });
      expect((await store.deliveries.claimDeliveries('r1', 1, now)).map((d) => d.id)).toEqual([c1a]);
      expect((await store.deliveries.claimDeliveries('r2', 10, now)).map((d) => d.id)).toEqual([c2]);
      expect((await store.deliveries.claimDeliveries('r1', 10, now)).map((d) => d.id)).toEqual([c1a, c1b]);
      await store.deliveries.markSent(c1a, 'm', at);
      await store.deliveries.markSent(c2, 'm', at);
      // A backing-off delivery holds its destination back, as in due().
      await store.deliveries.markAttemptFailed(c1b, { code: 'http_500', message: 'down' }, new Date('2026-04-01T10:30:00Z'));
      const c1c = await store.deliveries.enqueue({ incidentId: null, kind: 'notice', destination: slack('C1'), at });
      expect(await store.deliveries.claimDeliveries('r2', 10, now)).toEqual([]);
      expect((await store.deliveries.claimDeliveries('r2', 10, { now: new Date('2026-04-01T12:00:00Z') })).map((d) => d.id)).toEqual([
        c1b,
        c1c,
        future,
      ]);
      expect(await store.deliveries.claimDeliveries('r1', 0, now)).toEqual([]);
    });

    it('two replicas claiming at once never get the same delivery, and between them get them all', async () => {
      const store = await fresh();
      const ids = new Set<string>();
      for (let i = 0; i < 30; i++) {
        ids.add(await store.deliveries.enqueue({ incidentId: null, kind: 'notice', destination: slack(`C${i % 6}`), at }));
      }
      const claimed = new Map<string, string>();
      const claimer = async (replica: string) => {
        for (let round = 0; round < 20; round++) {
          for (const delivery of await store.deliveries.claimDeliveries(replica, 3, now)) {
            expect(claimed.get(delivery.id) ?? replica).toBe(replica);
            claimed.set(delivery.id, replica);
            await store.deliveries.markSent(delivery.id, 'm', at);
          }
        }
      };
      await Promise.all([claimer('r1'), claimer('r2')]);
      expect(new Set(claimed.keys())).toEqual(ids);
      expect(await store.deliveries.pendingCount()).toBe(0);
    });
  });

  describe('interactions', () => {
    it('records one acknowledgement per incident and keeps the first', async () => {
      const store = await fresh();
      const incident = await store.incidents.create(newIncident('k-2026-03', { vendor: 'V', organisation: 'V', healthcare: true }));
      expect(await store.interactions.acknowledgement(incident.id)).toBeNull();
      const ack = { platform: 'slack' as const, userId: 'U1', userName: 'Ann', comment: 'on it', at: '2026-03-30T10:00:00Z' };
      expect(await store.interactions.acknowledge(incident.id, ack)).toBe(true);
      expect(await store.interactions.acknowledge(incident.id, { ...ack, userId: 'U2', userName: 'Bob' })).toBe(false);
      // The time reads back exactly as the platform gave it.
      expect(await store.interactions.acknowledgement(incident.id)).toEqual(ack);
    });

    it('counts alerted incidents nobody acknowledged', async () => {
      const store = await fresh();
      const at = new Date('2026-03-30T00:00:00Z');
      const a = await alertedIncident(store, 'a', at);
      await alertedIncident(store, 'b', at);
      await store.incidents.create(newIncident('not-alerted'));
      expect(await store.interactions.unacknowledgedAlertedCount()).toBe(2);
      await store.interactions.acknowledge(a.id, { ...by, comment: null });
      expect(await store.interactions.unacknowledgedAlertedCount()).toBe(1);
    });

    it('mutes a vendor until a time, replaces a mute, lists active mutes by end (equal ends in the order first muted), unmutes', async () => {
      const store = await fresh();
      const mute = (vendor: string, until: string) => ({
        vendor,
        until,
        platform: 'slack' as const,
        userId: 'U1',
        userName: 'Ann',
        at: '2026-04-01T10:00:00.000Z',
      });
      await store.interactions.mute(mute('Zeta', '2026-05-01T00:00:00.000Z'));
      await store.interactions.mute(mute('Beta', '2026-05-01T00:00:00.000Z'));
      await store.interactions.mute(mute('Alpha', '2026-05-01T00:00:00.000Z'));
      await store.interactions.mute(mute('Early', '2026-04-15T00:00:00.000Z'));
      await store.interactions.mute({ ...mute('Beta', '2026-05-01T00:00:00.000Z'), userName: 'Bob' });
      const now = new Date('2026-04-10T00:00:00Z');
      expect((await store.interactions.activeMutes(now)).map((m) => m.vendor)).toEqual(['Early', 'Zeta', 'Beta', 'Alpha']);
      expect(await store.interactions.activeMute('Beta', now)).toEqual({ ...mute('Beta', '2026-05-01T00:00:00.000Z'), userName: 'Bob' });
      expect(await store.interactions.activeMute('Early', new Date('2026-04-15T00:00:00Z'))).toBeNull();
      expect(await store.interactions.activeMute('Nobody', now)).toBeNull();
      expect(await store.interactions.unmute('Zeta')).toBe(true);
      expect(await store.interactions.unmute('Zeta')).toBe(false);
      expect((await store.interactions.activeMutes(new Date('2026-04-20T00:00:00Z'))).map((m) => m.vendor)).toEqual(['Beta', 'Alpha']);
    });

    it('keeps chat conversations: a name is kept when none is given, deactivation says why, saving again reactivates', async () => {
      const store = await fresh();
      const at = new Date('2026-04-01T10:00:00Z');
      const conversation = (id: string, name: string | null) => ({
        platform: 'teams' as const,
        conversationId: id,
        name,
        reference: { serviceUrl: 'http://127.0.0.1/x', id },
        active: true,
      });
      await store.interactions.saveConversation(conversation('c3', 'Three'), at);
      await store.interactions.saveConversation(conversation('c1', 'One'), at);
      await store.interactions.saveConversation(conversation('c2', 'Two'), at);
      await store.interactions.saveConversation(conversation('c9', 'Nine'), new Date('2026-04-01T09:00:00Z'));
      expect((await store.interactions.conversations('teams')).map((c) => c.conversationId)).toEqual(['c9', 'c1', 'c2', 'c3']);
      await store.interactions.deactivateConversation('teams', 'c1', 'bot removed', new Date('2026-04-02T10:00:00Z'));
      const deactivated = (await store.interactions.conversations('teams')).at(-1);
      expect(deactivated).toEqual({
        ...conversation('c1', 'One'),
        active: false,
        inactiveReason: 'bot removed',
        updatedAt: '2026-04-02T10:00:00.000Z',
      });
      await store.interactions.saveConversation(conversation('c1', null), new Date('2026-04-03T10:00:00Z'));
      expect((await store.interactions.conversations('teams')).at(-1)).toMatchObject({
        conversationId: 'c1',
        name: 'One',
        active: true,
        inactiveReason: null,
      });
      expect(await store.interactions.conversations('slack')).toEqual([]);
    });
  });

  describe('corrections', () => {
    it('records one dismissal per incident and keeps the first', async () => {
      const store = await fresh();
      const incident = await alertedIncident(store, 'k-1', new Date('2026-03-30T09:00:00Z'));
      expect(await store.corrections.dismissal(incident.id)).toBeNull();
      expect(await store.corrections.dismiss({ incidentId: incident.id, vendor: 'Epic Systems', ...by })).toBe(true);
      expect(
        await store.corrections.dismiss({ incidentId: incident.id, vendor: 'Epic Systems', ...by, userId: 'U2', userName: 'Bob' }),
      ).toBe(false);
      expect(await store.corrections.dismissal(incident.id)).toEqual({ incidentId: incident.id, vendor: 'Epic Systems', ...by });
    });

    it('matches an exclusion on the normalised organisation name, lists it, and removes it by id', async () => {
      const store = await fresh();
      const incident = await alertedIncident(store, 'k-1', new Date('2026-03-30T09:00:00Z'));
      const first = await store.corrections.addExclusion({
        vendor: 'Epic Systems',
        organisation: 'Epic Games',
        incidentId: incident.id,
        ...by,
      });
      expect(first).toMatchObject({ vendor: 'Epic Systems', organisation: 'Epic Games', incidentId: incident.id, userName: 'Ann' });
      expect(
        await store.corrections.addExclusion({
          vendor: 'Epic Systems',
          organisation: 'EPIC GAMES',
          incidentId: null,
          ...by,
          userName: 'Bob',
        }),
      ).toEqual(first);
      expect((await store.corrections.exclusionFor('Epic Systems', 'epic games, inc.'))?.id).toBe(first.id);
      expect(await store.corrections.exclusionFor('Epic Systems', 'Epic Records')).toBeNull();
      expect(await store.corrections.exclusionFor('Okta', 'Epic Games')).toBeNull();
      expect(await store.corrections.exclusionFor('Epic Systems', '  ')).toBeNull();
      const second = await store.corrections.addExclusion({ vendor: 'Okta', organisation: 'Acme', incidentId: null, ...by });
      expect(await store.corrections.exclusions()).toEqual([first, second]);
      expect(await store.corrections.removeExclusion(second.id + 1)).toBe(false);
      expect(await store.corrections.removeExclusion(first.id)).toBe(true);
      expect(await store.corrections.exclusions()).toEqual([second]);
      expect(await store.corrections.exclusionFor('Epic Systems', 'Epic Games')).toBeNull();
    });

    it('leaves dismissed alerts out of reminders, the open alerts and the unacknowledged count', async () => {
      const store = await fresh();
      const alertedAt = new Date('2026-03-30T00:00:00Z');
      const kept = await alertedIncident(store, 'k-kept', alertedAt);
      const dismissed = await alertedIncident(store, 'k-dismissed', alertedAt);
      await store.corrections.dismiss({ incidentId: dismissed.id, vendor: 'Epic Systems', ...by });
      const later = new Date('2026-03-31T00:00:00Z');
      expect((await store.incidents.dueForReminder(later, later)).map((i) => i.id)).toEqual([kept.id]);
      expect((await store.incidents.openAlerted()).map((i) => i.id)).toEqual([kept.id]);
      expect(await store.interactions.unacknowledgedAlertedCount()).toBe(1);
    });

    it('merges one incident into another: sources, facts, vendor roles and detections move, reports follow, reminders stop', async () => {
      const store = await fresh();
      const at = new Date('2026-03-30T09:00:00Z');
      const { items } = await feedWithItems(store, 3, at);
      const kept = await alertedIncident(store, 'k-kept', at);
      const merged = await alertedIncident(store, 'k-merged', at);
      await store.incidents.addSource(kept.id, items[0]!.id, at);
      await store.incidents.addSource(merged.id, items[1]!.id, at);
      await store.incidents.addSource(merged.id, items[2]!.id, at);
      await store.incidents.addFacts(merged.id, [{ name: 'records_affected', value: '1,000', itemId: items[1]!.id }], at, (_n, v) => v);
      await store.incidents.recordVendorRole(kept.id, 'Okta', 'mention');
      await store.incidents.recordVendorRole(merged.id, 'Okta', 'related');
      await store.incidents.recordVendorRole(kept.id, 'Epic Systems', 'primary');
      await store.incidents.recordVendorRole(merged.id, 'Epic Systems', 'mention');
      await store.incidents.saveDetection(items[1]!.id, detection({ organisations: ['Moved'] }), merged.id, at);
      await store.corrections.merge({ fromId: merged.id, intoId: kept.id, ...by });

      expect((await store.incidents.sourceItemIds(kept.id)).sort()).toEqual(items.map((i) => i.id).sort());
      expect(await store.incidents.sourceItemIds(merged.id)).toEqual([]);
      expect((await store.incidents.facts(kept.id)).map((f) => f.value)).toEqual(['1,000']);
      expect(await store.incidents.facts(merged.id)).toEqual([]);
      expect(await store.incidents.vendorRoles(kept.id)).toEqual([
        { vendor: 'Epic Systems', role: 'primary' },
        { vendor: 'Okta', role: 'related' },
      ]);
      expect(await store.incidents.vendorRoles(merged.id)).toEqual([]);
      expect((await store.incidents.alertingDetections(kept.id)).map((d) => d.organisations)).toEqual([['Moved']]);
      expect(await store.corrections.mergedFrom(merged.id)).toEqual({ fromId: merged.id, intoId: kept.id, ...by });
      expect(await store.corrections.mergedFrom(kept.id)).toBeNull();
      expect(await store.corrections.survivorOf(merged.id)).toBe(kept.id);
      expect(await store.corrections.survivorOf(kept.id)).toBe(kept.id);
      const later = new Date('2026-04-30T00:00:00Z');
      expect((await store.incidents.dueForReminder(later, later)).map((i) => i.id)).toEqual([kept.id]);
      expect(await store.interactions.unacknowledgedAlertedCount()).toBe(1);
      // Merges of merges are followed.
      const third = await alertedIncident(store, 'k-third', at);
      await store.corrections.merge({ fromId: kept.id, intoId: third.id, ...by });
      expect(await store.corrections.survivorOf(merged.id)).toBe(third.id);
    });
  });

  describe('replicas', () => {
    it('give a lease to one replica at a time: renewed by it, taken over once run out with a higher term, released at once', async () => {
      const store = await fresh();
      expect(await store.replicas.leader('poll')).toEqual({ name: 'poll', holder: null, term: 0, expiresAt: null });
      const first = await store.replicas.tryLeadership('poll', 'r1', 200);
      expect(first).toMatchObject({ name: 'poll', holder: 'r1', term: 1, isLeader: true });
      expect(Date.parse(first.expiresAt!)).toBeGreaterThan(Date.now());
      expect(await store.replicas.tryLeadership('poll', 'r2', 200)).toMatchObject({ holder: 'r1', term: 1, isLeader: false });
      // Another lease name is another lease.
      expect(await store.replicas.tryLeadership('digest', 'r2', 200)).toMatchObject({ holder: 'r2', isLeader: true });
      const renewed = await store.replicas.tryLeadership('poll', 'r1', 200);
      expect(renewed).toMatchObject({ holder: 'r1', term: 1, isLeader: true });
      expect(Date.parse(renewed.expiresAt!)).toBeGreaterThanOrEqual(Date.parse(first.expiresAt!));
      await sleep(300);
      expect(await store.replicas.leader('poll')).toMatchObject({ holder: null, term: 1 });
      expect(await store.replicas.tryLeadership('poll', 'r2', 60_000)).toMatchObject({ holder: 'r2', term: 2, isLeader: true });
      expect(await store.replicas.tryLeadership('poll', 'r1', 60_000)).toMatchObject({ holder: 'r2', isLeader: false });
      expect(await store.replicas.releaseLeadership('poll', 'r1')).toBe(false);
      expect(await store.replicas.releaseLeadership('poll', 'r2')).toBe(true);
      expect(await store.replicas.leader('poll')).toMatchObject({ holder: null, term: 2 });
      expect(await store.replicas.tryLeadership('poll', 'r1', 60_000)).toMatchObject({ holder: 'r1', term: 3, isLeader: true });
      await expect(store.replicas.tryLeadership('poll', 'r1', 0)).rejects.toThrow(RangeError);
      await expect(store.replicas.tryLeadership('poll', '', 1000)).rejects.toThrow(RangeError);
    });

    it('make a second cycle lock wait until the first is released', async () => {
      const store = await fresh();
      const a = store.createCycleLock(silentLogger);
      const b = store.createCycleLock(silentLogger);
      const events: string[] = [];
      await a.acquire();
      events.push('a acquired');
      expect(await a.tryAcquire()).toBe(true);
      expect(await b.tryAcquire()).toBe(false);
      const waiting = b.acquire(undefined, 20).then(() => events.push('b acquired'));
      await sleep(150);
      events.push('a releasing');
      await a.release();
      await waiting;
      expect(events).toEqual(['a acquired', 'a releasing', 'b acquired']);
      await b.release();
      const controller = new AbortController();
      await a.acquire();
      const gaveUp = b.acquire(controller.signal, 10);
      controller.abort();
      await expect(gaveUp).rejects.toThrow(/aborted/);
      await a.release();
    });
  });
}
