import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpRoutes, RequestHandler } from '../core/chat.js';
import type { Logger } from '../log.js';

/**
 * What /healthz needs: whether the bot is healthy, a generic reason when it is not (safe to show anyone who can
 * reach the port), the detail behind it (for the log only: error messages, feed URLs, paths), and standing
 * warnings about the configuration (e.g. Teams authentication switched off).
 */
export interface HealthAnswer {
  ok: boolean;
  reason: string | null;
  detail?: string | null;
  warnings?: readonly string[];
  /** Which replica answered and which one polls (replicas on PostgreSQL). */
  replica?: { id: string; role: 'leader' | 'follower'; leader: string | null };
}

export type HealthCheck = () => HealthAnswer | Promise<HealthAnswer>;

/** Renders the Prometheus scrape; given, the server answers `/metrics`. */
export type MetricsEndpoint = () => Promise<{ contentType: string; body: string }>;

/** How long and how many: what a slow or greedy client can take from the server before it is cut off. */
export interface HttpLimits {
  /** The request line and headers must have arrived within this long of the connection opening (slowloris). */
  headersTimeoutMs: number;
  /** The whole request, body included, must have arrived within this long. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this long. */
  keepAliveTimeoutMs: number;
  /** Connections open at once; further ones are closed as soon as they are accepted. */
  maxConnections: number;
  /** A request declaring a larger body is refused with 413 before any route reads it. */
  maxBodyBytes: number;
}

/**
 * Slack and Teams send a few KB and expect an answer within seconds; Prometheus and health probes are a handful of
 * connections. Node's own defaults (60 s for headers, 300 s per request, no connection cap) let a few slow clients
 * hold the port for minutes.
 */
const DEFAULT_HTTP_LIMITS: HttpLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 256,
  maxBodyBytes: 1024 * 1024,
};

export interface HttpServerOptions {
  /** When set, `/metrics` answers only `Authorization: Bearer <token>`. */
  metricsToken?: string | null;
  limits?: Partial<HttpLimits>;
}

/** Built-in endpoints answer these methods only; anything else is 405. */
const READ_METHODS = new Set(['GET', 'HEAD']);

const sha256 = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

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
  private readonly limits: HttpLimits;
  /** Digest of the metrics token: comparing digests keeps the comparison constant-time whatever length is sent. */
  private readonly metricsTokenDigest: Buffer | null;

  constructor(
    private readonly logger: Logger,
    private readonly health: HealthCheck,
    private readonly metrics: MetricsEndpoint | null = null,
    options: HttpServerOptions = {},
  ) {
    this.limits = { ...DEFAULT_HTTP_LIMITS, ...options.limits };
    this.metricsTokenDigest = options.metricsToken ? sha256(options.metricsToken) : null;
  }

  mount(pathPrefix: string, handler: RequestHandler): void {
    this.mounts.push({ prefix: pathPrefix, handler });
    // Longest prefix first, so `/api/messages` wins over a hypothetical `/api/`.
    this.mounts.sort((a, b) => b.prefix.length - a.prefix.length);
  }

  async listen(port: number, host = '0.0.0.0'): Promise<number> {
    const { headersTimeoutMs, keepAliveTimeoutMs, maxConnections } = this.limits;
    // Node refuses a header deadline longer than the request deadline.
    const requestTimeoutMs = Math.max(this.limits.requestTimeoutMs, headersTimeoutMs);
    const server = createServer(
      {
        headersTimeout: headersTimeoutMs,
        requestTimeout: requestTimeoutMs,
        // Node checks both deadlines on this interval (30 s by default), so a slow client could overstay them by
        // that much; a check a second costs nothing.
        connectionsCheckingInterval: Math.max(100, Math.min(1_000, Math.floor(headersTimeoutMs / 4))),
      },
      (req, res) => this.handle(req, res),
    );
    server.keepAliveTimeout = keepAliveTimeoutMs;
    server.maxConnections = maxConnections;
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
      if (path === '/healthz')
        void this.answerHealth(res).catch((error: unknown) => this.logger.error({ err: error }, '/healthz answer failed'));
      else if (!this.mayScrape(req)) this.refuseScrape(res);
      else this.answerMetrics(res, this.metrics!);
      return;
    }
    const mount = this.mounts.find((m) => path === m.prefix.replace(/\/$/, '') || path.startsWith(m.prefix));
    if (!mount) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found\n');
      return;
    }
    // The routes cap what they read themselves; this refuses an announced oversized body before any route runs.
    const declared = Number(req.headers['content-length'] ?? '0');
    if (Number.isFinite(declared) && declared > this.limits.maxBodyBytes) {
      res.writeHead(413, { 'content-type': 'text/plain', connection: 'close' });
      res.end('request body too large\n');
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

  private mayScrape(req: IncomingMessage): boolean {
    if (!this.metricsTokenDigest) return true;
    const bearer = /^Bearer\s+(.+?)\s*$/i.exec(req.headers.authorization ?? '');
    // Always one comparison of two equal-length digests, so the time taken says nothing about the token.
    const matches = timingSafeEqual(sha256(bearer?.[1] ?? ''), this.metricsTokenDigest);
    return bearer !== null && matches;
  }

  private refuseScrape(res: ServerResponse): void {
    this.logger.debug('/metrics: refused a scrape without the right bearer token');
    res.writeHead(401, {
      'www-authenticate': 'Bearer realm="vendorwatch metrics"',
      'content-type': 'text/plain',
      'cache-control': 'no-store',
    });
    res.end('unauthorized\n');
  }

  private async answerHealth(res: ServerResponse): Promise<void> {
    let status: HealthAnswer;
    try {
      status = await this.health();
    } catch (error) {
      status = { ok: false, reason: 'health check failed', detail: error instanceof Error ? error.message : String(error) };
    }
    const reason = status.ok ? null : (status.reason ?? 'unhealthy');
    // The answer goes to whoever reaches the port: a generic reason only. The detail is for the operator's log,
    // once per change of reason (a detail such as "running for 21 min" changes every probe).
    if (reason !== this.lastHealthReason) {
      const detail = status.detail ?? reason;
      if (reason) this.logger.warn({ reason, detail }, `/healthz unhealthy: ${detail}`);
      else this.logger.info('/healthz healthy again');
      this.lastHealthReason = reason;
    }
    const extras = {
      ...(status.warnings && status.warnings.length > 0 ? { warnings: [...status.warnings] } : {}),
      ...(status.replica ? { replica: status.replica } : {}),
    };
    res.writeHead(status.ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(status.ok ? { status: 'ok', ...extras } : { status: 'unhealthy', reason, ...extras }));
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
