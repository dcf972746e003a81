// A loopback HTTP server that plays feed publishers, well-behaved and hostile, for tests and the offline demo.
// Dependency-free on purpose (node:http, node:zlib): it must behave exactly as told, byte by byte.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { listenOnLoopback } from './listen-on-loopback.js';

export type Validators = 'etag' | 'last-modified' | 'both' | 'none';

/** What the server does at a path. */
export type FeedRoute =
  /** A document, from a string/bytes or a file, answering conditional requests with 304. */
  | {
      kind: 'feed';
      body?: string | Uint8Array;
      file?: string;
      contentType?: string;
      /** Which validators to send and honour (default both). */
      validators?: Validators;
      etag?: string;
      lastModified?: string;
      /** `deflate-raw` is sent as `deflate` without the zlib wrapper, as some servers do. */
      encoding?: 'gzip' | 'deflate' | 'deflate-raw' | 'br';
      status?: number;
      headers?: Record<string, string>;
      /** Wait this long before answering. */
      delayMs?: number;
    }
  /** Headers are sent, then nothing: the body never comes. */
  | { kind: 'stall-after-headers'; contentType?: string }
  /** Headers, then one byte every `intervalMs`, forever. */
  | { kind: 'drip'; intervalMs: number }
  /** A gzip body that inflates to `decompressedBytes` (many GB if asked) while costing the server little. */
  | { kind: 'gzip-bomb'; decompressedBytes: number }
  /** An uncompressed body that never ends. */
  | { kind: 'endless' }
  | { kind: 'redirect'; location: string; status?: number }
  /** Redirects to itself, for ever. */
  | { kind: 'redirect-loop' }
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: string }
  | { kind: 'handler'; handle: (req: IncomingMessage, res: ServerResponse) => void };

export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  headers: IncomingHttpHeaders;
}

export interface FeedServer {
  /** Absolute URL of a path on this server (`http://127.0.0.1:PORT/path`). */
  url(path: string): string;
  /** Adds or replaces a route while running. */
  route(path: string, route: FeedRoute): void;
  close(): Promise<void>;
  readonly requests: LoggedRequest[];
  /** Requests being answered right now, and the most there ever were at once. */
  readonly concurrency: { current: number; max: number };
  /** Body bytes written per path (after compression), to show a client stopped reading. */
  readonly bytesSent: Map<string, number>;
}

const BOMB_MEMBER_BYTES = 16 * 1024 * 1024;
let bombMember: Buffer | null = null;

/** One gzip member of 16 MB of zeros (~16 KB); gzip allows members back to back, so repeating it is a bigger bomb. */
function gzipBombMember(): Buffer {
  bombMember ??= gzipSync(Buffer.alloc(BOMB_MEMBER_BYTES), { level: 9 });
  return bombMember;
}

