// An in-process Vendorwatch with a controllable clock, real loopback feeds and the real Slack adapter against the
// fake Slack Web API: for behaviour that depends on time (reminders, digests, retries) without real waiting.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createSlackAdapter, type SlackAdapterOptions } from '../../adapters/slack/create-slack-adapter.js';
import { createApp, type VendorwatchApp } from '../../src/app/create-app.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { HttpRoutes } from '../../src/core/chat.js';
import { createLogger } from '../../src/log.js';
import { createRedactingStream, secretsOf } from '../../src/observability/redact-secrets.js';
import { type FakeSlackApi, startFakeSlackApi } from '../slack/support/fake-slack-api.js';
import { type FeedRoute, type FeedServer, startFeedServer } from './feed-server.js';
import { captureName, captureStream, recordSecrets, secretsInEnv } from './secret-scan/capture.js';

export const FIXTURE_FEEDS = join(import.meta.dirname, '..', 'fixtures', 'feeds');
export const SEED_OUTLETS = ['outlet-newswire.xml', 'outlet-newssite.atom', 'outlet-blog.rdf', 'outlet-analysis.xml'];
export const HARNESS_ALERT_CHANNEL = 'C0ALERTS01';
const ALERT_CHANNEL = HARNESS_ALERT_CHANNEL;
const HARNESS_BOT_TOKEN = 'xoxb-harness-token';
export const HARNESS_SIGNING_SECRET = 'harness-signing-secret';

export class TestClock {
  constructor(private current: Date) {}
  now = (): Date => new Date(this.current.getTime());
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface Harness {
  app: VendorwatchApp;
  slack: FakeSlackApi;
  feeds: FeedServer;
  clock: TestClock;
  dbPath: string;
  /** Top-level chat.postMessage calls (alerts and notices), in order. */
  topLevelPosts(): { text: string; ts: string }[];
  threadReplies(): { text: string; threadTs: string }[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  feeds?: Record<string, FeedRoute>;
  vendors?: Record<string, unknown>[];
  env?: NodeJS.ProcessEnv;
  start?: Date;
  dbPath?: string;
  slack?: FakeSlackApi;
  /** Written as the config file (VENDORWATCH_CONFIG). */
  configFile?: Record<string, unknown>;
  /** Overrides of the Slack adapter's options (e.g. `requestTimeoutMs`, `retry`, `apiUrl` of a proxy in front of the fake). */
  slackAdapter?: Partial<Omit<SlackAdapterOptions, 'logger' | 'now'>>;
  /** Where the adapters take chat input (buttons, slash commands); none by default: deliver only. */
  routes?: HttpRoutes;
}

const DEFAULT_VENDORS = [
  {
    name: 'CareCloud',
    aliases: ['CareCloud Inc.', 'MTBC'],
    domains: ['carecloud.com'],
    category: 'EHR',
    criticality: 'high',
    owner: 'U0OWNER01',
  },
  { name: 'Change Healthcare', aliases: ['Change'], products: ['Assurance'], category: 'clearinghouse', criticality: 'critical' },
  { name: 'Epic Systems', aliases: ['Epic'], products: ['MyChart'], category: 'EHR', criticality: 'high' },
];

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'vw-harness-'));
  const watchlist = join(dir, 'watchlist.json');
  writeFileSync(watchlist, JSON.stringify(options.vendors ?? DEFAULT_VENDORS));
  const feeds = await startFeedServer(
    options.feeds ??
      Object.fromEntries(SEED_OUTLETS.map((name) => [`/${name}`, { kind: 'feed' as const, file: join(FIXTURE_FEEDS, name) }])),
  );
  const feedPaths = Object.keys(options.feeds ?? Object.fromEntries(SEED_OUTLETS.map((name) => [`/${name}`, null])));
  const slack = options.slack ?? (await startFakeSlackApi({ users: { U0ANN0001: 'Ann Responder' } }));
  const clock = new TestClock(options.start ?? new Date('2026-04-01T09:00:00Z'));
  const dbPath = options.dbPath ?? join(dir, 'vendorwatch.db');
  const configPath = join(dir, 'vendorwatch.config.json');
  if (options.configFile) writeFileSync(configPath, JSON.stringify(options.configFile));
  const config = loadConfig(
    {
      VENDORWATCH_FEEDS: feedPaths.map((path) => feeds.url(path)).join(','),
      VENDORWATCH_WATCHLIST: watchlist,
      VENDORWATCH_DB: dbPath,
      VENDORWATCH_MAX_ITEM_AGE_DAYS: '3650',
      SLACK_BOT_TOKEN: HARNESS_BOT_TOKEN,
      SLACK_SIGNING_SECRET: HARNESS_SIGNING_SECRET,
      SLACK_ALERT_CHANNEL: ALERT_CHANNEL,
      SLACK_API_URL: slack.apiUrl,
      LOG_LEVEL: 'silent',
      ...(options.configFile ? { VENDORWATCH_CONFIG: configPath } : {}),
      ...options.env,
    },
    { cwd: dir },
  );
  // Logs at debug level, masked as the CLI masks them, into the whole-suite secret scan's capture directory.
  recordSecrets([
    ...secretsInEnv(options.env),
    { name: 'SLACK_BOT_TOKEN', value: HARNESS_BOT_TOKEN },
    { name: 'SLACK_SIGNING_SECRET', value: HARNESS_SIGNING_SECRET },
  ]);
  const logger = createLogger({
    level: 'debug',
    destination: createRedactingStream(captureStream(captureName('harness'), 'log'), secretsOf(config)),
  });
  const app = await createApp(config, {
    logger,
    stdout: new PassThrough(),
    now: clock.now,
    createAdapters: ({ logger, now }) => [
      createSlackAdapter({
        botToken: HARNESS_BOT_TOKEN,
        signingSecret: HARNESS_SIGNING_SECRET,
        alertChannel: ALERT_CHANNEL,
        apiUrl: slack.apiUrl,
        logger,
        now,
        minIntervalMsPerChannel: 0,
        retry: { maxAttempts: 1 },
        sleep: async () => {},
        ...options.slackAdapter,
      }),
    ],
  });
  await app.startAdapters(options.routes ?? null);
  const posts = () => slack.callsTo('chat.postMessage').filter((call) => call.result?.ok !== false && call.result?.ts);
  return {
    app,
    slack,
    feeds,
    clock,
    dbPath,
    topLevelPosts: () =>
      posts()
        .filter((c) => !c.params.thread_ts)
        .map((c) => ({ text: c.params.text ?? '', ts: String(c.result?.ts) })),
    threadReplies: () =>
      posts()
        .filter((c) => c.params.thread_ts)
        .map((c) => ({ text: c.params.text ?? '', threadTs: c.params.thread_ts ?? '' })),
    close: async () => {
      await app.close();
      await feeds.close();
      if (!options.slack) await slack.close();
    },
  };
}
