// The Slack adapter: a real Bolt app receiving over HTTP (on the core's server) or Socket Mode, and one
// WebClient, paced and retried by SlackSender, for everything we post.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, HTTPReceiver, SocketModeReceiver, webApi } from '@slack/bolt';
import { z } from 'zod';
import {
  type AlertView,
  type ChatAdapter,
  DeliveryError,
  type Destination,
  type HttpRoutes,
  type IncidentListing,
  type InteractionCore,
  type NoticeView,
  type PostedMessage,
  type ThreadUpdateView,
} from '../../src/core/chat.js';
import { CRITICALITIES, type Criticality } from '../../src/core/types.js';
import type { Logger } from '../../src/log.js';
import { createBoltLogger } from './bolt-logger.js';
import { registerInteractions } from './interactions.js';
import { METADATA_EVENT_TYPE, renderAlert } from './render-alert.js';
import { renderNotice } from './render-notice.js';
import { renderThreadUpdate } from './render-thread-update.js';
import { type ApiResult, classifyError, DEFAULT_RETRY, type RetryOptions, SlackSender, type Sleep } from './slack-sender.js';

export interface SlackAdapterOptions {
  botToken: string;
  signingSecret: string;
  /** Socket Mode when set (an `xapp-` app-level token); HTTP on the core's server otherwise. */
  appToken?: string;
  /** Default channel id for alerts; a vendor's `slack_channel` overrides it. */
  alertChannel?: string;
  /** Base URL of the Web API, e.g. `http://127.0.0.1:4000/api/` (proxies, tests). */
  apiUrl?: string;
  logger: Logger;
  /** Criticalities whose alerts mention the vendor owner. */
  mentionOwnersFor?: Criticality[];
  now?: () => Date;
  minIntervalMsPerChannel?: number;
  retry?: Partial<RetryOptions>;
  /** Per-request timeout of Web API calls. */
  requestTimeoutMs?: number;
  /**
   * HTTP mode: answer Slack only after the listener finished. Off by default: Slack wants its answer within
   * 3 seconds and the listeners ack first. Meant for serverless hosts and deterministic tests.
   */
  processBeforeResponse?: boolean;
  /** How waits are done (429s, backoff, pacing); tests may shorten them. */
  sleep?: Sleep;
}

const SLACK_EVENTS_PATH = '/slack/events';
const MOUNT_PREFIX = '/slack/';

