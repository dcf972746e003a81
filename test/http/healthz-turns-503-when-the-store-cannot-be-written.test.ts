import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpServer } from '../../src/http/http-server.js';
import { silentLogger } from '../../src/log.js';
import { CycleMonitor } from '../../src/observability/cycle-monitor.js';
import { createHealthCheck, deadlinesForSchedule, sqliteProbe } from '../../src/observability/health.js';
import type { Db } from '../../src/store/open-database.js';
import { Store } from '../../src/store/store.js';

const MINUTE = 60_000;

/** A clock the test moves by hand: health probes are throttled and cycle deadlines are minutes long. */
function manualClock(start = '2026-04-01T09:00:00Z') {
  let t = new Date(start).getTime();
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function rig() {
  const dir = mkdtempSync(join(tmpdir(), 'vw-healthz-'));
  const path = join(dir, 'vendorwatch.db');
  const store = Store.open(path);
  const clock = manualClock();
  const monitor = new CycleMonitor(clock.now);
  let db: Db = store.db;
  const health = createHealthCheck({
    store: () => sqliteProbe(db),
    cycles: () => monitor.snapshot(),
    deadlines: deadlinesForSchedule(10 * MINUTE),
    now: clock.now,
  });
  const server = new HttpServer(silentLogger, health);
  const port = await server.listen(0, '127.0.0.1');
  cleanups.push(
    () => rmSync(dir, { recursive: true, force: true }),
    () => store.close(),
    () => server.close(),
  );
  const get = async (path = '/healthz', init?: RequestInit) => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, init);
    return { status: res.status, body: await res.text(), type: res.headers.get('content-type') };
  };
  return { store, path, clock, monitor, get, swapDb: (next: Db) => (db = next) };
}

describe('/healthz', () => {
  it('answers 200 {"status":"ok"} while the store takes writes and a cycle has finished', async () => {
    const { monitor, get } = await rig();
    monitor.started();
    monitor.finished({ ok: true });
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/json');
    expect(JSON.parse(res.body)).toEqual({ status: 'ok' });
  });

  // Running as root (as CI does), chmod 0444 on the file and its folder changes nothing: root writes anyway, and
  // `chattr +i` on a WAL database crashes the process (its -shm is memory-mapped). `PRAGMA query_only` makes
  // SQLite refuse every write on the very connection the bot uses, as a read-only file would (SQLITE_READONLY),
  // and can be lifted again: the real failure, switched on and off.
  it('turns 503 with the reason when the connection refuses writes, and 200 again once it takes them', async () => {
    const { store, clock, monitor, get } = await rig();
    monitor.started();
    monitor.finished({ ok: true });
    expect((await get()).status).toBe(200);

    store.db.pragma('query_only = ON');
    clock.advance(6_000);
    const down = await get();
    expect(down.status).toBe(503);
    expect(JSON.parse(down.body)).toEqual({ status: 'unhealthy', reason: 'store unavailable' });

    store.db.pragma('query_only = OFF');
    clock.advance(6_000);
    expect(await get()).toMatchObject({ status: 200, body: '{"status":"ok"}' });
  });

  it('turns 503 when the store is only open read-only: a read would pass, the write probe does not', async () => {
    const { store, path, clock, monitor, get, swapDb } = await rig();
    monitor.started();
    monitor.finished({ ok: true });
    const readOnly = new Database(path, { readonly: true });
    cleanups.push(() => {
      readOnly.close();
    });
    expect(readOnly.prepare('SELECT count(*) AS n FROM feeds').get()).toEqual({ n: 0 });
    swapDb(readOnly);
    clock.advance(6_000);
    const down = await get();
    expect(down.status).toBe(503);
    expect(JSON.parse(down.body)).toEqual({ status: 'unhealthy', reason: 'store unavailable' });
    swapDb(store.db);
    clock.advance(6_000);
    expect((await get()).status).toBe(200);
  });

  it('turns 503 when the store is closed under it', async () => {
    const { store, clock, monitor, get } = await rig();
    monitor.started();
    monitor.finished({ ok: true });
    store.close();
    clock.advance(6_000);
    const down = await get();
    expect(down.status).toBe(503);
    expect(JSON.parse(down.body)).toEqual({ status: 'unhealthy', reason: 'store unavailable' });
  });

  it('is healthy during the first cycle, and 503 when none has finished within the grace period', async () => {
    const { clock, monitor, get } = await rig();
    monitor.started();
    expect((await get()).status).toBe(200);
    clock.advance(21 * MINUTE);
    const down = await get();
    expect(down.status).toBe(503);
    expect(JSON.parse(down.body)).toEqual({ status: 'unhealthy', reason: 'poll cycle running too long' });
    monitor.finished({ ok: true });
    expect((await get()).status).toBe(200);
  });

  it('is 503 when no cycle was even started within the grace period after start-up', async () => {
    const { clock, get } = await rig();
    clock.advance(19 * MINUTE);
    expect((await get()).status).toBe(200);
    clock.advance(2 * MINUTE);
    const down = await get();
    expect(down.status).toBe(503);
    expect(JSON.parse(down.body)).toEqual({ status: 'unhealthy', reason: 'poll overdue' });
  });

  it('is 503 once the last successful cycle is too old, naming the latest failure', async () => {
    const { clock, monitor, get } = await rig();
    monitor.started();
    monitor.finished({ ok: true });
    clock.advance(35 * MINUTE);
    monitor.started();
    monitor.finished({ ok: false, error: 'database is locked' });
    clock.advance(6 * MINUTE);
    const down = await get();
    expect(down.status).toBe(503);
    expect(JSON.parse(down.body)).toEqual({ status: 'unhealthy', reason: 'poll overdue' });
  });

  it('answers only GET and HEAD', async () => {
    const { get } = await rig();
    expect((await get('/healthz', { method: 'POST', body: 'x' })).status).toBe(405);
    expect((await get('/healthz', { method: 'HEAD' })).status).toBe(200);
    expect((await get('/metrics')).status).toBe(404);
  });
});
