import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SqliteAsyncStore } from '../../src/store/sqlite-async-store.js';
import { FIXTURE_FEEDS, type Harness, SEED_OUTLETS, startHarness } from '../support/app-harness.js';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

describe('a store that stops accepting writes during a cycle', () => {
  it('loses no item: the feeds are fetched again once it can write, and the alert goes out once', async () => {
    let readOnly = true;
    const routes = Object.fromEntries(SEED_OUTLETS.map((name) => [`/${name}`, { kind: 'feed' as const, file: join(FIXTURE_FEEDS, name) }]));
    harness = await startHarness({
      feeds: {
        ...routes,
        // The first feed to be requested turns the database read-only, as a full disk would mid-cycle.
        '/outlet-newswire.xml': {
          kind: 'handler',
          handle: (_req, res) => {
            if (readOnly) (harness?.app.store as SqliteAsyncStore | undefined)?.sync.db.pragma('query_only = ON');
            res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' });
            res.end(readFileSync(join(FIXTURE_FEEDS, 'outlet-newswire.xml')));
          },
        },
      },
    });
    const h = harness;
    await expect(h.app.runCycle({ backfill: true })).rejects.toThrow();
    expect(h.topLevelPosts()).toHaveLength(0);

    readOnly = false;
    (h.app.store as SqliteAsyncStore).sync.db.pragma('query_only = OFF');
    await h.app.runCycle({ backfill: true });
    expect(h.topLevelPosts()).toHaveLength(1);
    expect(h.topLevelPosts()[0]?.text).toContain('CareCloud');
    const listing = await h.app.interactions.lookupVendor('CareCloud');
    expect(listing.kind === 'found' && listing.incidents[0]?.sourceCount).toBe(4);
  });
});
