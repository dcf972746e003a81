// /healthz on replicas: a follower does not poll, so it is judged on the store alone and stays healthy while the
// leader's cycles are someone else's business; a leader is judged on its cycles as one process is. Every answer says
// which replica answered and which one leads.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpServer } from '../../src/http/http-server.js';
import { silentLogger } from '../../src/log.js';
import { CycleMonitor } from '../../src/observability/cycle-monitor.js';
import { createHealthCheck, deadlinesForSchedule, type ReplicaRole, sqliteProbe } from '../../src/observability/health.js';
import { Store } from '../../src/store/store.js';

const MINUTE = 60_000;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function rig(role: () => ReplicaRole) {
  const dir = mkdtempSync(join(tmpdir(), 'vw-healthz-replica-'));
  const store = Store.open(join(dir, 'vendorwatch.db'));
  let t = new Date('2026-04-01T09:00:00Z').getTime();
  const now = () => new Date(t);
  const monitor = new CycleMonitor(now);
  const check = createHealthCheck({
    store: () => sqliteProbe(store.db),
    cycles: () => monitor.snapshot(),
    deadlines: deadlinesForSchedule(10 * MINUTE),
    now,
    replica: async () => role(),
  });
  const server = new HttpServer(silentLogger, check);
  const port = await server.listen(0, '127.0.0.1');
  cleanups.push(
    () => rmSync(dir, { recursive: true, force: true }),
    () => store.close(),
    () => server.close(),
  );
  const probe = async () => {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  return { store, monitor, advance: (ms: number) => (t += ms), probe };
}

describe('/healthz on replicas', () => {
  it('keeps a follower healthy however long it has not polled, and says who leads', async () => {
    const follower: ReplicaRole = { id: 'replica-b', role: 'follower', leader: 'replica-a' };
    const r = await rig(() => follower);
    r.advance(3 * 60 * MINUTE);
    expect(await r.probe()).toEqual({ status: 200, body: { status: 'ok', replica: follower } });
  });

  it('judges a leader on its cycles: overdue after the first-cycle grace, as a single process is', async () => {
    const leader: ReplicaRole = { id: 'replica-a', role: 'leader', leader: 'replica-a' };
    const r = await rig(() => leader);
    r.advance(3 * 60 * MINUTE);
    expect(await r.probe()).toEqual({ status: 503, body: { status: 'unhealthy', reason: 'poll overdue', replica: leader } });
  });

  it('a follower that becomes leader gets the first-cycle grace from then, not from its start', async () => {
    let role: ReplicaRole = { id: 'replica-b', role: 'follower', leader: 'replica-a' };
    const r = await rig(() => role);
    r.advance(3 * 60 * MINUTE);
    role = { id: 'replica-b', role: 'leader', leader: 'replica-b' };
    r.monitor.leadershipBegan();
    r.monitor.started();
    r.advance(MINUTE);
    expect((await r.probe()).status).toBe(200);
  });

  it('a follower whose store cannot be written is unhealthy', async () => {
    const r = await rig(() => ({ id: 'replica-b', role: 'follower', leader: 'replica-a' }));
    r.store.db.pragma('query_only = ON');
    const answer = await r.probe();
    expect(answer.status).toBe(503);
    expect(answer.body.reason).toBe('store unavailable');
  });
});
