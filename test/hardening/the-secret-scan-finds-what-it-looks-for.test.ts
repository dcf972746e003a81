// The whole-suite secret scan (test/support/secret-scan/) is only worth its "0 secrets found" if it can find one.
// Here it is shown secrets planted in every spelling it claims to know, a run of the reporter over a planted
// capture directory, the spawn helper that feeds it, and errors carrying request headers logged the way the CLI
// logs them.

import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { webApi } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { createLogger } from '../../src/log.js';
import { createRedactingStream, secretsOf } from '../../src/observability/redact-secrets.js';
import PlainSummaryReporter from '../support/plain-summary-reporter.js';
import { CAPTURE_DIR_ENV, captureDir, secretsInEnv } from '../support/secret-scan/capture.js';
import { type RecordedSecret, scanCaptureDirectory, scanText, spellingsOf, summaryLine } from '../support/secret-scan/scanner.js';
import { runVendorwatch, spawnVendorwatch } from '../support/spawn-cli.js';

const BOT_TOKEN = 'xoxb-2210-9931-PlantedQuetzalToken7';
// Quotes, a backslash, a space and a tilde: its JSON, URL and form spellings all differ from the value.
const PASSWORD = 'Planted "pass\\word" ~okapi-31';
const SECRETS: RecordedSecret[] = [
  { name: 'SLACK_BOT_TOKEN', value: BOT_TOKEN },
  { name: 'MicrosoftAppPassword', value: PASSWORD },
];

describe('the scanner', () => {
  it.each([
    ['as is', `token=${BOT_TOKEN} in a plain line`],
    ['JSON-escaped', JSON.stringify({ msg: 'failed', secret: PASSWORD })],
    ['URL-encoded', `GET /oauth?client_secret=${encodeURIComponent(PASSWORD)}&x=1`],
    ['form-encoded', `body: ${new URLSearchParams({ client_secret: PASSWORD, grant_type: 'client_credentials' }).toString()}`],
    ['base64', `Authorization: Basic ${Buffer.from(PASSWORD).toString('base64')}`],
  ])('finds a planted secret %s, and names it without printing it', (spelling, line) => {
    const findings = scanText('planted.stderr.log', `a clean line\n${line}\nanother clean line\n`, SECRETS);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ source: 'planted.stderr.log', line: 2, spelling });
    expect(['SLACK_BOT_TOKEN', 'MicrosoftAppPassword']).toContain(findings[0]!.secret);
    for (const form of [...spellingsOf(BOT_TOKEN), ...spellingsOf(PASSWORD)]) expect(findings[0]!.excerpt).not.toContain(form.text);
  });

  it('knows each spelling of the planted password as a different text', () => {
    expect(new Set(spellingsOf(PASSWORD).map((s) => s.text)).size).toBe(5);
  });

  it('finds a real-looking Slack token nobody recorded, and passes fix-it texts, masks and short values', () => {
    const unrecorded = 'posting with xoxb-1234567890-9876543210-AbCdEfGhIjKlMnOpQrStUvWx failed';
    const app = 'connecting with xapp-1-A0123BCDE-4567890123-0123456789abcdef0123';
    expect(scanText('a.log', `${unrecorded}\n${app}\n`, []).map((f) => f.line)).toEqual([1, 2]);
    const harmless = [
      'SLACK_BOT_TOKEN was refused: copy the Bot User OAuth Token (xoxb-…) from the app settings',
      '{"msg":"http request headers: {\\"Authorization\\":\\"[redacted]\\"}"}',
      'the word password and a value shorter than eight characters: sh0rt',
    ].join('\n');
    expect(scanText('b.log', harmless, [...SECRETS, { name: 'SHORT_SECRET', value: 'sh0rt' }])).toEqual([]);
  });

  it('records what a test put in a child environment, never values inherited from its own', () => {
    const inherited = Object.entries(process.env).find(([, v]) => typeof v === 'string' && v.length >= 8)!;
    const env = {
      ...process.env,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      MicrosoftAppPassword: PASSWORD,
      VENDORWATCH_DB: '/tmp/some/vendorwatch.db',
      [`${inherited[0]}`]: inherited[1],
    };
    expect(secretsInEnv(env)).toEqual([
      { name: 'SLACK_BOT_TOKEN', value: BOT_TOKEN },
      { name: 'MicrosoftAppPassword', value: PASSWORD },
    ]);
  });

  it('counts lines and processes of a capture directory and reports what it found', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vw-scan-unit-'));
    writeFileSync(join(dir, '123.secrets.jsonl'), `${SECRETS.map((s) => JSON.stringify(s)).join('\n')}\n`);
    writeFileSync(join(dir, 'spawn-a-1-1.stdout.log'), 'one\ntwo\n');
    writeFileSync(join(dir, 'spawn-a-1-1.stderr.log'), `three\n{"err":{"message":"bad ${JSON.stringify(PASSWORD).slice(1, -1)}"}}\n`);
    writeFileSync(join(dir, 'cli-poll-1-2.stderr.log'), 'five\n');
    const summary = scanCaptureDirectory(dir);
    expect(summary).toMatchObject({ lines: 5, processes: 2, secrets: 2 });
    expect(summary.findings).toMatchObject([
      { source: 'spawn-a-1-1.stderr.log', line: 2, secret: 'MicrosoftAppPassword', spelling: 'JSON-escaped' },
    ]);
    expect(summaryLine(summary)).toMatch(/^secret scan: 5 lines from 2 processes, 1 secret found/);
  });
});

