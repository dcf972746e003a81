// Forged Bot Framework tokens against the real botbuilder authentication: each is refused with 401 and exactly
// one warn line in our JSON log (rate-limited), and botbuilder prints nothing of its own (it used to print a stack
// trace per request to stderr, outside the log and its redaction, and answered a bad signature with a 500).

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REFUSAL_LOG_LIMIT } from '../../adapters/teams/refusal-log.js';
import { tempDbPath } from '../cli/run-cli.js';
import { startTokenAuthority, type TokenAuthority } from './support/bot-framework-tokens.js';
import { captureLogger } from './support/capture-logger.js';
import { loadActivity } from './support/load-fixture.js';
import { GENERAL_CHANNEL, inTenant, type LoopbackHarness, OWN_TENANT, startLoopbackHarness } from './support/loopback-harness.js';
import { startBot } from './support/start-bot.js';

const APP_ID = '00000000-1111-4222-8333-444444444444';
const SERVICE_URL = 'https://smba.trafficmanager.net/teams/';
const FOREIGN_TENANT = 'f0f0f0f0-0000-4000-8000-00000000beef';
const INVALID_TOKEN_LINE = 'teams: refused a request with an invalid Bot Framework token';

/** Tokens that fail inside botbuilder without any network: no identity, no signature, an issuer it ignores. */
const FORGERIES = [
  'x.y.z',
  'eyJhbGciOiJub25lIn0.eyJhdWQiOiIwMDAwMDAwMC0xMTExIn0.',
  `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ iss: 'https://evil.example', aud: APP_ID })}.c2lnbmF0dXJl`,
  'not-a-jwt-at-all',
];

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

// Everything botbuilder might print in this process, by method. The adapter must leave all of it empty.
const printed: string[] = [];
const METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
beforeEach(() => {
  printed.length = 0;
  const originals = METHODS.map((m) => console[m]);
  for (const m of METHODS) console[m] = (...args: unknown[]) => void printed.push(`${m}: ${args.map(String).join(' ')}`);
  cleanups.push(() => {
    for (const [i, m] of METHODS.entries()) console[m] = originals[i]!;
  });
});

async function authenticated(
  extra: { allowedTenants?: string[]; now?: () => Date; metadataUrl?: string } = {},
): Promise<{ h: LoopbackHarness; authority: TokenAuthority; logs: ReturnType<typeof captureLogger> }> {
  const authority = await startTokenAuthority();
  const logs = captureLogger();
  const h = await startLoopbackHarness({
    appId: APP_ID,
    appPassword: 'test-client-secret-not-real',
    dangerouslyAllowUnauthenticated: false,
    openIdMetadataUrl: extra.metadataUrl ?? authority.metadataUrl,
    logger: logs.logger,
    ...(extra.allowedTenants ? { allowedTenants: extra.allowedTenants } : {}),
    ...(extra.now ? { now: extra.now, refusalLog: { limit: 5 } } : {}),
  });
  cleanups.push(
    () => authority.close(),
    () => h.close(),
  );
  return { h, authority, logs };
}