export async function startFeedServer(routes: Record<string, FeedRoute>): Promise<FeedServer> {
  const table = new Map<string, FeedRoute>(Object.entries(routes));
  const requests: LoggedRequest[] = [];
  const concurrency = { current: 0, max: 0 };
  const bytesSent = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    concurrency.current += 1;
    concurrency.max = Math.max(concurrency.max, concurrency.current);
    let finished = false;
    const done = () => {
      if (finished) return;
      finished = true;
      concurrency.current -= 1;
    };
    res.on('close', done);
    const originalWrite = res.write.bind(res);
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      const size = typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk instanceof Uint8Array ? chunk.byteLength : 0;
      bytesSent.set(path, (bytesSent.get(path) ?? 0) + size);
      return (originalWrite as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof res.write;
    // Hostile routes never finish; they are logged as soon as they start answering.
    let logged = false;
    const logNow = () => {
      if (logged) return;
      logged = true;
      requests.push({ method: req.method ?? 'GET', path: req.url ?? '/', status: res.statusCode, headers: req.headers });
    };
    res.on('finish', logNow);

    const route = table.get(path);
    if (route === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const later = (ms: number, fn: () => void) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        fn();
      }, ms);
      timers.add(timer);
    };

    switch (route.kind) {
      case 'feed': {
        const answer = () => serveFeed(req, res, route);
        if (route.delayMs) later(route.delayMs, answer);
        else answer();
        return;
      }
      case 'stall-after-headers':
        res.writeHead(200, { 'content-type': route.contentType ?? 'application/rss+xml' });
        res.flushHeaders();
        logNow();
        return;
      case 'drip': {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.write('<');
        logNow();
        const timer = setInterval(() => {
          if (res.destroyed) {
            clearInterval(timer);
            timers.delete(timer);
            return;
          }
          res.write('x');
        }, route.intervalMs);
        timers.add(timer);
        return;
      }
      case 'gzip-bomb': {
        res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' });
        logNow();
        let members = Math.ceil(route.decompressedBytes / BOMB_MEMBER_BYTES);
        const member = gzipBombMember();
        const pump = () => {
          while (members > 0 && !res.destroyed) {
            members -= 1;
            if (!res.write(member)) return void res.once('drain', pump);
          }
          if (!res.destroyed) res.end();
        };
        pump();
        return;
      }
      case 'endless': {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        logNow();
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        const pump = () => {
          while (!res.destroyed) {
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
        };
        pump();
        return;
      }
      case 'redirect':
        res.writeHead(route.status ?? 302, { location: route.location }).end();
        return;
      case 'redirect-loop':
        res.writeHead(302, { location: path }).end();
        return;
      case 'status':
        res.writeHead(route.status, { 'content-type': 'text/plain', ...route.headers }).end(route.body ?? '');
        return;
      case 'handler':
        route.handle(req, res);
        return;
    }
  });
  const listener = await listenOnLoopback(server);
  const { port } = listener;

  return {
    url: (path) => `http://127.0.0.1:${port}${path.startsWith('/') ? path : `/${path}`}`,
    route: (path, route) => void table.set(path, route),
    requests,
    concurrency,
    bytesSent,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      await listener.close();
    },
  };
}

function serveFeed(req: IncomingMessage, res: ServerResponse, route: Extract<FeedRoute, { kind: 'feed' }>): void {
  const raw = route.file !== undefined ? readFileSync(route.file) : Buffer.from(route.body ?? '');
  const validators = route.validators ?? 'both';
  const etag = route.etag ?? `"${createHash('sha1').update(raw).digest('hex').slice(0, 16)}"`;
  const lastModified = route.lastModified ?? 'Mon, 02 Mar 2026 09:00:00 GMT';
  const headers: Record<string, string> = { 'content-type': route.contentType ?? 'application/rss+xml; charset=utf-8', ...route.headers };
  const sendEtag = validators === 'etag' || validators === 'both';
  const sendLastModified = validators === 'last-modified' || validators === 'both';
  if (sendEtag) headers.etag = etag;
  if (sendLastModified) headers['last-modified'] = lastModified;

  const ifNoneMatch = req.headers['if-none-match'];
  const ifModifiedSince = req.headers['if-modified-since'];
  const etagMatches = sendEtag && ifNoneMatch?.split(',').some((tag) => tag.trim() === etag);
  const notModifiedSince =
    sendLastModified &&
    ifNoneMatch === undefined &&
    ifModifiedSince !== undefined &&
    Date.parse(ifModifiedSince) >= Date.parse(lastModified);
  if (etagMatches || notModifiedSince) {
    res.writeHead(304, sendEtag ? { etag } : {}).end();
    return;
  }

  let body: Buffer = raw;
  if (route.encoding === 'gzip') body = gzipSync(raw);
  else if (route.encoding === 'deflate') body = deflateSync(raw);
  else if (route.encoding === 'deflate-raw') body = deflateRawSync(raw);
  else if (route.encoding === 'br') body = brotliCompressSync(raw);
  if (route.encoding) headers['content-encoding'] = route.encoding === 'deflate-raw' ? 'deflate' : route.encoding;
  headers['content-length'] = String(body.byteLength);
  res.writeHead(route.status ?? 200, headers);
  res.end(body);
}