describe('the summary reporter', () => {
  const savedExitCode = process.exitCode;
  const savedDir = process.env[CAPTURE_DIR_ENV];
  afterEach(() => {
    process.exitCode = savedExitCode;
    if (savedDir === undefined) delete process.env[CAPTURE_DIR_ENV];
    else process.env[CAPTURE_DIR_ENV] = savedDir;
    delete process.env.VENDORWATCH_SECRET_SCAN_FOUND;
  });

  function runReporter(dir: string): string {
    const printed: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((chunk: string) => (printed.push(String(chunk)), true)) as typeof process.stdout.write;
    try {
      process.env[CAPTURE_DIR_ENV] = dir;
      new PlainSummaryReporter().onTestRunEnd([]);
    } finally {
      process.stdout.write = write;
    }
    return printed.join('');
  }

  it('counts a planted leak as a failure, names it without its value, and sets exit code 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vw-scan-reporter-'));
    writeFileSync(join(dir, '9.secrets.jsonl'), `${JSON.stringify(SECRETS[0])}\n`);
    writeFileSync(join(dir, 'harness-9-1.log.log'), `{"msg":"posting with ${BOT_TOKEN}"}\n`);
    const printed = runReporter(dir);
    expect(process.exitCode).toBe(1);
    expect(printed).toMatch(/secret scan: 1 lines from 1 processes, 1 secret found/);
    expect(printed).toContain('SLACK_BOT_TOKEN (as is) in harness-9-1.log.log:1');
    expect(printed).toMatch(/\n0 passed, 1 failed\n$/);
    expect(printed).not.toContain(BOT_TOKEN);
  });

  it('says 0 secrets found and leaves the exit code alone on clean output', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vw-scan-reporter-'));
    writeFileSync(join(dir, '9.secrets.jsonl'), `${JSON.stringify(SECRETS[0])}\n`);
    writeFileSync(join(dir, 'harness-9-1.log.log'), '{"msg":"posting with [redacted]"}\n');
    process.exitCode = undefined;
    const printed = runReporter(dir);
    expect(process.exitCode).toBeUndefined();
    expect(printed).toMatch(/secret scan: 1 lines from 1 processes, 0 secrets found/);
    expect(printed).toMatch(/\n0 passed, 0 failed\n$/);
  });
});

