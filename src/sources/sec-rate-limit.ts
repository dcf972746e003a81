// SEC EDGAR's fair-access rules: at most 10 requests a second from one client, and a User-Agent that says who is
// asking and how to reach them. The limiter here keeps any host to N requests in any one-second window (plus a
// margin for network jitter, so the server never sees more); callers wait their turn in order, on a timer, never
// spinning. secUserAgent builds the header and refuses to build one without a contact.

import { z } from 'zod';

export interface HostRateLimiter {
  /** Resolves when a request to `host` may start; callers are served in the order they asked. */
  acquire(host: string, signal?: AbortSignal): Promise<void>;
}

export interface HostRateLimiterOptions {
  /** Requests per host in any one-second window (default 10, SEC's limit). */
  perSecond?: number;
  /**
   * Extra milliseconds added to the window, so that requests the network delays unevenly still arrive at most
   * `perSecond` in any second at the server (default 500).
   */
  jitterMarginMs?: number;
  /** Waiting callers per host beyond which acquire() refuses at once (default 10,000). */
  maxQueue?: number;
  /** Monotonic clock in milliseconds (tests). */
  now?: () => number;
}

const optionsSchema = z.object({
  perSecond: z.number().int().min(1).max(1000).default(10),
  // Requests sent a second apart can arrive closer together on a busy host or network: the margin keeps the
  // server's own count at or under the limit.
  jitterMarginMs: z.number().int().min(0).max(10_000).default(500),
  maxQueue: z.number().int().min(1).max(1_000_000).default(10_000),
});

/** A request could not be given a turn: the queue is full or the caller gave up. */
export class RateLimitError extends Error {
  readonly code: 'queue_full' | 'aborted';
  constructor(code: 'queue_full' | 'aborted', message: string) {
    super(message);
    this.name = 'RateLimitError';
    this.code = code;
  }
}

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

interface HostState {
  /** Start times of the requests granted within the current window, oldest first. */
  granted: number[];
  queue: Waiter[];
  timer: NodeJS.Timeout | null;
}

export function createHostRateLimiter(options: HostRateLimiterOptions = {}): HostRateLimiter {
  const { perSecond, jitterMarginMs, maxQueue } = optionsSchema.parse({
    perSecond: options.perSecond,
    jitterMarginMs: options.jitterMarginMs,
    maxQueue: options.maxQueue,
  });
  const now = options.now ?? (() => performance.now());
  const windowMs = 1000 + jitterMarginMs;
  const hosts = new Map<string, HostState>();

  function pump(key: string, state: HostState): void {
    state.timer = null;
    const time = now();
    while (state.granted.length > 0 && (state.granted[0] as number) <= time - windowMs) state.granted.shift();
    while (state.queue.length > 0 && state.granted.length < perSecond) {
      const waiter = state.queue.shift() as Waiter;
      if (waiter.onAbort !== undefined) waiter.signal?.removeEventListener('abort', waiter.onAbort);
      state.granted.push(time);
      waiter.resolve();
    }
    if (state.queue.length > 0) {
      // Wake exactly when the oldest grant leaves the window: one timer per host, no polling.
      const wait = Math.max(1, Math.ceil((state.granted[0] as number) + windowMs - time));
      state.timer = setTimeout(() => pump(key, state), wait);
    } else if (state.granted.length === 0) {
      hosts.delete(key);
    } else {
      // Forget the host once its last grant has left the window, so idle hosts cost nothing.
      const wait = Math.max(1, Math.ceil((state.granted[state.granted.length - 1] as number) + windowMs - time));
      state.timer = setTimeout(() => pump(key, state), wait);
      state.timer.unref();
    }
  }

  return {
    acquire(host: string, signal?: AbortSignal): Promise<void> {
      const key = host.trim().toLowerCase();
      if (signal?.aborted) return Promise.reject(new RateLimitError('aborted', `request to ${key} was cancelled`));
      let state = hosts.get(key);
      if (state === undefined) {
        state = { granted: [], queue: [], timer: null };
        hosts.set(key, state);
      }
      const current = state;
      if (current.queue.length >= maxQueue) {
        return Promise.reject(new RateLimitError('queue_full', `too many requests waiting for ${key} (${maxQueue})`));
      }
      return new Promise<void>((resolve, reject) => {
        const waiter: Waiter = { resolve, reject, signal, onAbort: undefined };
        if (signal !== undefined) {
          waiter.onAbort = () => {
            const index = current.queue.indexOf(waiter);
            if (index !== -1) current.queue.splice(index, 1);
            reject(new RateLimitError('aborted', `request to ${key} was cancelled`));
          };
          signal.addEventListener('abort', waiter.onAbort, { once: true });
        }
        current.queue.push(waiter);
        // A pending timer already knows when the next turn is; otherwise serve now.
        if (current.timer === null || current.queue.length === 1) {
          if (current.timer !== null) clearTimeout(current.timer);
          pump(key, current);
        }
      });
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// User-Agent

/** A request to SEC without a contact. The message names the setting that fixes it. */
export class SecContactError extends Error {
  readonly code = 'sec_contact_missing';
  constructor(message: string) {
    super(message);
    this.name = 'SecContactError';
  }
}

const CONTACT_HELP =
  'set VENDORWATCH_CONTACT to an email address SEC can reach you at (SEC EDGAR refuses automated requests without a contact in the User-Agent)';

const contactSchema = z
  .string({ error: 'no contact given' })
  .trim()
  .min(1, 'no contact given')
  .max(200, 'the contact is longer than 200 characters')
  .regex(/^[\x20-\x7e]+$/, 'the contact may hold printable ASCII only (it goes into an HTTP header)')
  .regex(/[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+/, 'the contact holds no email address');

/**
 * The User-Agent for requests to SEC hosts: `Vendorwatch <contact>`, in the "name and email" form SEC asks for.
 * Throws SecContactError, naming VENDORWATCH_CONTACT, when the contact is missing, not an email address, or would
 * break the header.
 */
export function secUserAgent(contact: string | undefined | null): string {
  const parsed = contactSchema.safeParse(contact ?? '');
  if (!parsed.success) {
    throw new SecContactError(`SEC EDGAR request refused: ${parsed.error.issues[0]?.message ?? 'bad contact'}; ${CONTACT_HELP}`);
  }
  return `Vendorwatch ${parsed.data}`;
}

/** sec.gov and its subdomains (www, data, efts): the hosts whose rules apply. */
export function isSecHost(hostname: string): boolean {
  const host = hostname.trim().toLowerCase().replace(/\.$/, '');
  return host === 'sec.gov' || host.endsWith('.sec.gov');
}
