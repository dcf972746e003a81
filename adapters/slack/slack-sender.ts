// Every Web API call Vendorwatch makes goes through here: paced per channel, 429s waited out, transient
// failures retried a bounded number of times, and everything else turned into a DeliveryError that says how
// to fix it. The WebClient itself is told never to retry, so that a message is sent exactly once per attempt.
// Every message passes clampMessage on its way out, so none is ever refused for its size.

import { webApi } from '@slack/bolt';
import { DeliveryError } from '../../src/core/chat.js';
import type { Logger } from '../../src/log.js';
import { clampOutgoing } from './clamp-message.js';

export interface RetryOptions {
  /** Attempts per call, the first included. */
  maxAttempts: number;
  /** Backoff of the first retry of a transient failure; doubles each time. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A 429 asking for a longer wait than this is handed to the caller (the delivery worker) instead. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 8000, maxRetryAfterMs: 60_000 };

export type Sleep = (ms: number) => Promise<void>;
const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export interface SlackSenderOptions {
  client: webApi.WebClient;
  logger: Logger;
  minIntervalMsPerChannel: number;
  retry: RetryOptions;
  sleep?: Sleep;
  clock?: () => number;
}

/** The slice of a Web API answer we read; the rest is Slack's business. */
export type ApiResult = Record<string, unknown> & { ok?: boolean };

// Platform errors no retry can fix, with what the operator should do about them.
const PERMANENT_FIXES: Record<string, string> = {
  channel_not_found:
    'the channel id is wrong or the bot cannot see it: check SLACK_ALERT_CHANNEL / the vendor slack_channel, and invite the bot with /invite @Vendorwatch',
  not_in_channel: 'invite the bot to the channel with /invite @Vendorwatch',
  is_archived: 'the channel is archived: unarchive it or route the vendor to another channel',
  channel_is_archived: 'the channel is archived: unarchive it or route the vendor to another channel',
  invalid_auth: "SLACK_BOT_TOKEN was refused: copy the Bot User OAuth Token (xoxb-…) from the app's OAuth & Permissions page",
  not_authed: 'no token was sent: set SLACK_BOT_TOKEN',
  account_inactive: 'the app was uninstalled or its user deactivated: reinstall the app and update SLACK_BOT_TOKEN',
  token_revoked: 'the token was revoked: reinstall the app and update SLACK_BOT_TOKEN',
  token_expired: 'the token expired: reinstall the app and update SLACK_BOT_TOKEN (token rotation is not supported)',
  missing_scope: 'the app lacks a scope: create it from manifest.json (or add the scope) and reinstall it',
  no_permission: 'the workspace does not allow the bot to do this: ask a workspace admin',
  restricted_action: 'a workspace setting stops the bot posting in this channel: ask a workspace admin',
  message_not_found: 'the message was deleted in Slack',
  cant_update_message: 'the message can no longer be edited by the bot',
  msg_too_long: 'the message was too long (please report this: it should have been cut)',
  msg_blocks_too_long: 'the message held more text than Slack accepts (please report this: it should have been cut)',
  invalid_blocks: 'Slack refused the message layout (please report this with the log line)',
  invalid_arguments: 'Slack refused the request arguments (please report this with the log line)',
  user_not_in_channel: 'the user is not in the channel',
};
const TRANSIENT_PLATFORM_ERRORS = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);
/** Calls that create a message: one that timed out may have taken effect, so it is never repeated blindly. */
const POSTING_METHODS = new Set(['chat.postMessage', 'chat.postEphemeral', 'chat.scheduleMessage']);

interface ChannelSlot {
  tail: Promise<unknown>;
  lastAt: number;
}

export class SlackSender {
  private readonly slots = new Map<string, ChannelSlot>();
  private readonly sleep: Sleep;
  private readonly clock: () => number;

  constructor(private readonly options: SlackSenderOptions) {
    this.sleep = options.sleep ?? realSleep;
    this.clock = options.clock ?? Date.now;
  }

  /**
   * Calls a Web API method. With a channel, calls to that channel run one at a time and at least
   * `minIntervalMsPerChannel` apart (Slack allows about one message per second per channel).
   */
  call(method: string, rawArgs: Record<string, unknown>, channel: string | null = null): Promise<ApiResult> {
    // Every message Vendorwatch sends to Slack passes here: the one place that guarantees Block Kit's limits.
    const args = clampOutgoing(method, rawArgs);
    if (channel === null) return this.callWithRetry(method, args);
    const slot = this.slots.get(channel) ?? { tail: Promise.resolve(), lastAt: -Infinity };
    this.slots.set(channel, slot);
    const run = slot.tail.then(async () => {
      const wait = slot.lastAt + this.options.minIntervalMsPerChannel - this.clock();
      if (wait > 0) await this.sleep(wait);
      try {
        return await this.callWithRetry(method, args);
      } finally {
        slot.lastAt = this.clock();
      }
    });
    // The chain must go on after a failure; the caller still sees the failure through `run`.
    slot.tail = run.catch(() => undefined);
    return run;
  }

