// The log promise, end to end: the real binary, started and polled with every secret set to a value
// nobody else uses, against loopback feeds and the fake Slack Web API; then every byte it printed is searched.

import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { type FakeSlackApi, startFakeSlackApi } from '../slack/support/fake-slack-api.js';
import { postSigned, slashCommandBody } from '../slack/support/slack-harness.js';
import { spawnVendorwatch } from '../support/spawn-cli.js';

const root = join(import.meta.dirname, '..', '..');
const feedDir = join(root, 'test', 'fixtures', 'feeds');
const FIRST = ['outlet-newswire.xml', 'outlet-newssite.atom', 'outlet-blog.rdf', 'outlet-analysis.xml'];
const FOLLOW_UP = 'outlet-followup.xml';
const CHANNEL = 'COPSALERT1';

const SECRETS = {
  SLACK_BOT_TOKEN: 'xoxb-4815-1623-OpsBotTokenQuokka42',
  SLACK_SIGNING_SECRET: 'ops-signing-secret-marmoset-9d1c',
  MicrosoftAppPassword: 'Ops~Teams.Client_Secret-axolotl-77',
};

let api: FakeSlackApi;
let feeds: Server;
let served = new Set(FIRST);
/** `flaky.xml` answers until the bot is started, then fails: the failure lands in a cycle `start` ran. */
let flakyDown = false;
let work: string;
let feedPort: number;
let env: NodeJS.ProcessEnv;
const transcripts: { label: string; stdout: string; stderr: string }[] = [];

function spawnCli(
  args: string[],
  extraEnv: NodeJS.ProcessEnv = {},
): { child: ChildProcess; done: Promise<number | null>; stderr: () => string } {
  const child = spawnVendorwatch(args, { env: { ...env, ...extraEnv }, cwd: work });
  const transcript = { label: `${args.join(' ')} ${JSON.stringify(extraEnv)}`, stdout: '', stderr: '' };
  transcripts.push(transcript);
  child.stdout.on('data', (chunk: Buffer) => (transcript.stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (transcript.stderr += chunk.toString('utf8')));
  const done = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, done, stderr: () => transcript.stderr };
}

/** Waits for an event (not for a speed): `refresh` re-reads what `predicate` looks at, e.g. a scrape. */
async function waitFor(predicate: () => boolean, what: () => string, timeoutMs = 30_000, refresh?: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await refresh?.();
    if (predicate()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A loopback port with nothing listening: that feed fails every time. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  api = await startFakeSlackApi();
  feeds = createServer((req, res) => {
    const name = (req.url ?? '/').slice(1);
    if (name === 'flaky.xml' && flakyDown) {
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end('down for maintenance');
      return;
    }
    res.writeHead(200, { 'content-type': name.endsWith('.atom') ? 'application/atom+xml' : 'application/rss+xml' });
    res.end(
      served.has(name)
        ? readFileSync(join(feedDir, name))
        : '<?xml version="1.0"?><rss version="2.0"><channel><title>Later</title><link>https://later.test/</link><description>empty</description></channel></rss>',
    );
  });
  await new Promise<void>((resolve) => feeds.listen(0, '127.0.0.1', resolve));
  const { port } = feeds.address() as AddressInfo;
  feedPort = port;
  work = mkdtempSync(join(tmpdir(), 'vw-ops-secrets-'));
  const watchlist = join(work, 'watchlist.json');
  writeFileSync(
    watchlist,
    JSON.stringify([{ name: 'CareCloud', aliases: ['CareCloud Health'], category: 'EHR', criticality: 'critical' }]),
  );
  env = {
    PATH: process.env.PATH,
    HOME: work,
    ...SECRETS,
    // The Teams adapter is configured (so its secret is in play) but never asked to send: no conversation is installed.
    MicrosoftAppId: '3f0c9a52-7d1e-4c58-9b0a-6a1d2e3f4b5c',
    SLACK_ALERT_CHANNEL: CHANNEL,
    SLACK_API_URL: api.apiUrl,
    VENDORWATCH_FEEDS: [
      ...[...FIRST, FOLLOW_UP, 'flaky.xml'].map((name) => `http://127.0.0.1:${port}/${name}`),
      `http://127.0.0.1:${await closedPort()}/gone.xml`,
    ].join(','),
    VENDORWATCH_WATCHLIST: watchlist,
    VENDORWATCH_DB: join(work, 'vendorwatch.db'),
    VENDORWATCH_MAX_ITEM_AGE_DAYS: '3650',
    // Debug is where libraries say the most (requests, retries, payloads): the hardest level to keep clean.
    LOG_LEVEL: 'debug',
  };
}, 60_000);

