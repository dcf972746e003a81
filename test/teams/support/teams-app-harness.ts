// An in-process Vendorwatch with Teams as its only platform, for stories that span months without real waiting:
// the real app (createApp: feeds, detection, incident tracker, outbox worker), the adapters the composition root
// builds from the configuration (adapters/index.ts: the real Teams adapter, botbuilder's CloudAdapter inside),
// the real HTTP server the bot runs (src/http) carrying /api/messages, the fake Bot Framework connector as every
// activity's serviceUrl, loopback feeds, and a clock the test moves.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createAdapters } from '../../../adapters/index.js';
import { createApp, type VendorwatchApp } from '../../../src/app/create-app.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { HttpServer } from '../../../src/http/http-server.js';
import { createLogger } from '../../../src/log.js';
import { TestClock } from '../../support/app-harness.js';
import { type FeedRoute, type FeedServer, startFeedServer } from '../../support/feed-server.js';
import { captureName, captureStream } from '../../support/secret-scan/capture.js';
import { type ConnectorCall, type FakeConnector, startFakeConnector } from './fake-connector.js';
import { loadActivity } from './load-fixture.js';

/** The channel the installation fixture (conversation-update-bot-added-to-team) adds the bot to. */
export const TEAMS_CHANNEL = '19:sec-ops-general@thread.tacv2';

export interface TeamsAppHarness {
  app: VendorwatchApp;
  connector: FakeConnector;
  feeds: FeedServer;
  clock: TestClock;
  dbPath: string;
  watchlistPath: string;
  /** Environment for `vendorwatch` CLI runs over the same database and watchlist. */
  cliEnv: NodeJS.ProcessEnv;
  /** POSTs an activity to the running bot's /api/messages. */
  post(activity: unknown): Promise<Response>;
  /** A fixture activity with its serviceUrl pointing at the fake connector. */
  activity(name: string, vars?: Record<string, string>): Record<string, unknown>;
  /** New top-level messages in the channel (alerts and notices), in order. */
  sends(): ConnectorCall[];
  /** Replies, in order: `conversationId` is `<channel>;messageid=<parent>` in a channel thread. */
  replies(): ConnectorCall[];
  /** Edits of posted messages (updateActivity), in order. */
  updates(): ConnectorCall[];
  /** Polls until `check` holds, or fails after `timeoutMs`. */
  waitFor(check: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface TeamsAppHarnessOptions {
  feeds: Record<string, FeedRoute>;
  vendors?: Record<string, unknown>[];
  start?: Date;
}

const DEFAULT_VENDORS = [
  { name: 'CareCloud', aliases: ['CareCloud Inc.', 'MTBC'], domains: ['carecloud.com'], category: 'EHR', criticality: 'high' },
  { name: 'Epic Systems', aliases: ['Epic'], products: ['MyChart'], category: 'EHR', criticality: 'high' },
];

export async function startTeamsAppHarness(options: TeamsAppHarnessOptions): Promise<TeamsAppHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'vw-teams-harness-'));
  const watchlistPath = join(dir, 'watchlist.json');
  writeFileSync(watchlistPath, JSON.stringify(options.vendors ?? DEFAULT_VENDORS));
  const dbPath = join(dir, 'vendorwatch.db');
  const feeds = await startFeedServer(options.feeds);
  const connector = await startFakeConnector();
  const clock = new TestClock(options.start ?? new Date('2026-04-01T09:00:00Z'));
  const config = loadConfig(
    {
      VENDORWATCH_FEEDS: Object.keys(options.feeds)
        .map((path) => feeds.url(path))
        .join(','),
      VENDORWATCH_WATCHLIST: watchlistPath,
      VENDORWATCH_DB: dbPath,
      VENDORWATCH_MAX_ITEM_AGE_DAYS: '3650',
      // Teams without an app id: the endpoint takes unsigned activities, which config allows on loopback only.
      TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED: 'true',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
    },
    { cwd: dir },
  );
  // Logged at debug level into the whole-suite secret scan's capture directory, as the Slack harness does.
  const logger = createLogger({ level: 'debug', destination: captureStream(captureName('teams-harness'), 'log') });
  const app = await createApp(config, { logger, stdout: new PassThrough(), now: clock.now, createAdapters });
  if (app.adapters.map((adapter) => adapter.platform).join() !== 'teams') {
    await app.close();
    throw new Error('the Teams harness expected the configuration to build the Teams adapter alone');
  }
  const server = new HttpServer(logger, () => ({ ok: true, reason: null }));
  await app.startAdapters(server);
  const port = await server.listen(0, '127.0.0.1');
  const delivered = (kind: 'send' | 'reply' | 'update') => connector.delivered(kind);

  return {
    app,
    connector,
    feeds,
    clock,
    dbPath,
    watchlistPath,
    cliEnv: { VENDORWATCH_DB: dbPath, VENDORWATCH_WATCHLIST: watchlistPath, LOG_LEVEL: 'silent' },
    post: (activity) =>
      fetch(`http://127.0.0.1:${port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      }),
    activity: (name, vars = {}) => loadActivity(name, { SERVICE_URL: connector.url, ...vars }),
    sends: () => delivered('send'),
    replies: () => delivered('reply'),
    updates: () => delivered('update'),
    waitFor: async (check, timeoutMs = 5_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!check()) {
        if (Date.now() > deadline) throw new Error('waitFor: the condition did not hold in time');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: async () => {
      // Deliveries the bot started on its own (after a card action or a command) finish first.
      await app.worker.deliverDue().catch(() => undefined);
      await server.close();
      await app.close();
      await connector.close();
      await feeds.close();
    },
  };
}

/** The Adaptive Card a connector call carried. */
export const cardOf = (call: ConnectorCall): unknown => (call.body.attachments as { content: unknown }[])[0]!.content;

/** The incident id the card's actions carry (what a click sends back). */
export const incidentIdOnCard = (call: ConnectorCall): number =>
  (cardOf(call) as { actions: { data: { incidentId: number } }[] }).actions[0]!.data.incidentId;
