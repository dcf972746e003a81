// A stand-in for Slack's Web API on loopback: answers the methods Vendorwatch uses the way Slack does,
// records every call with its form-decoded parameters, and can be told to fail the next calls of a method.
// Also serves response URLs (slash-command answers), recorded the same way.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { blockKitViolations } from './block-kit-limits.js';

export interface RecordedCall {
  method: string;
  params: Record<string, string>;
  /** The bearer token sent, so tests can check it is the configured one. */
  token: string | null;
  at: number;
  /** What the fake answered (e.g. the `ts` of a posted message). */
  result?: Record<string, unknown>;
}

export interface RecordedResponse {
  path: string;
  body: Record<string, unknown>;
}

export type Failure = { status: 429; retryAfter: number } | { status: 500 } | { error: string };

export interface FakeSlackApi {
  /** e.g. `http://127.0.0.1:PORT/api/` */
  readonly apiUrl: string;
  readonly baseUrl: string;
  readonly calls: RecordedCall[];
  readonly responses: RecordedResponse[];
  callsTo(method: string): RecordedCall[];
  /** The next `times` calls of `method` fail this way (in order of queueing). */
  failNext(method: string, failure: Failure, times?: number): void;
  /** Forgets every failure queued with failNext. */
  clearFailures(): void;
  /** While down, every Web API call answers 503 (an outage), until set back. */
  setDown(value: boolean): void;
  /** A response URL like the ones Slack puts in slash-command payloads. */
  responseUrl(id: string): string;
  /** Resolves when `predicate` holds for the recorded calls, or rejects after `timeoutMs`. */
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const FAKE_BOT_USER_ID = 'UBOTVW001';
const FAKE_BOT_ID = 'BBOTVW001';
const FAKE_TEAM_ID = 'TFAKE0001';

export interface FakeSlackApiOptions {
  users?: Record<string, string>;
  groups?: Record<string, string[]>;
  /** Answer each call this much later (after it took effect), to hold a window open between "Slack accepted" and "client knows". */
  responseDelayMs?: number;
  /** Called as each call takes effect, before it is answered (e.g. to kill the client at that moment). */
  onCall?: (call: RecordedCall) => void;
  /** Refuse a message that breaks a Block Kit limit with `invalid_blocks`, as Slack does (and say which). */
  strictBlockKit?: boolean;
}

const MESSAGE_METHODS = new Set(['chat.postMessage', 'chat.update', 'chat.postEphemeral']);

export async function startFakeSlackApi(options: FakeSlackApiOptions = {}): Promise<FakeSlackApi> {
  const calls: RecordedCall[] = [];
  const responses: RecordedResponse[] = [];
  const failures = new Map<string, Failure[]>();
  const history = new Map<string, Record<string, unknown>[]>();
  const users = options.users ?? {};
  let tsCounter = 0;

  const nextTs = (): string => {
    tsCounter += 1;
    return `1767225600.${String(tsCounter).padStart(6, '0')}`;
  };

  let down = false;
  const answer = (
    method: string,
    params: Record<string, string>,
  ): { status: number; body: Record<string, unknown>; headers?: Record<string, string> } => {
    if (down) return { status: 503, body: { ok: false, error: 'service_unavailable' } };
    const queued = failures.get(method);
    const failure = queued?.shift();
    if (failure) {
      if ('error' in failure) return { status: 200, body: { ok: false, error: failure.error } };
      if (failure.status === 429)
        return { status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': String(failure.retryAfter) } };
      return { status: 500, body: { ok: false, error: 'internal_error' } };
    }
    if (options.strictBlockKit && MESSAGE_METHODS.has(method)) {
      const problems = blockKitViolations({ text: params.text, blocks: parseJson(params.blocks) ?? [] });
      if (problems.length > 0) return { status: 200, body: { ok: false, error: 'invalid_blocks', errors: problems } };
    }
    switch (method) {
      case 'auth.test':
        return {
          status: 200,
          body: {
            ok: true,
            url: 'https://fake-hospital.slack.com/',
            team: 'Fake Hospital',
            user: 'vendorwatch',
            team_id: FAKE_TEAM_ID,
            user_id: FAKE_BOT_USER_ID,
            bot_id: FAKE_BOT_ID,
          },
        };
      case 'chat.postMessage': {
        const channel = params.channel ?? '';
        const ts = nextTs();
        const message = {
          type: 'message',
          ts,
          text: params.text,
          thread_ts: params.thread_ts,
          metadata: parseJson(params.metadata),
          bot_id: FAKE_BOT_ID,
        };
        history.set(channel, [message, ...(history.get(channel) ?? [])]);
        return { status: 200, body: { ok: true, channel, ts, message } };
      }
      case 'chat.update':
        return { status: 200, body: { ok: true, channel: params.channel, ts: params.ts, text: params.text } };
      case 'chat.postEphemeral':
        return { status: 200, body: { ok: true, message_ts: nextTs() } };
      case 'chat.getPermalink':
        return {
          status: 200,
          body: {
            ok: true,
            channel: params.channel,
            permalink: `https://fake-hospital.slack.com/archives/${params.channel}/p${(params.message_ts ?? '').replace('.', '')}`,
          },
        };
      case 'conversations.history': {
        // Like Slack: top-level messages only (replies live in conversations.replies).
        const topLevel = (history.get(params.channel ?? '') ?? []).filter((m) => !m.thread_ts || m.thread_ts === m.ts);
        return { status: 200, body: { ok: true, messages: topLevel.slice(0, Number(params.limit ?? 100)), has_more: false } };
      }
      case 'conversations.replies': {
        const thread = (history.get(params.channel ?? '') ?? []).filter((m) => m.ts === params.ts || m.thread_ts === params.ts);
        if (thread.length === 0) return { status: 200, body: { ok: false, error: 'thread_not_found' } };
        return { status: 200, body: { ok: true, messages: [...thread].reverse().slice(0, Number(params.limit ?? 100)), has_more: false } };
      }
      case 'users.info': {
        const id = params.user ?? '';
        const name = users[id];
        if (!name) return { status: 200, body: { ok: false, error: 'user_not_found' } };
        return {
          status: 200,
          body: {
            ok: true,
            user: { id, name: name.toLowerCase().replace(/\s+/g, '.'), real_name: name, profile: { display_name: name, real_name: name } },
          },
        };
      }
      case 'usergroups.list':
        return {
          status: 200,
          body: {
            ok: true,
            usergroups: Object.entries(options.groups ?? {}).map(([id, users]) => ({ id, handle: id.toLowerCase(), users })),
          },
        };
      case 'apps.connections.open':
        // No WebSocket server here: Socket Mode can be checked up to the point where it asks for a connection.
        return { status: 200, body: { ok: false, error: 'invalid_auth' } };
      default:
        return { status: 200, body: { ok: false, error: 'unknown_method' } };
    }
  };

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (path.startsWith('/respond/')) {
        responses.push({ path, body: (parseJson(raw) as Record<string, unknown>) ?? {} });
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('ok');
        return;
      }
      const method = path.replace(/^\/api\//, '');
      const params = decodeParams(raw, req.headers['content-type'] ?? '');
      const auth = req.headers.authorization ?? null;
      const call: RecordedCall = { method, params, token: auth?.startsWith('Bearer ') ? auth.slice(7) : null, at: Date.now() };
      calls.push(call);
      const { status, body, headers } = answer(method, params);
      call.result = body;
      options.onCall?.(call);
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
        res.end(JSON.stringify(body));
      };
      if (options.responseDelayMs) setTimeout(send, options.responseDelayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;

  return {
    apiUrl: `${baseUrl}/api/`,
    baseUrl,
    calls,
    responses,
    callsTo: (method) => calls.filter((call) => call.method === method),
    failNext: (method, failure, times = 1) => {
      const queue = failures.get(method) ?? [];
      for (let i = 0; i < times; i += 1) queue.push(failure);
      failures.set(method, queue);
    },
    clearFailures: () => failures.clear(),
    setDown: (value) => {
      down = value;
    },
    responseUrl: (id) => `${baseUrl}/respond/${id}`,
    waitFor: async (predicate, timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error('fake Slack API: condition not met in time');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function decodeParams(raw: string, contentType: string): Record<string, string> {
  if (contentType.includes('application/json')) {
    const parsed = parseJson(raw);
    if (!parsed || typeof parsed !== 'object') return {};
    return Object.fromEntries(
      Object.entries(parsed).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]),
    );
  }
  return Object.fromEntries(new URLSearchParams(raw));
}

function parseJson(raw: string | undefined): unknown {
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
