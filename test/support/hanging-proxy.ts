// A loopback proxy in front of a fake platform (the fake Slack Web API, the fake Bot Framework connector) that
// can make one request hang, the way a platform that stops answering does: the client's connection stays open and
// no answer (or no body) ever comes. Everything else is passed through unchanged.
//
// Three ways to hang, because they mean different things for a client that retries:
// - `before-upstream`: the request is never passed on, so the platform never saw it (nothing was posted);
// - `after-upstream`: the platform received and accepted it (the message is posted), only its answer is lost;
// - `headers-then-silence`: as after-upstream, but the status line and headers arrive, and the body never does.

import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { listenOnLoopback } from './listen-on-loopback.js';

export type HangMode = 'before-upstream' | 'after-upstream' | 'headers-then-silence';

export interface HungRequest {
  method: string;
  path: string;
  mode: HangMode;
  /** The status the platform answered, when the request reached it. */
  upstreamStatus: number | null;
}

export interface HangingProxy {
  /** e.g. `http://127.0.0.1:PORT` (no trailing slash). */
  readonly url: string;
  readonly hung: HungRequest[];
  /** The next request whose method and path `match` accepts hangs this way (once). */
  hangNext(match: (req: { method: string; path: string }) => boolean, mode: HangMode): void;
  close(): Promise<void>;
}

export async function startHangingProxy(upstream: string): Promise<HangingProxy> {
  const target = new URL(upstream);
  const planned: { match: (req: { method: string; path: string }) => boolean; mode: HangMode }[] = [];
  const hung: HungRequest[] = [];

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const info = { method: req.method ?? 'GET', path: req.url ?? '/' };
      const index = planned.findIndex((p) => p.match(info));
      const plan = index === -1 ? null : planned.splice(index, 1)[0]!;
      const record: HungRequest | null = plan ? { ...info, mode: plan.mode, upstreamStatus: null } : null;
      if (record) hung.push(record);
      if (plan?.mode === 'before-upstream') return; // held open: never answered, never passed on
      const headers = { ...req.headers, host: target.host, 'content-length': String(body.length) };
      const forwarded = httpRequest(
        { host: target.hostname, port: target.port, method: info.method, path: info.path, headers },
        (upstreamRes) => {
          const upstreamChunks: Buffer[] = [];
          upstreamRes.on('data', (chunk: Buffer) => upstreamChunks.push(chunk));
          upstreamRes.on('end', () => {
            if (record) record.upstreamStatus = upstreamRes.statusCode ?? null;
            if (plan?.mode === 'after-upstream') return; // accepted upstream; the client never hears
            const answerHeaders = { ...upstreamRes.headers };
            delete answerHeaders['transfer-encoding'];
            if (plan?.mode === 'headers-then-silence') {
              // Headers promise a body that never comes.
              res.writeHead(upstreamRes.statusCode ?? 502, {
                ...answerHeaders,
                'content-length': String(Buffer.concat(upstreamChunks).length + 1),
              });
              res.flushHeaders();
              return;
            }
            res.writeHead(upstreamRes.statusCode ?? 502, answerHeaders);
            res.end(Buffer.concat(upstreamChunks));
          });
        },
      );
      forwarded.on('error', () => {
        if (!res.headersSent) res.writeHead(502).end();
      });
      forwarded.end(body);
    });
  });
  const listener = await listenOnLoopback(server);
  const { port } = listener;

  return {
    url: `http://127.0.0.1:${port}`,
    hung,
    hangNext: (match, mode) => void planned.push({ match, mode }),
    close: () => listener.close(),
  };
}
