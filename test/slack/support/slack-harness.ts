// What adapter tests share: a stand-in for the core's HTTP server (HttpRoutes on loopback), the adapter
// wired to the fake Slack API and to the real core (test/support/chat-core.ts), and correctly (or deliberately
// wrongly) signed requests.

import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSlackAdapter, type SlackAdapter, type SlackAdapterOptions } from '../../../adapters/slack/create-slack-adapter.js';
import type { HttpRoutes, RequestHandler } from '../../../src/core/chat.js';
import { createLogger, silentLogger } from '../../../src/log.js';
import { type ChatCoreOptions, createChatCore, type TestChatCore, type TestVendor } from '../../support/chat-core.js';
import { type FakeSlackApi, type FakeSlackApiOptions, startFakeSlackApi } from './fake-slack-api.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const BOT_TOKEN = 'xoxb-test-000-000-faketoken';
export const ALERT_CHANNEL = 'CALERTS001';

/** The core's one server, reduced to what adapters use: prefix routing, 404 otherwise. */
export interface HostServer extends HttpRoutes {
  readonly url: string;
  close(): Promise<void>;
}

export async function startHostServer(): Promise<HostServer> {
  const mounts: { prefix: string; handler: RequestHandler }[] = [];
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const mount = mounts.find((m) => path.startsWith(m.prefix));
    if (!mount) {
      res.writeHead(404);
      res.end();
      return;
    }
    mount.handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    mount: (prefix, handler) => {
      mounts.push({ prefix, handler });
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface SlackTestRig {
  api: FakeSlackApi;
  host: HostServer;
  core: TestChatCore;
  adapter: SlackAdapter;
  close(): Promise<void>;
}

export const TEST_VENDORS: TestVendor[] = [
  { name: 'CareCloud', aliases: ['Care Cloud', 'CareCloud Health', 'talkEHR'] },
  { name: 'Oracle Health', aliases: ['Cerner'] },
  { name: 'athenahealth' },
];

export async function startSlackRig(
  overrides: Partial<SlackAdapterOptions> = {},
  startReceiver = true,
  apiOptions: FakeSlackApiOptions = {},
  coreOptions: ChatCoreOptions = {},
): Promise<SlackTestRig> {
  const api = await startFakeSlackApi({
    users: { UJORDAN01: 'Jordan Reyes', UPRIYA001: 'Priya Natarajan' },
    groups: { S0RESPOND: ['UJORDAN01', 'UPRIYA001'] },
    ...apiOptions,
  });
  const host = await startHostServer();
  const core = createChatCore({ vendors: TEST_VENDORS, ...coreOptions });
  const adapter = createSlackAdapter({
    botToken: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    alertChannel: ALERT_CHANNEL,
    apiUrl: api.apiUrl,
    // SLACK_TEST_LOG=debug shows what Bolt and the adapter log while a test runs.
    logger: process.env.SLACK_TEST_LOG ? createLogger({ level: process.env.SLACK_TEST_LOG }) : silentLogger,
    minIntervalMsPerChannel: 0,
    retry: { baseDelayMs: 10, maxDelayMs: 50 },
    ...overrides,
  });
  await adapter.start(core, startReceiver ? host : null);
  return {
    api,
    host,
    core,
    adapter,
    close: async () => {
      await adapter.stop();
      await host.close();
      await api.close();
      core.close();
    },
  };
}

export interface SignOptions {
  secret?: string;
  /** Seconds since the epoch; now by default. */
  timestamp?: number;
  contentType?: string;
}

/** POSTs `body` to the Slack route signed as Slack does: v0=HMAC-SHA256(secret, `v0:${ts}:${body}`). */
export async function postSigned(url: string, body: string, options: SignOptions = {}): Promise<{ status: number; text: string }> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', options.secret ?? SIGNING_SECRET)
    .update(`v0:${timestamp}:${body}`)
    .digest('hex')}`;
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature,
    },
    body,
  });
  return { status: response.status, text: await response.text() };
}

export function slashCommandBody(fields: {
  text: string;
  userId?: string;
  userName?: string;
  responseUrl: string;
  channelId?: string;
}): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: 'TFAKE0001',
    team_domain: 'fake-hospital',
    channel_id: fields.channelId ?? ALERT_CHANNEL,
    channel_name: 'vendor-alerts',
    user_id: fields.userId ?? 'UJORDAN01',
    user_name: fields.userName ?? 'jordan.reyes',
    command: '/vendor-incidents',
    text: fields.text,
    api_app_id: 'AFAKE0001',
    is_enterprise_install: 'false',
    response_url: fields.responseUrl,
    trigger_id: '1111.2222.3333',
  }).toString();
}

export function blockActionBody(fields: {
  actionId: string;
  value: string;
  channel?: string;
  messageTs: string;
  userId?: string;
  userName?: string;
  responseUrl: string;
}): string {
  const payload = {
    type: 'block_actions',
    team: { id: 'TFAKE0001', domain: 'fake-hospital' },
    user: {
      id: fields.userId ?? 'UJORDAN01',
      username: fields.userName ?? 'jordan.reyes',
      name: fields.userName ?? 'jordan.reyes',
      team_id: 'TFAKE0001',
    },
    api_app_id: 'AFAKE0001',
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: fields.messageTs, channel_id: fields.channel ?? ALERT_CHANNEL, is_ephemeral: false },
    trigger_id: '1111.2222.3333',
    channel: { id: fields.channel ?? ALERT_CHANNEL, name: 'vendor-alerts' },
    message: { type: 'message', ts: fields.messageTs, bot_id: 'BBOTVW001', text: 'alert' },
    response_url: fields.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: fields.actionId,
        block_id: 'vw_alert_actions',
        value: fields.value,
        action_ts: '1767225700.000100',
        text: { type: 'plain_text', text: 'x' },
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export function messageEventBody(fields: {
  text: string;
  user?: string;
  channel?: string;
  ts: string;
  threadTs?: string;
  botId?: string;
  subtype?: string;
}): string {
  const event: Record<string, unknown> = {
    type: 'message',
    channel: fields.channel ?? ALERT_CHANNEL,
    user: fields.user ?? 'UPRIYA001',
    text: fields.text,
    ts: fields.ts,
    channel_type: 'channel',
  };
  if (fields.threadTs) event.thread_ts = fields.threadTs;
  if (fields.botId) event.bot_id = fields.botId;
  if (fields.subtype) event.subtype = fields.subtype;
  return JSON.stringify({
    token: 'legacy-verification-token',
    team_id: 'TFAKE0001',
    api_app_id: 'AFAKE0001',
    event,
    type: 'event_callback',
    event_id: `Ev${fields.ts.replace('.', '')}`,
    event_time: 1767225700,
    authorizations: [{ team_id: 'TFAKE0001', user_id: 'UBOTVW001', is_bot: true }],
  });
}

/** Parses a recorded `blocks` parameter (the WebClient sends it as a JSON string). */
export function blocksOf(params: Record<string, string>): unknown[] {
  return JSON.parse(params.blocks ?? '[]') as unknown[];
}