describe('the spawn helper that feeds the scan', () => {
  const captured = (dir: string, stream: 'stdout' | 'stderr') =>
    readdirSync(dir)
      .filter((f) => f.startsWith('spawn-') && f.endsWith(`.${stream}.log`))
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');

  it('copies what the command prints on stdout and stderr, gives the test all of it, and records the secrets it was handed', async () => {
    const dir = captureDir();
    expect(dir, 'vitest.config.ts sets up the capture directory').not.toBeNull();
    const marker = `spawn-marker-${process.pid}-${Date.now()}`;
    const work = mkdtempSync(join(tmpdir(), 'vw-scan-spawn-'));
    writeFileSync(join(work, `${marker}.json`), JSON.stringify([{ name: 'CareCloud' }]));
    const env = { PATH: process.env.PATH, PLANTED_API_KEY: `${marker}-key` };
    const [checked, unknown] = await Promise.all([
      runVendorwatch(['watchlist', 'check', `${marker}.json`], { env, cwd: work }),
      runVendorwatch([marker], { env, cwd: work }),
    ]);
    expect(checked.code).toBe(0);
    expect(checked.stdout).toContain(`${marker}.json: 1 vendor, no problems`);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(`unknown command "${marker}"`);
    expect(captured(dir!, 'stdout')).toContain(checked.stdout);
    expect(captured(dir!, 'stderr')).toContain(unknown.stderr);
    const recorded = readdirSync(dir!)
      .filter((f) => f.endsWith('.secrets.jsonl'))
      .flatMap((f) => readFileSync(join(dir!, f), 'utf8').split('\n').filter(Boolean));
    expect(recorded).toContain(JSON.stringify({ name: 'PLANTED_API_KEY', value: `${marker}-key` }));
  });

  it('reads the output a test ignores, so a command printing more than a pipe holds still finishes, and the scan sees all of it', async () => {
    const dir = captureDir()!;
    const marker = `drain-marker-${process.pid}-${Date.now()}`;
    const work = mkdtempSync(join(tmpdir(), 'vw-scan-drain-'));
    // 2,000 articles without a title: one error line each on stdout, about 150 KB, more than a pipe's 64 KB.
    const articles = Array.from({ length: 2000 }, (_, i) => JSON.stringify({ id: `${marker}-${i}`, text: 'no title' }));
    writeFileSync(join(work, 'batch.jsonl'), `${articles.join('\n')}\n`);
    writeFileSync(join(work, 'watchlist.json'), JSON.stringify([{ name: 'CareCloud' }]));
    const child = spawnVendorwatch(['triage', '--watchlist', 'watchlist.json', '--input', 'batch.jsonl'], {
      env: { PATH: process.env.PATH },
      cwd: work,
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', (exitCode) => resolve(exitCode)));
    expect(code).toBe(0);
    expect(
      captured(dir, 'stdout')
        .split('\n')
        .filter((line) => line.includes(`"${marker}-`)),
    ).toHaveLength(2000);
  });
});

describe('errors that carry request headers', () => {
  const config = loadConfig(
    {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: 'planted-signing-secret-41',
      MicrosoftAppId: '00000000-0000-4000-8000-000000000001',
      MicrosoftAppPassword: PASSWORD,
    },
    { cwd: tmpdir() },
  );

  /** Errors shaped like the ones HTTP clients throw: the request's headers, config and body on the error. */
  function errorsWithRequests(): Error[] {
    const axiosLike = Object.assign(new Error('Request failed with status code 500'), {
      config: {
        url: 'https://slack.com/api/chat.postMessage',
        headers: { Authorization: `Bearer ${BOT_TOKEN}` },
        data: `token=${encodeURIComponent(BOT_TOKEN)}`,
      },
      request: { _header: `POST /api/chat.postMessage HTTP/1.1\r\nAuthorization: Bearer ${BOT_TOKEN}\r\n` },
    });
    const slackWrapped = new webApi.WebAPIRequestError(
      Object.assign(new Error(`connect ECONNREFUSED (sent Authorization: Bearer ${BOT_TOKEN})`), {
        headers: { authorization: `Bearer ${BOT_TOKEN}` },
      }),
    );
    const tokenRequest = Object.assign(new Error(`token request failed: client_secret=${encodeURIComponent(PASSWORD)}`), {
      body: JSON.stringify({ client_id: 'x', client_secret: PASSWORD }),
    });
    return [axiosLike, slackWrapped, tokenRequest];
  }

  function logEach(destination: NodeJS.WritableStream): void {
    const logger = createLogger({ level: 'debug', destination });
    for (const err of errorsWithRequests()) {
      logger.error({ err }, 'delivery failed');
      logger.warn(`Slack chat.postMessage failed: ${err.message}`);
    }
  }

  function collector(): { stream: Writable; text: () => string } {
    const chunks: string[] = [];
    return { stream: new Writable({ write: (chunk, _e, done) => (chunks.push(String(chunk)), done()) }), text: () => chunks.join('') };
  }

  it('are logged by the CLI’s logger (pino redaction, then the redacting stream) with no secret in any spelling', () => {
    const out = collector();
    const masked = createRedactingStream(out.stream, secretsOf(config));
    logEach(masked);
    masked.end();
    expect(out.text()).toContain('delivery failed');
    expect(scanText('cli.stderr.log', out.text(), SECRETS)).toEqual([]);
  });

  it('would leak through pino alone: the scan sees them', () => {
    const out = collector();
    logEach(out.stream);
    const findings = scanText('raw.stderr.log', out.text(), SECRETS);
    expect(findings.length).toBeGreaterThanOrEqual(3);
    expect(new Set(findings.map((f) => f.secret))).toEqual(new Set(['SLACK_BOT_TOKEN', 'MicrosoftAppPassword']));
  });
});