function install(h: LoopbackHarness): Record<string, unknown> {
  return { ...h.activity('conversation-update-bot-added-to-team'), serviceUrl: SERVICE_URL };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('forged Bot Framework tokens', () => {
  it('a token signed with another key under the published key id gets 401, not a 500, and botbuilder prints nothing', async () => {
    const { h, authority, logs } = await authenticated();
    const res = await h.post(install(h), bearer(authority.forged({ appId: APP_ID, serviceUrl: SERVICE_URL })));
    expect(res.status).toBe(401);
    expect(await h.core.conversations('teams')).toEqual([]);
    expect(printed).toEqual([]);
    const refusals = logs.lines().filter((l) => l.msg === INVALID_TOKEN_LINE);
    expect(refusals).toEqual([expect.objectContaining({ level: 40, status: 401, reason: expect.stringContaining('invalid signature') })]);
  });

  it('an expired token gets 401 and botbuilder prints no stack trace', async () => {
    const { h, authority, logs } = await authenticated();
    const res = await h.post(install(h), bearer(authority.genuine({ appId: APP_ID, serviceUrl: SERVICE_URL, expiresInSeconds: -3600 })));
    expect(res.status).toBe(401);
    expect(printed).toEqual([]);
    expect(logs.lines().filter((l) => l.msg === INVALID_TOKEN_LINE)).toHaveLength(1);
  });

  it('a token that cannot be checked, because the signing keys cannot be fetched, gets 503 with one warn line and no console output', async () => {
    const { h, authority, logs } = await authenticated({ metadataUrl: 'http://127.0.0.1:9/openidconfiguration' });
    const res = await h.post(install(h), bearer(authority.genuine({ appId: APP_ID, serviceUrl: SERVICE_URL })));
    expect(res.status).toBe(503);
    expect(await h.core.conversations('teams')).toEqual([]);
    expect(printed).toEqual([]);
    expect(logs.lines().filter((l) => l.msg.startsWith('teams: refused a request'))).toEqual([
      expect.objectContaining({
        level: 40,
        status: 503,
        msg: 'teams: refused a request whose token could not be checked',
        reason: expect.stringContaining('ECONNREFUSED'),
      }),
    ]);
  });

  it("a genuine token does not let another tenant in: 403 for it, its own tenant's install is stored", async () => {
    const { h, authority } = await authenticated({ allowedTenants: [OWN_TENANT] });
    const token = authority.genuine({ appId: APP_ID, serviceUrl: SERVICE_URL });
    const foreign = inTenant(install(h), FOREIGN_TENANT);
    (foreign.conversation as Record<string, unknown>).id = '19:outsiders@thread.tacv2';
    expect((await h.post(foreign, bearer(token))).status).toBe(403);
    expect((await h.post(install(h), bearer(token))).status).toBe(200);
    expect((await h.core.conversations('teams')).map((c) => c.conversationId)).toEqual([GENERAL_CHANNEL]);
    expect(printed).toEqual([]);
  });

  it('logs one warn line per refused request up to the limit, then one line saying how many more were suppressed', async () => {
    let clock = new Date('2026-04-01T10:00:00Z');
    const { h, logs } = await authenticated({ now: () => clock });
    for (let i = 0; i < 12; i++) expect((await h.post(install(h), bearer(FORGERIES[i % FORGERIES.length]!))).status).toBe(401);
    const refusalLines = () =>
      logs.lines().filter((l) => l.msg === INVALID_TOKEN_LINE || l.msg.endsWith('more refused requests suppressed'));
    expect(refusalLines().map((l) => l.msg)).toEqual(Array(5).fill(INVALID_TOKEN_LINE));

    clock = new Date(clock.getTime() + 61_000);
    expect((await h.post(install(h), bearer('x.y.z'))).status).toBe(401);
    expect(refusalLines().slice(5)).toEqual([
      expect.objectContaining({ level: 40, msg: 'teams: 7 more refused requests suppressed', suppressed: 7 }),
      expect.objectContaining({ level: 40, msg: INVALID_TOKEN_LINE }),
    ]);
    expect(printed).toEqual([]);
  });

  it('vendorwatch start: 50 forged tokens get 401 each, the output has no stack trace or token, one warn line each up to the limit, then the count', async () => {
    const bot = await startBot({
      VENDORWATCH_DB: tempDbPath(),
      VENDORWATCH_FEEDS: 'http://127.0.0.1:9/nothing.xml',
      VENDORWATCH_SCHEDULE: '0 0 1 1 *',
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'forged-token-test-client-secret',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
    });
    cleanups.push(() => bot.stop());
    const activity = loadActivity('conversation-update-bot-added-to-team', { SERVICE_URL });
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) {
      const res = await fetch(`http://127.0.0.1:${bot.port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${FORGERIES[i % FORGERIES.length]}` },
        body: JSON.stringify(activity),
      });
      statuses.push(res.status);
      await res.text();
    }
    expect(statuses).toEqual(Array(50).fill(401));
    expect(await bot.stop()).toBe(0);

    const output = bot.output();
    expect(output).not.toMatch(/^\s+at /m);
    // botbuilder printed `AuthenticationError: Unauthorized. No valid identity.` and its frames per request.
    expect(output).not.toMatch(/^\w*Error: /m);
    for (const token of FORGERIES) expect(output).not.toContain(token);
    const lines = output.split('\n').filter(Boolean);
    // Every line the process printed is one of our JSON log lines: nothing of botbuilder's own.
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
    const logged = lines.map((l) => JSON.parse(l) as { level: number; msg: string; suppressed?: number });
    expect(logged.filter((l) => l.msg === INVALID_TOKEN_LINE && l.level === 40)).toHaveLength(REFUSAL_LOG_LIMIT);
    expect(logged.filter((l) => l.msg.endsWith('more refused requests suppressed'))).toEqual([
      expect.objectContaining({
        level: 40,
        suppressed: 50 - REFUSAL_LOG_LIMIT,
        msg: `teams: ${50 - REFUSAL_LOG_LIMIT} more refused requests suppressed`,
      }),
    ]);
  });
});

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