afterAll(async () => {
  await api?.close();
  await new Promise((resolve) => feeds?.close(resolve));
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Every spelling a secret could be printed in. */
const spellingsOf = (secret: string) => [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64'), secret.slice(0, 20)];

describe('a full run prints no secret', () => {
  it('poll --once --backfill: JSON log lines off a terminal, the alert posted with the token, no secret printed', async () => {
    // In-process: the same main() the binary runs, minus a process start-up; `start` below is the spawned binary.
    const run = await runCli(['poll', '--once', '--backfill'], { ...env, LOG_FORMAT: undefined }, work);
    transcripts.push({ label: 'poll --once --backfill (in-process)', stdout: run.stdout, stderr: run.stderr });
    expect(run.code, run.stderr).toBe(0);
    expect(api.callsTo('chat.postMessage').length).toBeGreaterThan(0);
    // The token really was in use: it reached the fake Slack API as the bearer token.
    expect(api.calls.every((call) => call.token === SECRETS.SLACK_BOT_TOKEN)).toBe(true);
    const lines = run.stderr.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
  }, 90_000);

  it('start: serves /healthz and /metrics, answers a signed command, refuses a forged one, posts the digest, stops on SIGTERM', async () => {
    served = new Set([...FIRST, FOLLOW_UP]);
    flakyDown = true;
    // The digest on a two-second clock, so this run also posts one (an unacknowledged CareCloud alert is open).
    const run = spawnCli(['start'], { PORT: '0', VENDORWATCH_DIGEST_SCHEDULE: '*/2 * * * * *' });
    try {
      await waitFor(() => /cycle \d+ done/.test(run.stderr()), run.stderr, 60_000);
      const port = Number(/listening on port (\d+)/.exec(run.stderr())![1]);
      const base = `http://127.0.0.1:${port}`;

      const health = await fetch(`${base}/healthz`);
      expect(health.status, await health.clone().text()).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });

      // "cycle N done" is logged before the cycle's reminders and notices; the counters move when it returns.
      let metrics = '';
      await waitFor(
        () => /^vendorwatch_cycles_total\{outcome="ok"\} 1$/m.test(metrics),
        () => metrics,
        30_000,
        async () => {
          metrics = await (await fetch(`${base}/metrics`)).text();
        },
      );
      // flaky.xml fails now; gone.xml failed in the poll before and is waiting out its backoff (skipped, not failed).
      expect(metrics).toMatch(new RegExp(`^vendorwatch_feed_failures_total\\{feed="127\\.0\\.0\\.1:${feedPort}"\\} 1$`, 'm'));
      expect(metrics.match(/^vendorwatch_feed_failures_total\{/gm)).toHaveLength(1);
      // The follow-up report: one reply in the alert's thread and one edit of the alert, both to the channel.
      expect(metrics).toMatch(new RegExp(`^vendorwatch_deliveries_total\\{destination="slack:${CHANNEL}",outcome="sent"\\} [2-9]$`, 'm'));
      // The digest may be on its way at any moment: the gauge is there, its value is the unit test's business.
      expect(metrics).toMatch(/^vendorwatch_deliveries_pending \d+$/m);
      expect(metrics).toMatch(/^vendorwatch_alerts_unacknowledged 1$/m);
      expect(metrics).toMatch(/^process_resident_memory_bytes \d+/m);

      const events = `${base}/slack/events`;
      const signed = await postSigned(
        events,
        slashCommandBody({ text: 'carecloud', responseUrl: api.responseUrl('ops-1'), channelId: CHANNEL }),
        {
          secret: SECRETS.SLACK_SIGNING_SECRET,
        },
      );
      expect(signed.status).toBe(200);
      await api.waitFor(() => api.responses.some((r) => r.path === '/respond/ops-1'), 10_000);
      const forged = await postSigned(events, slashCommandBody({ text: 'carecloud', responseUrl: api.responseUrl('ops-2') }), {
        secret: 'not-the-secret',
      });
      expect(forged.status).toBe(401);

      await waitFor(() => run.stderr().includes('daily digest sent'), run.stderr, 30_000);
      await api.waitFor(
        () =>
          api.callsTo('chat.postMessage').some((call) => call.params.channel === CHANNEL && /daily digest/i.test(call.params.text ?? '')),
        10_000,
      );

      run.child.kill('SIGTERM');
      expect(await run.done).toBe(0);
      expect(run.stderr()).toContain('"msg":"stopped"');
    } finally {
      run.child.kill('SIGKILL');
    }
  }, 90_000);

  it('pretty logs (LOG_FORMAT=pretty) are readable lines, not JSON, and hold no secret either', async () => {
    // In-process (the same main() the binary runs): a third process start-up would only cost time.
    const run = await runCli(['poll', '--once'], { ...env, LOG_FORMAT: 'pretty' }, work);
    transcripts.push({ label: 'poll --once (in-process, LOG_FORMAT=pretty)', stdout: run.stdout, stderr: run.stderr });
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stderr.split('\n').filter(Boolean);
    expect(lines.some((line) => /^\[\d\d:\d\d:\d\d\] INFO: cycle \d+ done/.test(line))).toBe(true);
    expect(lines.every((line) => !line.startsWith('{'))).toBe(true);
  }, 60_000);

  it('no secret, in any spelling, appears anywhere in what those runs printed', () => {
    expect(transcripts).toHaveLength(3);
    const everything = transcripts.map((t) => `${t.stdout}\n${t.stderr}`).join('\n');
    expect(everything.length).toBeGreaterThan(5_000);
    for (const [name, secret] of Object.entries(SECRETS)) {
      for (const spelling of spellingsOf(secret)) {
        const leaks = transcripts.filter((t) => t.stdout.includes(spelling) || t.stderr.includes(spelling)).map((t) => t.label);
        expect(leaks, `${name} printed by: ${leaks.join(' | ')}`).toEqual([]);
      }
    }
    expect(everything).not.toMatch(/xox[bpa]-\d/);
  });
});
