// A stand-in for the Bot Framework connector (the service behind an activity's serviceUrl), on loopback.
// Records every call botbuilder makes and can be told to fail the next ones (429 with Retry-After, 5xx, 403).

import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ConnectorCallKind = 'send' | 'reply' | 'update';

export interface ConnectorCall {
  kind: ConnectorCallKind;
  method: string;
  /** URL-decoded, e.g. `19:abc@thread.tacv2;messageid=123`. */
  conversationId: string;
  /** The reply target (reply) or the edited activity (update); null for a new post. */
  activityId: string | null;
  body: Record<string, unknown>;
  /** The request body exactly as it arrived, to measure what Teams would measure. */
  raw: string;
  /** What the fake answered. */
  status: number;
  /** The id it gave the new activity, for successful sends and replies. */
  createdId: string | null;
  authorization: string | null;
}

export interface PlannedFailure {
  status: number;
  headers?: Record<string, string>;
  /** Bot Framework error code put in the body, e.g. `BotNotInConversationRoster`. */
  code?: string;
}

export interface FakeConnector {
  /** Use as the activities' `serviceUrl`. */
  readonly url: string;
  readonly calls: ConnectorCall[];
  /** Calls the fake answered with success. */
  delivered(kind?: ConnectorCallKind): ConnectorCall[];
  /** The next calls (in order) get these answers instead of success. */
  failNext(...failures: PlannedFailure[]): void;
  /** What `GET /v3/teams/{teamId}/conversations` (the team's channel list) answers. */
  setTeamChannels(teamId: string, channels: { id: string; name?: string }[]): void;
  close(): Promise<void>;
}

const ROUTE = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/;

export async function startFakeConnector(): Promise<FakeConnector> {
  const calls: ConnectorCall[] = [];
  const planned: PlannedFailure[] = [];
  let nextId = 1000;
  const teamChannels = new Map<string, { id: string; name?: string }[]>();

  const server: Server = createServer((req, res) => {
    void readJson(req).then(({ body, raw }) => {
      const path = new URL(req.url ?? '/', 'http://fake').pathname;
      const team = /^\/v3\/teams\/([^/]+)\/conversations\/?$/.exec(path);
      if (team && req.method === 'GET') {
        const channels = teamChannels.get(decodeURIComponent(team[1]!));
        res
          .writeHead(channels ? 200 : 404, { 'content-type': 'application/json' })
          .end(JSON.stringify(channels ? { conversations: channels } : { error: { code: 'NotFound' } }));
        return;
      }
      const match = ROUTE.exec(path);
      const kind: ConnectorCallKind | null = !match
        ? null
        : req.method === 'PUT' && match[2]
          ? 'update'
          : req.method === 'POST'
            ? match[2]
              ? 'reply'
              : 'send'
            : null;
      if (!match || !kind) {
        res
          .writeHead(404, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: { code: 'NotFound', message: `no route ${req.method} ${path}` } }));
        return;
      }
      const call: ConnectorCall = {
        kind,
        method: req.method ?? '',
        conversationId: decodeURIComponent(match[1]!),
        activityId: match[2] ? decodeURIComponent(match[2]) : null,
        body,
        raw,
        status: 0,
        createdId: null,
        authorization: typeof req.headers.authorization === 'string' ? req.headers.authorization : null,
      };
      calls.push(call);
      const failure = planned.shift();
      if (failure) {
        call.status = failure.status;
        res
          .writeHead(failure.status, { 'content-type': 'application/json', ...failure.headers })
          .end(JSON.stringify({ error: { code: failure.code ?? `Http${failure.status}`, message: `planned failure ${failure.status}` } }));
        return;
      }
      if (kind === 'update') {
        call.status = 200;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: call.activityId }));
        return;
      }
      call.status = 201;
      call.createdId = String(nextId++);
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: call.createdId }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    calls,
    delivered: (kind) => calls.filter((c) => c.status >= 200 && c.status < 300 && (!kind || c.kind === kind)),
    failNext: (...failures) => planned.push(...failures),
    setTeamChannels: (teamId, channels) => void teamChannels.set(teamId, channels),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function readJson(req: IncomingMessage): Promise<{ body: Record<string, unknown>; raw: string }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      try {
        resolve({ body: JSON.parse(raw || '{}') as Record<string, unknown>, raw });
      } catch {
        resolve({ body: {}, raw });
      }
    });
  });
}