// Channel ids (C…, G…, D…) or names; never whitespace or markup.
const channelRef = z.string().regex(/^#?[A-Za-z0-9._-]{1,80}$/, 'a channel id such as C0123456789');

const optionsSchema = z.object({
  botToken: z.string().min(1, 'SLACK_BOT_TOKEN is empty: copy the Bot User OAuth Token (xoxb-…) from the app settings'),
  signingSecret: z.string(),
  appToken: z.string().min(1).optional(),
  alertChannel: channelRef.optional(),
  apiUrl: z
    .string()
    .url()
    .refine((url) => /^https?:\/\//i.test(url), 'SLACK_API_URL must be an http(s) URL')
    .optional(),
  mentionOwnersFor: z.array(z.enum(CRITICALITIES)).default(['high', 'critical']),
  minIntervalMsPerChannel: z.number().int().min(0).max(60_000).default(1000),
  retry: z
    .object({
      maxAttempts: z.number().int().min(1).max(20),
      baseDelayMs: z.number().int().min(0),
      maxDelayMs: z.number().int().min(0),
      maxRetryAfterMs: z.number().int().min(0),
    })
    .partial()
    .default({}),
  requestTimeoutMs: z.number().int().min(100).max(120_000).default(15_000),
  processBeforeResponse: z.boolean().default(false),
});

/** The adapter, with a few Slack-only extras beyond ChatAdapter (used by tests and the status command). */
export interface SlackAdapter extends ChatAdapter {
  readonly platform: 'slack';
  /** `http` (routes on the core's server), `socket`, or `deliver-only` (before start, or started without routes). */
  readonly mode: 'http' | 'socket' | 'deliver-only';
}

export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  const { logger } = options;
  const parsed = optionsSchema.safeParse({ ...options, logger: undefined, now: undefined, sleep: undefined });
  if (!parsed.success) {
    // Field names and messages only: values may be secrets.
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'options'}: ${issue.message}`);
    throw new Error(`Slack adapter configuration is invalid: ${problems.join('; ')}`);
  }
  const config = parsed.data;
  const now = options.now ?? (() => new Date());
  const retry: RetryOptions = { ...DEFAULT_RETRY, ...config.retry };
  const boltLogger = createBoltLogger(logger);
  const clientOptions: webApi.WebClientOptions = {
    logger: boltLogger,
    // No retries, no waiting inside the client: SlackSender decides, so each attempt is visible and bounded.
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: config.requestTimeoutMs,
  };
  if (config.apiUrl) clientOptions.slackApiUrl = config.apiUrl.endsWith('/') ? config.apiUrl : `${config.apiUrl}/`;
  const client = new webApi.WebClient(config.botToken, clientOptions);
  const sender = new SlackSender({
    client,
    logger,
    minIntervalMsPerChannel: config.minIntervalMsPerChannel,
    retry,
    ...(options.sleep ? { sleep: options.sleep } : {}),
  });
  const mentionsOwner = (alert: AlertView): boolean => config.mentionOwnersFor.includes(alert.vendor.criticality);
  const renderForUpdate = (alert: AlertView) => {
    const { text, blocks } = renderAlert(alert, { mentionOwner: mentionsOwner(alert) });
    return { text, blocks };
  };

  const names = new Map<string, { name: string; at: number }>();
  const permalinks = new Map<string, string>();
  let app: App | null = null;
  let mode: SlackAdapter['mode'] = 'deliver-only';
  let stopped = false;

  async function userName(userId: string): Promise<string> {
    const cached = names.get(userId);
    if (cached && now().getTime() - cached.at < 3_600_000) return cached.name;
    try {
      const result = await sender.call('users.info', { user: userId });
      const name = readUserName(result) ?? userId;
      if (names.size > 1000) names.clear();
      names.set(userId, { name, at: now().getTime() });
      return name;
    } catch (error) {
      logger.warn({ userId, err: error instanceof Error ? error.message : String(error) }, 'could not look up a Slack user name');
      return userId;
    }
  }

  // Roles may name user groups (S…): one usergroups.list with members, cached, answers for every user.
  // Without the usergroups:read scope Slack says missing_scope; then roles by user id still work.
  let groupCache: { at: number; members: Map<string, string[]> | null } | null = null;
  async function groupsOf(userId: string): Promise<string[] | undefined> {
    if (!groupCache || now().getTime() - groupCache.at > 600_000) {
      let members: Map<string, string[]> | null = null;
      try {
        members = readGroupMembers(await sender.call('usergroups.list', { include_users: true }));
      } catch (error) {
        logger.warn(
          { err: error instanceof Error ? error.message : String(error) },
          'could not read Slack user groups; roles by user group id will not match',
        );
      }
      groupCache = { at: now().getTime(), members };
    }
    return groupCache.members ? (groupCache.members.get(userId) ?? []) : undefined;
  }

  async function resolveListingLinks(listings: IncidentListing[]): Promise<IncidentListing[]> {
    return Promise.all(
      listings.map(async (listing) => ({
        ...listing,
        alertLinks: (
          await Promise.all(listing.alertLinks.map((link) => (link.platform === 'slack' ? resolveLink(link.url) : link.url)))
        ).flatMap((url, i) => (url ? [{ platform: listing.alertLinks[i]!.platform, url }] : [])),
      })),
    );
  }

  // The core may hand out `slack:CHANNEL:TS` for an alert it posted; Slack knows its permalink.
  async function resolveLink(url: string): Promise<string | null> {
    const opaque = /^slack:([A-Z0-9]{2,40}):(\d{1,12}\.\d{1,8})$/.exec(url);
    if (!opaque) return url;
    const known = permalinks.get(url);
    if (known) return known;
    try {
      const result = await sender.call('chat.getPermalink', { channel: opaque[1], message_ts: opaque[2] });
      const permalink = typeof result.permalink === 'string' ? result.permalink : null;
      if (permalinks.size > 1000) permalinks.clear();
      if (permalink) permalinks.set(url, permalink);
      return permalink;
    } catch {
      return null;
    }
  }

  async function post(channel: string, args: Record<string, unknown>): Promise<PostedMessage> {
    const result = await sender.call('chat.postMessage', { channel, ...args }, channel);
    return postedMessage(channel, result);
  }

  const adapter: SlackAdapter = {
    platform: 'slack',
    get mode() {
      return mode;
    },

    async start(core: InteractionCore, routes: HttpRoutes | null): Promise<void> {
      stopped = false;
      if (routes === null) {
        mode = 'deliver-only';
        return;
      }
      const receiver = config.appToken ? null : createReceiver(config.signingSecret, config.processBeforeResponse, boltLogger);
      const created = receiver
        ? new App({ token: config.botToken, receiver, logger: boltLogger, clientOptions, deferInitialization: true, convoStore: false })
        : new App({
            token: config.botToken,
            // Our own receiver so that SLACK_API_URL also applies to apps.connections.open.
            receiver: new SocketModeReceiver({ appToken: config.appToken ?? '', logger: boltLogger, installerOptions: { clientOptions } }),
            socketMode: true,
            logger: boltLogger,
            clientOptions,
            deferInitialization: true,
            convoStore: false,
          });
      try {
        // auth.test: a wrong token should stop start-up with a fix-it message, not 401 every request later.
        await created.init();
      } catch (error) {
        const failure = classifyError('auth.test', error);
        throw new DeliveryError(failure.kind, failure.code, `Slack did not accept SLACK_BOT_TOKEN: ${failure.message}`);
      }
      registerInteractions(created, { core, sender, logger, renderForUpdate, resolveListingLinks, userName, groupsOf });
      app = created;
      if (receiver) {
        routes.mount(MOUNT_PREFIX, (req, res) => handleHttp(receiver, req, res, () => stopped, logger));
        mode = 'http';
        logger.info({ path: SLACK_EVENTS_PATH }, 'Slack adapter receiving over HTTP');
      } else {
        try {
          await created.start();
        } catch (error) {
          const failure = classifyError('apps.connections.open', error);
          throw new DeliveryError(
            failure.kind,
            failure.code,
            `Slack refused the Socket Mode connection (check SLACK_APP_TOKEN, an xapp- token with connections:write): ${failure.message}`,
          );
        }
        mode = 'socket';
        logger.info('Slack adapter receiving over Socket Mode');
      }
    },

    async stop(): Promise<void> {
      stopped = true;
      if (app && mode === 'socket') await app.stop();
      app = null;
    },

    async destinationsFor(vendor): Promise<Destination[]> {
      const address = vendor.slackChannel ?? config.alertChannel;
      return address ? [{ platform: 'slack', address }] : [];
    },

    async postAlert(destination, alert, deliveryId): Promise<PostedMessage> {
      const channel = slackAddress(destination);
      const message = renderAlert(alert, { deliveryId, mentionOwner: mentionsOwner(alert) });
      return post(channel, { ...message });
    },

    async postThreadUpdate(parent, update: ThreadUpdateView, deliveryId): Promise<PostedMessage> {
      const channel = slackAddress(parent.destination);
      return post(channel, { thread_ts: parent.messageId, ...renderThreadUpdate(update, deliveryId) });
    },

    async refreshAlert(message, alert): Promise<void> {
      const channel = slackAddress(message.destination);
      await sender.call('chat.update', { channel, ts: message.messageId, ...renderForUpdate(alert) }, channel);
    },

    async findPosted(destination, deliveryId, parent, since): Promise<PostedMessage | null> {
      const channel = slackAddress(destination);
      const args = { channel, oldest: (since.getTime() / 1000).toFixed(6), include_all_metadata: true, limit: 200 };
      const result = parent
        ? await sender.call('conversations.replies', { ...args, ts: parent.messageId })
        : await sender.call('conversations.history', args);
      const messages = z
        .array(
          z
            .object({
              ts: z.string(),
              metadata: z.object({ event_type: z.string(), event_payload: z.record(z.string(), z.unknown()).optional() }).optional(),
            })
            .passthrough(),
        )
        .catch([])
        .parse(result.messages);
      const hit = messages.find(
        (m) => m.metadata?.event_type === METADATA_EVENT_TYPE && m.metadata.event_payload?.delivery_id === deliveryId,
      );
      return hit ? { destination, messageId: hit.ts } : null;
    },

    async postNotice(destination, notice: NoticeView, parent, deliveryId): Promise<PostedMessage> {
      const channel = slackAddress(parent ? parent.destination : destination);
      const rendered = renderNotice(notice, { deliveryId, mentionOwner: notice.alert ? mentionsOwner(notice.alert) : false });
      return post(channel, parent ? { thread_ts: parent.messageId, ...rendered } : { ...rendered });
    },
  };
  return adapter;
}

function createReceiver(signingSecret: string, processBeforeResponse: boolean, logger: ReturnType<typeof createBoltLogger>): HTTPReceiver {
  if (!signingSecret) {
    throw new Error(
      "SLACK_SIGNING_SECRET is required in HTTP mode: copy the Signing Secret from the app's Basic Information page, or set SLACK_APP_TOKEN for Socket Mode",
    );
  }
  return new HTTPReceiver({
    signingSecret,
    endpoints: SLACK_EVENTS_PATH,
    processBeforeResponse,
    logger,
    // Slack sends at most a few KB; anything much bigger is not Slack.
    bodyLimit: '256kb',
    dispatchErrorHandler: ({ response }) => {
      if (!response.headersSent) {
        response.writeHead(404, { 'content-type': 'text/plain' });
        response.end('not found\n');
      }
    },
  });
}

// The core's router hands us every path under /slack/, with or without the prefix kept.
function handleHttp(receiver: HTTPReceiver, req: IncomingMessage, res: ServerResponse, isStopped: () => boolean, logger: Logger): void {
  if (isStopped()) {
    res.writeHead(503, { 'content-type': 'text/plain' });
    res.end('stopping\n');
    return;
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/events') req.url = `${SLACK_EVENTS_PATH}${url.search}`;
  else if (url.pathname !== SLACK_EVENTS_PATH) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found\n');
    return;
  }
  try {
    receiver.requestListener(req, res);
  } catch (error) {
    logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'Slack request not handled');
    if (!res.headersSent) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found\n');
    }
  }
}

function slackAddress(destination: Destination): string {
  if (destination.platform !== 'slack') {
    throw new DeliveryError('permanent', 'wrong_platform', `the Slack adapter was given a ${destination.platform} destination`);
  }
  return destination.address;
}

function postedMessage(channel: string, result: ApiResult): PostedMessage {
  const ts = typeof result.ts === 'string' ? result.ts : null;
  if (!ts) throw new DeliveryError('permanent', 'no_ts', 'Slack accepted the message but returned no ts');
  // Slack answers with the channel id even when we posted by name; later edits need the id.
  const address = typeof result.channel === 'string' && result.channel ? result.channel : channel;
  return { destination: { platform: 'slack', address }, messageId: ts };
}

function readUserName(result: ApiResult): string | null {
  const user = z
    .object({
      name: z.string().optional(),
      real_name: z.string().optional(),
      profile: z.object({ display_name: z.string().optional(), real_name: z.string().optional() }).optional(),
    })
    .safeParse(result.user);
  if (!user.success) return null;
  const candidate = user.data.profile?.display_name || user.data.real_name || user.data.profile?.real_name || user.data.name;
  return candidate ? candidate.slice(0, 100) : null;
}

function readGroupMembers(result: ApiResult): Map<string, string[]> | null {
  const groups = z.array(z.object({ id: z.string(), users: z.array(z.string()).optional() })).safeParse(result.usergroups);
  if (!groups.success) return null;
  const members = new Map<string, string[]>();
  for (const group of groups.data) {
    for (const user of group.users ?? []) members.set(user, [...(members.get(user) ?? []), group.id]);
  }
  return members;
}
