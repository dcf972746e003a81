// Bot Framework connector etiquette: 429 and 5xx are retried here, with backoff and the connector's Retry-After,
// within a bounded budget; anything longer goes back to the core's delivery worker as a typed DeliveryError.

import { DeliveryError } from '../../src/core/chat.js';
import { ConnectorTimeoutError } from './turn-connector.js';

export interface RetryOptions {
  /** Attempts in total, the first included. */
  maxAttempts: number;
  /** First backoff delay; doubled on every further attempt (with jitter). */
  baseDelayMs: number;
  /** The longest wait we do in-process; a longer Retry-After is handed to the core as `rate_limited`. */
  maxDelayMs: number;
  /** Injectable for tests. */
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

export const DEFAULT_RETRY: RetryOptions = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/** What went wrong with one connector call, read off botbuilder's (azure core) RestError without importing it. */
export interface ConnectorFailure {
  status: number | null;
  /** The connector's error code, e.g. `BotNotInConversationRoster`, when it sent one. */
  errorCode: string | null;
  retryAfterMs: number | null;
  message: string;
  /** The call hit its deadline: the connector may have taken it, so a send is not repeated in-process. */
  timedOut?: boolean;
}

function describeConnectorError(err: unknown, now: () => Date = () => new Date()): ConnectorFailure {
  if (err instanceof ConnectorTimeoutError)
    return { status: null, errorCode: 'timeout', retryAfterMs: null, message: err.message, timedOut: true };
  const e = (typeof err === 'object' && err !== null ? err : {}) as {
    statusCode?: unknown;
    code?: unknown;
    message?: unknown;
    response?: { headers?: { get?: (name: string) => string | undefined }; bodyAsText?: unknown; parsedBody?: unknown };
  };
  const status = typeof e.statusCode === 'number' ? e.statusCode : null;
  const header = typeof e.response?.headers?.get === 'function' ? e.response.headers.get('retry-after') : undefined;
  return {
    status,
    errorCode: readErrorCode(e.response?.bodyAsText) ?? (typeof e.code === 'string' ? e.code : null),
    retryAfterMs: parseRetryAfter(header, now),
    message: (typeof e.message === 'string' ? e.message : String(err)).slice(0, 300),
  };
}

function readErrorCode(body: unknown): string | null {
  if (typeof body !== 'string' || body.length > 10_000) return null;
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown } };
    return typeof parsed?.error?.code === 'string' ? parsed.error.code.slice(0, 100) : null;
  } catch {
    return null;
  }
}

/** Retry-After is either seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined | null, now: () => Date = () => new Date()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now().getTime());
}

function isRetryable(failure: ConnectorFailure): boolean {
  // No status at all is a network failure (refused, reset, timed out): worth another try too.
  return failure.status === null || failure.status === 429 || (failure.status >= 500 && failure.status !== 501);
}

/** A 403/404 on a conversation means the bot is no longer in it; a 404 for one message does not. */
export function meansBotRemoved(failure: ConnectorFailure, operation: 'send' | 'reply' | 'update'): boolean {
  if (failure.status === 403) return true;
  if (failure.status !== 404) return false;
  if (failure.errorCode && /conversation/i.test(failure.errorCode)) return true;
  // Updating or replying to a message that was deleted is a 404 too: that conversation is still fine.
  return operation === 'send';
}

export function toDeliveryError(failure: ConnectorFailure, what: string): DeliveryError {
  const code = failure.timedOut ? 'timeout' : failure.status === null ? 'network_error' : `http_${failure.status}`;
  if (failure.status === 429) {
    return new DeliveryError('rate_limited', code, `Teams connector rate-limited ${what}`, failure.retryAfterMs ?? undefined);
  }
  if (isRetryable(failure)) return new DeliveryError('transient', code, `Teams connector failed ${what}: ${failure.message}`);
  const hint =
    failure.status === 401
      ? ' (check MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppType and MicrosoftAppTenantId)'
      : failure.status === 413
        ? ' (message too large)'
        : '';
  return new DeliveryError(
    'permanent',
    failure.errorCode ? `${code}_${failure.errorCode}`.slice(0, 120) : code,
    `Teams connector refused ${what}${hint}: ${failure.message}`,
  );
}

/**
 * Runs one connector call with retries. Waits the connector's Retry-After when it fits in `maxDelayMs`,
 * otherwise exponential backoff; gives up with the last failure once attempts or the wait budget run out.
 * A call that is not `idempotent` (a send or a reply) is not repeated here after a timeout: the connector may have
 * posted it, and the delivery worker's later retry (one deadline per worker run) is the only repeat.
 */
export async function withConnectorRetry<T>(
  call: () => Promise<T>,
  options: RetryOptions,
  onRetry: (failure: ConnectorFailure, attempt: number, waitMs: number) => void,
  now: () => Date = () => new Date(),
  idempotent = true,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      const failure = describeConnectorError(err, now);
      if (!isRetryable(failure) || attempt >= options.maxAttempts || (failure.timedOut && !idempotent))
        throw new ConnectorCallError(failure, err);
      const backoff = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1) * (0.8 + 0.4 * options.random()));
      const waitMs = failure.retryAfterMs ?? Math.round(backoff);
      // Asked to wait longer than we are willing to hold a delivery: let the core's worker schedule it.
      if (waitMs > options.maxDelayMs) throw new ConnectorCallError(failure, err);
      onRetry(failure, attempt, waitMs);
      await options.sleep(waitMs);
    }
  }
}

/** A connector call that failed for good (after retries), with what we know about why. */
export class ConnectorCallError extends Error {
  constructor(
    readonly failure: ConnectorFailure,
    readonly original: unknown,
  ) {
    super(failure.message);
    this.name = 'ConnectorCallError';
  }
}
