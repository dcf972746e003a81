import { request } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type HttpLimits, HttpServer } from '../../src/http/http-server.js';
import { silentLogger } from '../../src/log.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(limits: Partial<HttpLimits>): Promise<{ server: HttpServer; port: number }> {
  const server = new HttpServer(silentLogger, () => ({ ok: true, reason: null }), null, { limits });
  const port = await server.listen(0, '127.0.0.1');
  cleanups.push(() => server.close());
  return { server, port };
}

/** One request on a connection of its own (no pooled keep-alive socket counting against the cap afterwards). */
function send(port: number, options: { method?: string; path?: string; headers?: Record<string, string | number>; body?: string } = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        agent: false,
        method: options.method ?? 'GET',
        path: options.path ?? '/healthz',
        headers: options.headers,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.setTimeout(3_000, () => req.destroy(new Error('no answer within 3 s')));
    if (options.body !== undefined) req.end(options.body);
    else if (options.headers?.['content-length']) req.flushHeaders();
    else req.end();
  });
}

/** A raw TCP connection, and when the server closed it (ms after it opened), and what it sent before. */
async function openSocket(port: number) {
  const socket = connect(port, '127.0.0.1');
  cleanups.push(() => void socket.destroy());
  const opened = Date.now();
  let received = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (received += chunk));
  socket.on('error', () => {});
  const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now() - opened)));
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return { socket, closed, received: () => received };
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('slow and greedy clients', () => {
  it('disconnects a client that sends its headers one byte at a time once the header timeout has passed', async () => {
    const { port } = await serve({ headersTimeoutMs: 1_000, requestTimeoutMs: 2_000 });
    const { socket, closed, received } = await openSocket(port);
    // Slowloris: a request that is always almost complete, one byte every 50 ms, never the blank line ending it.
    const drip = `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n${'X-Slow: '.padEnd(4_000, 'a')}`;
    let sent = 0;
    const timer = setInterval(() => {
      if (!socket.destroyed && sent < drip.length) socket.write(drip[sent++]!);
    }, 50);
    cleanups.push(() => clearInterval(timer));
    const after = await Promise.race([closed, settle(5_000).then(() => Number.POSITIVE_INFINITY)]);
    expect(sent).toBeGreaterThan(10);
    expect(after).toBeGreaterThanOrEqual(900);
    // The timeout, plus Node's check interval (a quarter of it here), plus a loaded machine.
    expect(after).toBeLessThan(2_500);
    expect(received()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('closes connections beyond the cap at once, and serves a normal request again once they are released', async () => {
    const { port } = await serve({ maxConnections: 3, headersTimeoutMs: 10_000, requestTimeoutMs: 20_000 });
    const held = [await openSocket(port), await openSocket(port), await openSocket(port)];
    await settle(100);
    const extra = [await openSocket(port), await openSocket(port)];
    for (const socket of extra)
      expect(await Promise.race([socket.closed, settle(2_000).then(() => Number.POSITIVE_INFINITY)])).toBeLessThan(1_000);
    // A proper request is turned away too while the cap is taken: that is what the cap is.
    await expect(send(port)).rejects.toThrow();
    // The held connections were idle, not slow: nothing cut them.
    expect(held.map((h) => h.socket.readyState)).toEqual(['open', 'open', 'open']);
    for (const { socket } of held) socket.destroy();
    await Promise.all(held.map((h) => h.closed));
    let answer: { status: number } | null = null;
    for (let tries = 0; tries < 20 && !answer; tries += 1) {
      answer = await send(port).catch(() => null);
      if (!answer) await settle(50);
    }
    expect(answer?.status).toBe(200);
  });

  it('refuses a request announcing a body over the cap with 413 before the route reads it', async () => {
    const { server, port } = await serve({ maxBodyBytes: 1_024 });
    let reached = 0;
    server.mount('/echo', (req, res) => {
      reached += 1;
      let size = 0;
      req.on('data', (chunk: Buffer) => (size += chunk.length));
      req.on('end', () => res.end(String(size)));
    });
    expect(await send(port, { method: 'POST', path: '/echo', headers: { 'content-length': 2_000_000 } })).toEqual({
      status: 413,
      body: 'request body too large\n',
    });
    expect(reached).toBe(0);
    expect(await send(port, { method: 'POST', path: '/echo', body: 'x'.repeat(1_000) })).toEqual({ status: 200, body: '1000' });
    expect(reached).toBe(1);
  });
});
