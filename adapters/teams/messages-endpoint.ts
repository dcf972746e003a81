// POST /api/messages on the core's node:http server. botbuilder expects express-style req/res; this gives it
// exactly what `CloudAdapter.process` uses, after reading the body ourselves with a size and time cap.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Logger } from '../../src/log.js';
import type { RequestHandler } from '../../src/core/chat.js';

/** Teams activities are small (attachments are links); anything bigger is not from Teams. */
export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;
const BODY_TIMEOUT_MS = 10_000;

/** The envelope every Bot Framework activity has; the handlers validate the parts they read. */
const ActivityEnvelopeSchema = z
  .object({
    type: z.string().min(1).max(64),
    serviceUrl: z.string().max(2048).optional(),
    conversation: z.object({ id: z.string().min(1).max(1024) }).passthrough().optional(),
    text: z.string().max(100_000).optional(),
  })
  .passthrough();

export interface BotRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

export interface BotResponse {
  socket: unknown;
  status(code: number): BotResponse;
  header(name: string, value: unknown): BotResponse;
  send(body?: unknown): BotResponse;
  end(): BotResponse;
}

export type ProcessRequest = (req: BotRequest, res: BotResponse) => Promise<void>;

export interface MessagesHandlerOptions {
  maxBodyBytes: number;
  /** When authentication is on, a request without any bearer token is refused before botbuilder sees it. */
  requireAuthorization: boolean;
}

export function createMessagesHandler(process: ProcessRequest, logger: Logger, options: MessagesHandlerOptions): RequestHandler {
  return (req, res) => {
    void handle(req, res, process, logger, options).catch((err: unknown) => {
      logger.error({ err: errorSummary(err) }, 'teams: /api/messages failed');
      if (!res.headersSent) sendPlain(res, 500, 'internal error');
      else if (!res.writableEnded) res.end();
    });
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, process: ProcessRequest, logger: Logger, options: MessagesHandlerOptions): Promise<void> {
  const { maxBodyBytes } = options;
  if (req.method !== 'POST') {
    res.setHeader('allow', 'POST');
    return sendPlain(res, 405, 'method not allowed');
  }
  // botbuilder would answer 401 too, but only after reading the body and printing a stack trace to stderr.
  if (options.requireAuthorization && !/^Bearer\s+\S+/i.test(String(req.headers.authorization ?? ''))) {
    logger.warn('teams: refused a request without a Bot Framework token');
    return sendPlain(res, 401, 'unauthorized');
  }
  const type = String(req.headers['content-type'] ?? '');
  if (!/^application\/(.+\+)?json\b/i.test(type)) return sendPlain(res, 415, 'expected application/json');
  const declared = Number(req.headers['content-length'] ?? '0');
  if (Number.isFinite(declared) && declared > maxBodyBytes) return sendPlain(res, 413, 'request body too large');

  const raw = await readBody(req, maxBodyBytes);
  if (raw === 'too_large') return sendPlain(res, 413, 'request body too large');
  if (raw === 'timeout') return sendPlain(res, 408, 'request body timed out');

  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return sendPlain(res, 400, 'invalid JSON');
  }
  const activity = ActivityEnvelopeSchema.safeParse(body);
  if (!activity.success) return sendPlain(res, 400, 'expected a Bot Framework activity');

  const botReq: BotRequest = { method: 'POST', headers: req.headers, body: activity.data };
  await process(botReq, wrapResponse(res));
  if (!res.writableEnded) res.end();
  logger.debug({ status: res.statusCode }, 'teams: activity processed');
}

function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | 'too_large' | 'timeout'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (value: Buffer | 'too_large' | 'timeout') => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(value);
    };
    const timer = setTimeout(() => {
      finish('timeout');
      req.destroy();
    }, BODY_TIMEOUT_MS);
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        finish('too_large');
        // Stop reading but let the 413 reach the client before the socket closes.
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => finish(Buffer.concat(chunks)));
    req.on('error', (err) => {
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        reject(err);
      }
    });
  });
}

function wrapResponse(res: ServerResponse): BotResponse {
  const wrapped: BotResponse = {
    socket: res.socket,
    status(code) {
      if (!res.headersSent) res.statusCode = code;
      return wrapped;
    },
    header(name, value) {
      if (!res.headersSent) res.setHeader(name, String(value));
      return wrapped;
    },
    send(body) {
      if (res.writableEnded) return wrapped;
      if (body === undefined || body === null) return wrapped;
      if (typeof body === 'string' || Buffer.isBuffer(body)) {
        if (!res.headersSent && !res.hasHeader('content-type')) res.setHeader('content-type', 'text/plain; charset=utf-8');
        res.write(body);
      } else {
        if (!res.headersSent) res.setHeader('content-type', 'application/json; charset=utf-8');
        res.write(JSON.stringify(body));
      }
      return wrapped;
    },
    end() {
      if (!res.writableEnded) res.end();
      return wrapped;
    },
  };
  return wrapped;
}

function sendPlain(res: ServerResponse, status: number, text: string): void {
  res.statusCode = status;
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  res.end(text);
}

export function errorSummary(err: unknown): { name: string; message: string } {
  if (err instanceof Error) return { name: err.name, message: err.message.slice(0, 300) };
  return { name: 'Error', message: String(err).slice(0, 300) };
}
