// Leadership of the poll cycle among replicas, on the real lease table of PostgreSQL: one leads, a stopped leader
// hands over at once, and a leader that can no longer reach the database stops leading when its lease runs out on
// its own clock (its cycle is told to stop), before another replica may take the lease.

import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { Leadership, POLL_LEASE, replicaIdFor } from '../../src/scheduler/leadership.js';
import { PgStore } from '../../src/store/postgres/pg-store.js';
import { createTestDatabase, postgresAvailable, skippedTitle } from '../support/postgres.js';

const available = await postgresAvailable();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('replica ids', () => {
  it('are the configured name, or a hash of the host name with the process id, never the host name itself', () => {
    expect(replicaIdFor('replica-7')).toBe('replica-7');
    const made = replicaIdFor(null);
    expect(made).toMatch(new RegExp(`^replica-[0-9a-f]{8}-${process.pid}$`));
    expect(made).not.toContain(hostname());
    expect(replicaIdFor(null)).toBe(made);
  });
});

describe.skipIf(!available)(available ? 'leadership on PostgreSQL' : skippedTitle(), () => {
  it('one of two replicas leads; when it stops, the other takes over on its next try without waiting for the lease', async () => {
    const database = await createTestDatabase('leadership');
    const { options } = await database.freshSchema();
    const storeA = database.track(await PgStore.open(options));
    const storeB = database.track(await PgStore.open(options));
    const elected: string[] = [];
    const a = new Leadership({
      coordination: storeA.replicas,
      replicaId: 'a',
      leaseMs: 60_000,
      logger: silentLogger,
      onElected: () => elected.push('a'),
    });
    const b = new Leadership({
      coordination: storeB.replicas,
      replicaId: 'b',
      leaseMs: 60_000,
      logger: silentLogger,
      onElected: () => elected.push('b'),
    });

    expect(await a.renew()).toBe(true);
    expect(await b.renew()).toBe(false);
    expect(a.leading).toBe(true);
    expect(b.leading).toBe(false);
    expect(await a.renew()).toBe(true);
    expect(elected).toEqual(['a']);
    expect((await b.view()).lease).toMatchObject({ name: POLL_LEASE, holder: 'a', term: 1 });

    await a.stop();
    expect(a.leading).toBe(false);
    expect(await b.renew()).toBe(true);
    expect(elected).toEqual(['a', 'b']);
    expect((await a.view()).lease).toMatchObject({ holder: 'b', term: 2 });
    await b.stop();
  });

  it('a leader that loses the database stops leading when its lease runs out, and its signal aborts', async () => {
    const database = await createTestDatabase('leadership_lost');
    const { options } = await database.freshSchema();
    const doomed = await PgStore.open(options);
    const other = database.track(await PgStore.open(options));
    const leaseMs = 1_500;
    const a = new Leadership({ coordination: doomed.replicas, replicaId: 'a', leaseMs, logger: silentLogger });
    const b = new Leadership({ coordination: other.replicas, replicaId: 'b', leaseMs, logger: silentLogger });
    expect(await a.renew()).toBe(true);
    a.start();
    const signal = a.signal;
    const aborted = new Promise<number>((resolve) => signal.addEventListener('abort', () => resolve(Date.now())));
    const lostAt = Date.now();
    await doomed.close();

    // Renewals now fail; leading ends on the local clock, no later than the lease after the last renewal.
    const abortedAt = await aborted;
    expect(abortedAt - lostAt).toBeLessThanOrEqual(leaseMs + 500);
    expect(a.leading).toBe(false);
    // By then the database may not have let the lease go yet: the old leader stopped first, never both at once.
    for (;;) {
      if (await b.renew()) break;
      await sleep(100);
    }
    expect(b.leading).toBe(true);
    expect((await b.view()).lease).toMatchObject({ holder: 'b', term: 2 });
    await a.stop();
    await b.stop();
  });

  it('a leader whose lease another replica took (it paused past the lease) steps down on its next renewal', async () => {
    const database = await createTestDatabase('leadership_taken');
    const { options } = await database.freshSchema();
    const store = database.track(await PgStore.open(options));
    const a = new Leadership({ coordination: store.replicas, replicaId: 'a', leaseMs: 60_000, logger: silentLogger });
    expect(await a.renew()).toBe(true);
    const signal = a.signal;
    // Another replica finds the lease run out (as after a long pause of this process) and takes it.
    await database.query(`UPDATE ${options.schema}.leases SET expires_at = clock_timestamp() - interval '1 second'`);
    expect((await store.replicas.tryLeadership(POLL_LEASE, 'b', 60_000)).isLeader).toBe(true);
    expect(await a.renew()).toBe(false);
    expect(a.leading).toBe(false);
    expect(signal.aborted).toBe(true);
    await a.stop();
  });
});