  private async callWithRetry(method: string, args: Record<string, unknown>): Promise<ApiResult> {
    const { maxAttempts, baseDelayMs, maxDelayMs, maxRetryAfterMs } = this.options.retry;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return (await this.options.client.apiCall(method, args)) as ApiResult;
      } catch (error) {
        const failure = classifyError(method, error);
        const last = attempt >= maxAttempts;
        if (failure.kind === 'permanent') {
          this.options.logger.error({ method, code: failure.code }, `Slack ${method} failed: ${failure.message}`);
          throw failure;
        }
        if (failure.kind === 'rate_limited') {
          const waitMs = failure.retryAfterMs ?? 1000;
          if (last || waitMs > maxRetryAfterMs) {
            this.options.logger.warn(
              { method, retryAfterMs: waitMs, attempt },
              `Slack ${method} rate limited; handing the wait to the delivery worker`,
            );
            throw failure;
          }
          this.options.logger.info({ method, retryAfterMs: waitMs, attempt }, `Slack ${method} rate limited; waiting as asked`);
          await this.sleep(waitMs);
          continue;
        }
        if (failure.code === 'timeout' && POSTING_METHODS.has(method)) {
          // Slack may have posted it and only the answer was lost: sending again here would post it twice. The
          // delivery worker keeps the attempt marker and first looks for the message in the channel (findPosted).
          this.options.logger.warn(
            { method, code: failure.code, attempt },
            `Slack ${method} did not answer in time; handing it to the delivery worker, which looks for it before sending again`,
          );
          throw failure;
        }
        if (last) {
          this.options.logger.warn({ method, code: failure.code, attempt }, `Slack ${method} failed ${attempt} times: ${failure.message}`);
          throw failure;
        }
        const delay = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
        this.options.logger.info({ method, code: failure.code, attempt, delayMs: delay }, `Slack ${method} failed, retrying`);
        await this.sleep(delay);
      }
    }
  }
}

/** Maps whatever the WebClient threw to the core's three kinds of delivery failure. */
export function classifyError(method: string, error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof webApi.WebAPIRateLimitedError) {
    return new DeliveryError(
      'rate_limited',
      'http_429',
      `Slack asked to wait ${error.retryAfter} s before calling ${method} again`,
      error.retryAfter * 1000,
    );
  }
  if (error instanceof webApi.WebAPIPlatformError) {
    const code = typeof error.data.error === 'string' ? error.data.error : 'unknown_error';
    if (code === 'ratelimited') return new DeliveryError('rate_limited', code, `Slack rate-limited ${method}`, 1000);
    if (TRANSIENT_PLATFORM_ERRORS.has(code))
      return new DeliveryError('transient', code, `Slack had a temporary problem (${code}) with ${method}`);
    const fix = PERMANENT_FIXES[code] ?? `Slack refused the request; see https://api.slack.com/methods/${method} for this error`;
    return new DeliveryError('permanent', code, `${code}: ${fix}`);
  }
  if (error instanceof webApi.WebAPIHTTPError) {
    const code = `http_${error.statusCode}`;
    if (error.statusCode >= 500 || error.statusCode === 408)
      return new DeliveryError('transient', code, `Slack answered HTTP ${error.statusCode} to ${method}`);
    return new DeliveryError('permanent', code, `Slack answered HTTP ${error.statusCode} to ${method}: check SLACK_API_URL`);
  }
  // The WebClient's `timeout` aborts the fetch with a TimeoutError: wrapped while waiting for the headers, raw
  // while reading the body (headers came, the rest never did). Either way Slack may have acted on the request.
  const timedOut = (e: unknown) => e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
  if (timedOut(error) || (error instanceof webApi.WebAPIRequestError && timedOut(error.original))) {
    return new DeliveryError('transient', 'timeout', `Slack did not answer ${method} in time (the request may still have taken effect)`);
  }
  if (error instanceof webApi.WebAPIRequestError) {
    return new DeliveryError('transient', 'network', `could not reach Slack for ${method}: ${error.original.message}`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new DeliveryError('transient', 'unknown', `unexpected failure of ${method}: ${message}`);
}
