// Replicas on one PostgreSQL database, each a PgStore with its own pool as separate processes have: leadership,
// outbox claims, and the cycle lock across connections.

import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/log.js';
import { PgStore } from '../../../src/store/postgres/pg-store.js';
import { createTestDatabase, postgresAvailable, skippedTitle } from '../../support/postgres.js';

const available = await postgresAvailable();
const database = available ? await createTestDatabase('replicas') : (null as never);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const at = new Date('2026-04-01T10:00:00Z');
const now = { now: new Date('2026-04-01T10:01:00Z') };

/** Two replicas on one new schema. */
async function twoReplicas(): Promise<[PgStore, PgStore]> {
  const { options } = await database.freshSchema();
  const first = database.track(await PgStore.open(options));
  const second = database.track(await PgStore.open(options));
  return [first, second];
}

(available ? describe : describe.skip)(available ? 'replicas on PostgreSQL' : skippedTitle(), () => {
  it('of two replicas racing for a free lease, exactly one leads, round after round', async () => {
    const [a, b] = await twoReplicas();
    for (let round = 0; round < 25; round++) {
      const name = `poll-${round}`;
      const [fromA, fromB] = await Promise.all([
        a.replicas.tryLeadership(name, 'replica-a', 60_000),
        b.replicas.tryLeadership(name, 'replica-b', 60_000),
      ]);
      expect([fromA.isLeader, fromB.isLeader].filter(Boolean)).toHaveLength(1);
      expect(fromA.holder).toBe(fromB.holder);
      expect(fromA.term).toBe(1);
    }
  });

  it('hands leadership to another replica once the leader stops renewing, within the lease', async () => {
    const [a, b] = await twoReplicas();
    const leaseMs = 400;
    expect((await a.replicas.tryLeadership('poll', 'replica-a', leaseMs)).isLeader).toBe(true);
    await sleep(150);
    expect((await a.replicas.tryLeadership('poll', 'replica-a', leaseMs)).isLeader).toBe(true);
    // replica-a dies here (no more renewals); replica-b asks every 50 ms.
    const lastRenewal = Date.now();
    let taken = await b.replicas.tryLeadership('poll', 'replica-b', leaseMs);
    while (!taken.isLeader) {
      expect(Date.now() - lastRenewal).toBeLessThan(leaseMs + 1_000);
      await sleep(50);
      taken = await b.replicas.tryLeadership('poll', 'replica-b', leaseMs);
    }
    expect(Date.now() - lastRenewal).toBeGreaterThanOrEqual(leaseMs - 50);
    expect(taken).toMatchObject({ holder: 'replica-b', term: 2 });
    expect(await a.replicas.leader('poll')).toMatchObject({ holder: 'replica-b', term: 2 });
    // The old leader, back, finds it lost the lease.
    expect(await a.replicas.tryLeadership('poll', 'replica-a', leaseMs)).toMatchObject({ isLeader: false, holder: 'replica-b' });
  });

  it('two replicas claiming at once never get the same delivery, get them all, and send each channel in queue order', async () => {
    const [a, b] = await twoReplicas();
    const queued: string[] = [];
    for (let i = 0; i < 120; i++) {
      queued.push(
        await a.deliveries.enqueue({ incidentId: null, kind: 'notice', destination: { platform: 'slack', address: `C${i % 8}` }, at }),
      );
    }
    const claimedBy = new Map<string, string>();
    const sent: string[] = [];
    // Both pools connected before the race, and a pause after each batch as a sender's network call would make, so a
    // loaded machine cannot let one replica drain the queue before the other's first query returns.
    await Promise.all([a.deliveries.pendingCount(), b.deliveries.pendingCount()]);
    const replica = async (store: PgStore, id: string) => {
      for (let idle = 0; idle < 5; ) {
        const batch = await store.deliveries.claimDeliveries(id, 5, now);
        if (batch.length === 0) {
          idle += 1;
          await sleep(5);
          continue;
        }
        for (const delivery of batch) {
          expect(claimedBy.get(delivery.id) ?? id).toBe(id);
          claimedBy.set(delivery.id, id);
          sent.push(delivery.id);
          await store.deliveries.markSent(delivery.id, `m-${delivery.id}`, at);
        }
        await sleep(3);
      }
    };
    await Promise.all([replica(a, 'replica-a'), replica(b, 'replica-b')]);
    expect(sent).toHaveLength(queued.length);
    expect(new Set(sent)).toEqual(new Set(queued));
    expect(new Set(claimedBy.values())).toEqual(new Set(['replica-a', 'replica-b']));
    // Per channel, the order they were sent in is the order they were queued in.
    for (let channel = 0; channel < 8; channel++) {
      const inChannel = queued.filter((_, i) => i % 8 === channel);
      expect(sent.filter((id) => inChannel.includes(id))).toEqual(inChannel);
    }
    expect(await b.deliveries.pendingCount()).toBe(0);
  });

  it('a claimer passes over a delivery another transaction holds locked instead of waiting for it', async () => {
    const [a] = await twoReplicas();
    const locked = await a.deliveries.enqueue({ incidentId: null, kind: 'notice', destination: { platform: 'slack', address: 'C1' }, at });
    const free = await a.deliveries.enqueue({ incidentId: null, kind: 'notice', destination: { platform: 'slack', address: 'C2' }, at });
    const other = new pg.Client({ connectionString: database.url });
    await other.connect();
    try {
      const schema = (await a.pool.query<{ s: string }>('SELECT current_schema() AS s')).rows[0]!.s;
      await other.query('BEGIN');
      await other.query(`SELECT id FROM ${schema}.deliveries WHERE id = $1 FOR UPDATE`, [locked]);
      const started = Date.now();
      const claimed = await a.deliveries.claimDeliveries('replica-a', 10, now);
      expect(claimed.map((d) => d.id)).toEqual([free]);
      expect(Date.now() - started).toBeLessThan(2_000);
      await other.query('ROLLBACK');
      expect((await a.deliveries.claimDeliveries('replica-a', 10, now)).map((d) => d.id)).toEqual([locked, free]);
    } finally {
      await other.end();
    }
  });

  it('a delivery whose replica died mid-send goes to another once the claim runs out, with its attempt marker', async () => {
    const [a, b] = await twoReplicas();
    const id = await a.deliveries.enqueue({ incidentId: null, kind: 'alert', destination: { platform: 'slack', address: 'C1' }, at });
    const [claimed] = await a.deliveries.claimDeliveries('replica-a', 10, { ...now, leaseMs: 200 });
    await a.deliveries.markAttemptStarted(claimed!.id, new Date('2026-04-01T10:01:00Z'));
    await a.close();
    expect(await b.deliveries.claimDeliveries('replica-b', 10, now)).toEqual([]);
    await sleep(300);
    const [resumed] = await b.deliveries.claimDeliveries('replica-b', 10, now);
    // The resuming replica sees the marker: it looks on the platform before posting again.
    expect(resumed).toMatchObject({ id, attemptStartedAt: '2026-04-01T10:01:00.000Z' });
  });

  it("the cycle lock goes to another process when its holder's connection dies", async () => {
    const [a, b] = await twoReplicas();
    const holder = a.createCycleLock(silentLogger);
    const waiter = b.createCycleLock(silentLogger);
    await holder.acquire();
    expect(await waiter.tryAcquire()).toBe(false);
    // The holder's process is killed: the server sees its connection close.
    await database.query(
      `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND pid <> pg_backend_pid()`,
    );
    const started = Date.now();
    await waiter.acquire(undefined, 20);
    expect(Date.now() - started).toBeLessThan(5_000);
    await waiter.release();
    // The dead holder's next try asks again rather than trusting it still holds the lock.
    await sleep(50);
    expect(await holder.tryAcquire()).toBe(true);
    await holder.release();
  });

  it('cycle locks and leases of two installations in two schemas of one database do not meet', async () => {
    const [a] = await twoReplicas();
    const [other] = await twoReplicas();
    const lock = a.createCycleLock(silentLogger);
    const otherLock = other.createCycleLock(silentLogger);
    expect(await lock.tryAcquire()).toBe(true);
    expect(await otherLock.tryAcquire()).toBe(true);
    await lock.release();
    await otherLock.release();
    expect((await a.replicas.tryLeadership('poll', 'r', 60_000)).isLeader).toBe(true);
    expect((await other.replicas.tryLeadership('poll', 's', 60_000)).isLeader).toBe(true);
  });
});
