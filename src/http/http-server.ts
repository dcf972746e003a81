import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpRoutes, RequestHandler } from '../core/chat.js';
import type { Logger } from '../log.js';

export interface HealthCheck {
  (): { ok: boolean; reason: string | null };
}

/** Renders the Prometheus scrape; given, the server answers `/metrics`. */
export interface MetricsEndpoint {
  (): Promise<{ contentType: string; body: string }>;
}

/** Built-in endpoints answer these methods only; anything else is 405. */
const READ_METHODS = new Set(['GET', 'HEAD']);

/**
 * The one HTTP server on `PORT`: `/healthz` and `/metrics` here, and whatever the chat adapters mount (Slack
 * `/slack/events`, Teams `/api/messages`). Anything else is 404; a handler that throws answers 500 without taking
 * the server down.
 */
export class HttpServer implements HttpRoutes {
  private readonly mounts: { prefix: string; handler: RequestHandler }[] = [];
  private server: Server | null = null;
  /** Health changes are logged once, not once per probe (a flood of /healthz must not flood the logs). */
  private lastHealthReason: string | null = null;

  constructor(
    private readonly logger: Logger,
    private readonly health: HealthCheck,
    private readonly metrics: MetricsEndpoint | null = null,
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
    if (path === '/healthz' || (path === '/metrics' && this.metrics)) {
      if (!READ_METHODS.has(req.method ?? 'GET')) {
        res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' });
        res.end('method not allowed\n');
        return;
      }
      if (path === '/healthz') this.answerHealth(res);
      else this.answerMetrics(res, this.metrics!);
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

  private answerHealth(res: ServerResponse): void {
    let status: { ok: boolean; reason: string | null };
    try {
      status = this.health();
    } catch (error) {
      status = { ok: false, reason: `health check failed: ${error instanceof Error ? error.message : String(error)}` };
    }
    const reason = status.ok ? null : (status.reason ?? 'no reason given');
    if (reason !== this.lastHealthReason) {
      if (reason) this.logger.warn({ reason }, `/healthz unhealthy: ${reason}`);
      else this.logger.info('/healthz healthy again');
      this.lastHealthReason = reason;
    }
    res.writeHead(status.ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(status.ok ? { status: 'ok' } : { status: 'unhealthy', reason: status.reason }));
  }

  private answerMetrics(res: ServerResponse, metrics: MetricsEndpoint): void {
    metrics().then(
      ({ contentType, body }) => {
        res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
        res.end(body);
      },
      (error: unknown) => {
        this.logger.error({ err: error }, 'metrics scrape failed');
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('metrics unavailable\n');
      },
    );
  }
}
