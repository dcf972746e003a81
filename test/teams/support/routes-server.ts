// A tiny node:http server implementing the core's HttpRoutes, standing in for the core's one server on PORT.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpRoutes, RequestHandler } from '../../../src/core/chat.js';

export interface RoutesServer {
  routes: HttpRoutes;
  url: string;
  /** Path prefixes mounted so far. */
  mounted: string[];
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; text: string; json: () => unknown }>;
  close(): Promise<void>;
}

export async function startRoutesServer(): Promise<RoutesServer> {
  const handlers: { prefix: string; handler: RequestHandler }[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://local').pathname;
    const route = handlers.find((h) => path.startsWith(h.prefix));
    if (!route) {
      res.writeHead(404).end('not found');
      return;
    }
    route.handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    routes: { mount: (prefix, handler) => void handlers.push({ prefix, handler }) },
    url,
    get mounted() {
      return handlers.map((h) => h.prefix);
    },
    async post(path, body, headers = {}) {
      const response = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, text, json: () => JSON.parse(text) as unknown };
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
