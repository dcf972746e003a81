// SEC EDGAR's fair-access rules applied to every request the poller makes: any request to an SEC host, and every
// request made for an `sec-8k` source wherever it points (a mirror of EDGAR is still read as EDGAR), carries the
// contact User-Agent and waits its turn in one per-host limiter (10 a second). Without a usable
// VENDORWATCH_CONTACT such a request is never sent: it fails with a message naming the setting.

import type { RequestGate } from '../feeds/fetch-feed.js';
import { createHostRateLimiter, type HostRateLimiter, isSecHost, SecContactError, secUserAgent } from './sec-rate-limit.js';

/** A request the gate refused to send; its message says why and how to fix it. */
export class RequestRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RequestRefusedError';
  }
}

let shared: HostRateLimiter | null = null;

/**
 * How much longer than a second the limiter's window is: requests leave in bursts of at most 10, and a burst the
 * network or a busy process delays by up to this much still never meets the next burst within one second at SEC.
 */
export const SEC_JITTER_MARGIN_MS = 500;

/**
 * The process's one limiter for SEC hosts: SEC counts requests per client, so every feed, filing document and
 * cycle of this process shares it. At most 10 requests in any 1.5 s window (about 7 a second).
 */
export function sharedSecRateLimiter(): HostRateLimiter {
  shared ??= createHostRateLimiter({ perSecond: 10, jitterMarginMs: SEC_JITTER_MARGIN_MS });
  return shared;
}

export interface SecGateOptions {
  /** VENDORWATCH_CONTACT. */
  contact: string | null | undefined;
  limiter?: HostRateLimiter;
  /** True for an `sec-8k` source: every request it makes follows SEC's rules, whatever the host. */
  everyRequest?: boolean;
}

/** True when SEC's rules apply to a request to this URL. */
export function secRulesApply(url: URL, everyRequest = false): boolean {
  return everyRequest || isSecHost(url.hostname);
}

/** The gate for one feed's requests. Requests SEC's rules do not cover pass untouched. */
export function secRequestGate(options: SecGateOptions): RequestGate {
  const limiter = options.limiter ?? sharedSecRateLimiter();
  return async (url, signal) => {
    if (!secRulesApply(url, options.everyRequest === true)) return undefined;
    let userAgent: string;
    try {
      userAgent = secUserAgent(options.contact);
    } catch (error) {
      if (error instanceof SecContactError) throw new RequestRefusedError(error.message);
      throw error;
    }
    await limiter.acquire(url.host, signal);
    return { userAgent };
  };
}
