import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpRoutes, RequestHandler } from '../core/chat.js';
import type { Logger } from '../log.js';

export interface HealthCheck {
  (): { ok: boolean; reason: string | null };
}

/**
 * The one HTTP server on `PORT`: `/healthz` here, and whatever the chat adapters mount (Slack `/slack/events`,
 * Teams `/api/messages`). Anything else is 404; a handler that throws answers 500 without taking the server down.
 */
export class HttpServer implements HttpRoutes {
  private readonly mounts: { prefix: string; handler: RequestHandler }[] = [];
  private server: Server | null = null;

  constructor(
    private readonly logger: Logger,
    private readonly health: HealthCheck,
  ) {}

  mount(pathPrefix: string, handler: RequestHandler): void {
    this.mounts.push({ prefix: pathPrefix, handler });
    // Longest prefix first, so `/api/messages` wins over a hypothetical `/api/`.
    this.mounts.sort((a, b) => b.prefix.length - a.prefix.length);
  }

  async listen(port: number, host = '0.0.0.0'): Promise<number> {
    const server = createServer((req, res) => this.handle(req, res));
    server.headersTimeout = 15_000;
    server.requestTimeout = 30_000;
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return (server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/healthz') {
      const status = this.health();
      res.writeHead(status.ok ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify(status.ok ? { status: 'ok' } : { status: 'unhealthy', reason: status.reason }));
      return;
    }
    const mount = this.mounts.find((m) => path === m.prefix.replace(/\/$/, '') || path.startsWith(m.prefix));
    if (!mount) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found\n');
      return;
    }
    try {
      mount.handler(req, res);
    } catch (error) {
      this.logger.error({ err: error, path }, 'request handler failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('internal error\n');
    }
  }
}
