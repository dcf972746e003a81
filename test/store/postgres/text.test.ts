// What PostgreSQL text cannot hold: U+0000, which untrusted feeds and chat payloads can carry and SQLite stores.

import { describe, expect, it } from 'vitest';
import { createTestDatabase, postgresAvailable, skippedTitle } from '../../support/postgres.js';

const available = await postgresAvailable();
const database = available ? await createTestDatabase('text') : (null as never);

(available ? describe : describe.skip)(available ? 'text on PostgreSQL' : skippedTitle(), () => {
  it('stores a NUL character in untrusted text as U+FFFD instead of failing the write, and finds it again by the same text', async () => {
    const store = await database.openStore();
    const [feed] = await store.feeds.sync([{ name: 'Feed\u0000name', url: 'http://127.0.0.1/a.xml', tags: [] }]);
    expect(feed!.name).toBe('Feed\uFFFDname');
    const [stored] = await store.items.insertNew(
      feed!.id,
      [
        {
          feedUrl: 'http://127.0.0.1/a.xml',
          guid: 'guid\u0000one',
          canonicalUrl: null,
          title: 'A title\u0000with a NUL',
          text: 'Body \u0000 text',
          publishedAt: null,
          fingerprint: 'fp\u0000',
        },
      ],
      () => ({ eligible: true, reason: null }),
      new Date(),
    );
    expect(stored).toMatchObject({ guid: 'guid\uFFFDone', title: 'A title\uFFFDwith a NUL', text: 'Body \uFFFD text' });
    // The same item again is found by its guid and fingerprint as given: not stored twice.
    expect(
      await store.items.insertNew(
        feed!.id,
        [
          {
            feedUrl: 'http://127.0.0.1/a.xml',
            guid: 'guid\u0000one',
            canonicalUrl: null,
            title: 'x',
            text: 'y',
            publishedAt: null,
            fingerprint: 'other',
          },
        ],
        () => ({ eligible: true, reason: null }),
        new Date(),
      ),
    ).toEqual([]);
    const incident = await store.incidents.create({
      key: 'key\u0000',
      vendor: null,
      organisation: 'Org\u0000',
      title: 't',
      summary: 's',
      healthcare: false,
      // Inside JSON a NUL is the escape \u0000, which a JSON column keeps (JSONB would refuse it).
      signature: { names: ['a\u0000b'] },
      at: new Date(),
    });
    expect(incident.signature).toEqual({ names: ['a\u0000b'] });
    expect((await store.incidents.byKey('key\u0000'))?.id).toBe(incident.id);
    const ack = {
      platform: 'slack' as const,
      userId: 'U\u00001',
      userName: 'Ann\u0000',
      comment: 'seen\u0000',
      at: '2026-04-01T10:00:00.000Z',
    };
    expect(await store.interactions.acknowledge(incident.id, ack)).toBe(true);
    expect(await store.interactions.acknowledgement(incident.id)).toEqual({
      ...ack,
      userId: 'U\uFFFD1',
      userName: 'Ann\uFFFD',
      comment: 'seen\uFFFD',
    });
  });
});
