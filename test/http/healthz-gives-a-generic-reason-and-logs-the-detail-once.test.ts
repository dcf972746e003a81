import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { TeamsSettings } from '../../src/config/load-config.js';
import { HttpServer } from '../../src/http/http-server.js';
import { createLogger } from '../../src/log.js';
import { CycleMonitor } from '../../src/observability/cycle-monitor.js';
import {
  configurationWarnings,
  createHealthCheck,
  deadlinesForSchedule,
  judgeCycles,
  sqliteProbe,
} from '../../src/observability/health.js';
import { Store } from '../../src/store/store.js';

const MINUTE = 60_000;
/** What a failed cycle's error can hold: a feed URL, an internal host name, a path. None of it is for strangers. */
const CYCLE_ERROR = 'fetch http://feeds.intranet.example:8443/secret-feed.xml failed: EACCES /var/lib/vendorwatch/vendorwatch.db';

const UNAUTHENTICATED_TEAMS: TeamsSettings = {
  appId: null,
  appPassword: null,
  appType: 'MultiTenant',
  tenantId: null,
  dangerouslyAllowUnauthenticated: true,
  allowedTenants: [],
};

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function rig(options: { warnings?: string[]; throwing?: boolean } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'vw-healthz-generic-'));
  const store = Store.open(join(dir, 'vendorwatch.db'));
  let t = new Date('2026-04-01T09:00:00Z').getTime();
  const now = () => new Date(t);
  const monitor = new CycleMonitor(now);
  const logged = new PassThrough();
  let log = '';
  logged.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
  const logger = createLogger({ level: 'debug', destination: logged });
  const check = createHealthCheck({
    store: () => sqliteProbe(store.db),
    cycles: () => monitor.snapshot(),
    deadlines: deadlinesForSchedule(10 * MINUTE),
    now,
    ...(options.warnings ? { warnings: options.warnings } : {}),
  });
  const server = new HttpServer(
    logger,
    options.throwing
      ? () => {
          throw new Error(CYCLE_ERROR);
        }
      : check,
  );
  const port = await server.listen(0, '127.0.0.1');
  cleanups.push(
    () => rmSync(dir, { recursive: true, force: true }),
    () => store.close(),
    () => server.close(),
  );
  const probe = async () => {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    return { status: res.status, body: await res.text() };
  };
  const logLines = () =>
    log
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { level: number; msg: string; reason?: string; detail?: string });
  return { store, monitor, advance: (ms: number) => (t += ms), probe, logLines };
}

/** Nothing that names a place or a cause beyond the generic phrase. */
function expectGeneric(body: string): void {
  expect(body).not.toMatch(/intranet|secret-feed|8443|\/var\/lib|EACCES|vendorwatch\.db|\d+ min|limit|database|connection/i);
}

describe('/healthz tells strangers little and the operator everything', () => {
  it('answers a generic reason while the log gets the detail once per change, not once per probe', async () => {
    const { store, monitor, advance, probe, logLines } = await rig();
    monitor.started();
    monitor.finished({ ok: true });
    expect(await probe()).toEqual({ status: 200, body: '{"status":"ok"}' });

    advance(35 * MINUTE);
    monitor.started();
    monitor.finished({ ok: false, error: CYCLE_ERROR });
    advance(6 * MINUTE);
    for (let i = 0; i < 5; i += 1) {
      const down = await probe();
      expect(down.status).toBe(503);
      expect(JSON.parse(down.body)).toEqual({ status: 'unhealthy', reason: 'poll overdue' });
      expectGeneric(down.body);
      // The detail ("41 min ago", "42 min ago", …) changes every minute; the reason does not.
      advance(MINUTE);
    }

    store.close();
    advance(6_000);
    const worse = await probe();
    expect(JSON.parse(worse.body)).toEqual({ status: 'unhealthy', reason: 'store unavailable; poll overdue' });
    expectGeneric(worse.body);
    await probe();

    const warnings = logLines().filter((line) => line.level === 40);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatchObject({ reason: 'poll overdue' });
    expect(warnings[0]!.detail).toBe(
      `the last successful poll cycle finished 41 min ago (limit 40 min); the latest failed: ${CYCLE_ERROR}`,
    );
    expect(warnings[0]!.msg).toContain('feeds.intranet.example');
    expect(warnings[1]).toMatchObject({
      reason: 'store unavailable; poll overdue',
      detail: expect.stringMatching(/^store (not writable|unreachable): .+; the last successful poll cycle finished/),
    });
  });

  it('keeps the exact deadline missed, and by how much, in the detail for the log', () => {
    const deadlines = deadlinesForSchedule(10 * MINUTE);
    const since = new Date('2026-04-01T09:00:00Z');
    const at = (minutes: number) => new Date(since.getTime() + minutes * MINUTE);
    const snapshot = { since, runningSince: null, lastFinishedAt: null, lastOk: null, lastSuccessAt: null, lastError: null };
    expect(judgeCycles({ ...snapshot, runningSince: since }, deadlines, at(21))).toEqual({
      ok: false,
      reason: 'poll cycle running too long',
      detail: 'a poll cycle has been running for 21 min (limit 20 min)',
    });
    expect(judgeCycles(snapshot, deadlines, at(21))).toEqual({
      ok: false,
      reason: 'poll overdue',
      detail: 'no poll cycle has finished in the 21 min since start (limit 20 min)',
    });
    expect(judgeCycles({ ...snapshot, lastSuccessAt: since }, deadlines, at(19))).toEqual({ ok: true, reason: null, detail: null });
  });

  it('gives a generic reason when the health check itself throws, and logs that once', async () => {
    const { probe, logLines } = await rig({ throwing: true });
    for (let i = 0; i < 3; i += 1) {
      const down = await probe();
      expect(down.status).toBe(503);
      expect(JSON.parse(down.body)).toEqual({ status: 'unhealthy', reason: 'health check failed' });
      expectGeneric(down.body);
    }
    expect(logLines().filter((line) => line.level === 40)).toEqual([
      expect.objectContaining({ reason: 'health check failed', detail: CYCLE_ERROR }),
    ]);
  });

  it('logs one line when health comes back', async () => {
    const { monitor, advance, probe, logLines } = await rig();
    advance(21 * MINUTE);
    expect((await probe()).status).toBe(503);
    monitor.started();
    monitor.finished({ ok: true });
    for (let i = 0; i < 3; i += 1) expect((await probe()).status).toBe(200);
    expect(logLines().map((line) => line.msg)).toEqual([
      expect.stringMatching(/^\/healthz unhealthy: no poll cycle has finished in the 21 min/),
      '/healthz healthy again',
    ]);
  });

  it('warns that Teams authentication is off on every answer, healthy or not, while the dangerous switch is on', async () => {
    expect(configurationWarnings({ teams: UNAUTHENTICATED_TEAMS })).toEqual(['teams authentication is off']);
    expect(configurationWarnings({ teams: { ...UNAUTHENTICATED_TEAMS, dangerouslyAllowUnauthenticated: false } })).toEqual([]);
    expect(configurationWarnings({ teams: null })).toEqual([]);
    const { store, monitor, advance, probe } = await rig({ warnings: configurationWarnings({ teams: UNAUTHENTICATED_TEAMS }) });
    monitor.started();
    monitor.finished({ ok: true });
    expect(await probe()).toEqual({ status: 200, body: '{"status":"ok","warnings":["teams authentication is off"]}' });
    store.close();
    advance(6_000);
    expect(JSON.parse((await probe()).body)).toEqual({
      status: 'unhealthy',
      reason: 'store unavailable',
      warnings: ['teams authentication is off'],
    });
  });
});
