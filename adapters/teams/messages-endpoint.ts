// POST /api/messages on the core's node:http server: the body is read here with a size and time cap and its
// envelope validated, then handed to the receiver (receive-activity.ts), which authenticates it and runs the bot.

import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import { z } from 'zod';
import type { RequestHandler } from '../../src/core/chat.js';
import type { Logger } from '../../src/log.js';
import type { RefusalLog } from './refusal-log.js';

/** Teams activities are small (attachments are links); anything bigger is not from Teams. */
export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;
const BODY_TIMEOUT_MS = 10_000;

/** The envelope every Bot Framework activity has; the handlers validate the parts they read. */
const ActivityEnvelopeSchema = z
  .object({
    type: z.string().min(1).max(64),
    serviceUrl: z.string().max(2048).optional(),
    conversation: z
      .object({ id: z.string().min(1).max(1024) })
      .passthrough()
      .optional(),
    text: z.string().max(100_000).optional(),
  })
  .passthrough();

/** Authenticates and runs one activity (see receive-activity.ts); answers with the HTTP status and body. */
export type ReceiveActivity = (authorization: string, activity: Record<string, unknown>) => Promise<{ status: number; body?: unknown }>;

export interface MessagesHandlerOptions {
  maxBodyBytes: number;
  /** When authentication is on, a request without any bearer token is refused before botbuilder sees it. */
  requireAuthorization: boolean;
  /** Where refused requests are logged, rate-limited. */
  refusals: RefusalLog;
}

export function createMessagesHandler(receive: ReceiveActivity, logger: Logger, options: MessagesHandlerOptions): RequestHandler {
  return (req, res) => {
    void handle(req, res, receive, logger, options).catch((err: unknown) => {
      logger.error({ err: errorSummary(err) }, 'teams: /api/messages failed');
      if (!res.headersSent) sendPlain(res, 500, 'internal error');
      else if (!res.writableEnded) res.end();
    });
  };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  receive: ReceiveActivity,
  logger: Logger,
  options: MessagesHandlerOptions,
): Promise<void> {
  const { maxBodyBytes } = options;
  if (req.method !== 'POST') {
    res.setHeader('allow', 'POST');
    return sendPlain(res, 405, 'method not allowed');
  }
  // No token at all: refused before the body is even read.
  const authorization = String(req.headers.authorization ?? '');
  if (options.requireAuthorization && !/^Bearer\s+\S+/i.test(authorization)) {
    options.refusals.refused({ status: 401, reason: 'no bearer token' }, 'teams: refused a request without a Bot Framework token');
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

  const answer = await receive(authorization, activity.data);
  if (answer.body === undefined || answer.body === null)
    sendPlain(res, answer.status, answer.status < 300 ? '' : (STATUS_CODES[answer.status] ?? 'refused').toLowerCase());
  else sendJson(res, answer.status, answer.body);
  logger.debug({ status: answer.status }, 'teams: activity processed');
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

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
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
