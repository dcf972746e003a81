// One round of fetching every feed: bounded concurrency overall and per host, backoff for failing feeds, parse
// errors kept per feed. The poll cycle calls this; the store persists each result's `nextState`.

import type { FeedItem, FeedSource } from '../core/types.js';
import type { Logger } from '../log.js';
import { type SourceType, sourceParser } from '../sources/index.js';
import { secRequestGate } from '../sources/sec-fair-access.js';
import type { HostRateLimiter } from '../sources/sec-rate-limit.js';
import type { SourceItem } from '../sources/source-item.js';
import { displayFeedUrl, hideUrlSecrets } from './display-url.js';
import { feedTypeOf } from './feed-type.js';
import { type FetchOptions, type FetchOutcome, fetchFeed } from './fetch-feed.js';
import { FeedParseError, parseFeed } from './parse-feed.js';

const DEFAULT_CONCURRENCY = 16;
const DEFAULT_PER_HOST_CONCURRENCY = 2;
/** Downloaded bodies waiting to be parsed, at most: past this a download keeps its slot until its parse is done. */
const MAX_QUEUED_PARSE_CHARS = 32 * 1024 * 1024;
const BACKOFF_BASE_MS = 60_000;
export const BACKOFF_MAX_MS = 6 * 60 * 60 * 1000;
/** A server's Retry-After is honoured up to this; beyond it the feed is retried anyway. */
const RETRY_AFTER_MAX_MS = 24 * 60 * 60 * 1000;

/** What is remembered about a feed between polls. */
export interface FeedFetchState {
  etag: string | null;
  lastModified: string | null;
  consecutiveFailures: number;
  /** While in the future, the feed is not fetched (backoff). */
  nextAttemptAt: Date | null;
}

export type FeedFetchOutcome = 'ok' | 'not_modified' | 'error' | 'skipped';

export interface FeedFetchResult {
  feed: FeedSource;
  outcome: FeedFetchOutcome;
  status: number | null;
  /** Feed items; for a disclosure source (a feed `type` other than rss), SourceItems. */
  items: (FeedItem | SourceItem)[];
  /** Codes: the fetcher's (`timeout`, `too_large`, `http_status`, …), `parse_error`, or for skipped feeds `backoff` / `aborted`. */
  error: { code: string; message: string } | null;
  nextState: FeedFetchState;
  bytes: number;
  durationMs: number;
  /** The feed's own title, when it was fetched and parsed. */
  title?: string | null;
  /**
   * A disclosure source read in part: records it skipped as unreadable, and the first few reasons. The rest of the
   * body still counts, so the feed is not failing; the cycle logs these.
   */
  skipped?: { count: number; problems: string[] };
}

export interface FetchFeedsOptions {
  concurrency?: number;
  perHostConcurrency?: number;
  fetch?: Omit<FetchOptions, 'signal' | 'now'>;
  /**
   * The address policy for one feed, over `fetch.allowAddress`/`fetch.explainRefusal`: feeds an OPML file or a chat
   * user brought in get the public-only policy while the operator's own feeds may stay on private addresses.
   * An AddressPolicy (address-policy.ts) fits as it is. Undefined: the `fetch` hooks.
   */
  addressPolicyFor?: (feed: FeedSource) => Pick<FetchOptions, 'allowAddress' | 'explainRefusal'> | undefined;
  now?: () => Date;
  /** Stops starting feeds; feeds in flight are cut. Feeds not fetched because of it come back `skipped`. */
  signal?: AbortSignal;
  /** Called as each feed finishes, in completion order (the returned array is in input order). */
  onFeedDone?: (result: FeedFetchResult) => void;
  /**
   * False: the returned results carry no items once `onFeedDone` has had them, so a cycle over hundreds of
   * feeds does not hold every item in memory until the last feed is done. Default true.
   */
  keepItems?: boolean;
  /**
   * The limiter for requests SEC's fair-access rules cover (any SEC host; every request of an `sec-8k` source).
   * Default: the process's shared one (src/sources/sec-fair-access.ts). The contact is `fetch.contact`.
   */
  secLimiter?: HostRateLimiter;
  /**
   * How long an `sec-8k` source may spend following filings to their documents, in milliseconds; past it, the
   * remaining filings count on their feed entries alone. Default: four fetch timeouts, at least a minute.
   */
  followBudgetMs?: number;
  logger?: Logger;
}

export function initialFeedFetchState(): FeedFetchState {
  return { etag: null, lastModified: null, consecutiveFailures: 0, nextAttemptAt: null };
}

/**
 * When a feed that has now failed `consecutiveFailures` times in a row may be tried again: one minute after the
 * first failure, doubling up to six hours, but never sooner than the server's Retry-After (itself capped at a day).
 */
export function nextAttemptAfterFailure(consecutiveFailures: number, retryAfterMs: number | null, now: Date): Date {
  const exponent = Math.max(0, Math.min(consecutiveFailures, 32) - 1);
  const backoff = Math.min(BACKOFF_BASE_MS * 2 ** exponent, BACKOFF_MAX_MS);
  const serverAsked = retryAfterMs === null ? 0 : Math.min(Math.max(retryAfterMs, 0), RETRY_AFTER_MAX_MS);
  return new Date(now.getTime() + Math.max(backoff, serverAsked));
}

/** Fetches and parses every feed not in backoff. Never throws for a feed's failure; results are in input order. */
export async function fetchFeeds(
  feeds: FeedSource[],
  states: Map<string, FeedFetchState>,
  options: FetchFeedsOptions = {},
): Promise<FeedFetchResult[]> {
  const now = options.now ?? (() => new Date());
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
  const perHost = Math.max(1, options.perHostConcurrency ?? DEFAULT_PER_HOST_CONCURRENCY);
  const results: (FeedFetchResult | undefined)[] = new Array(feeds.length);

  const finish = (index: number, result: FeedFetchResult) => {
    try {
      options.onFeedDone?.(result);
    } catch (error) {
      // A failing progress callback is the caller's bug; it must not lose the other feeds' results.
      options.logger?.error({ err: error, feed: displayFeedUrl(result.feed.url) }, 'onFeedDone failed');
    }
    results[index] = options.keepItems === false ? { ...result, items: [] } : result;
  };

  const pending: number[] = [];
  for (const [index, feed] of feeds.entries()) {
    const state = states.get(feed.url) ?? initialFeedFetchState();
    if (state.nextAttemptAt !== null && state.nextAttemptAt.getTime() > now().getTime()) {
      const message = `in backoff after ${state.consecutiveFailures} failure(s) until ${state.nextAttemptAt.toISOString()}`;
      finish(index, skipped(feed, state, 'backoff', message));
    } else {
      pending.push(index);
    }
  }

  const parsing = new ParseQueue();
  const parses: Promise<void>[] = [];
  await runBounded(
    pending,
    (index) => hostKey(feeds[index]?.url ?? ''),
    concurrency,
    perHost,
    async (index) => {
      const feed = feeds[index];
      if (feed === undefined) return;
      const state = states.get(feed.url) ?? initialFeedFetchState();
      if (options.signal?.aborted) {
        finish(index, skipped(feed, state, 'aborted', 'the poll was stopped before this feed was fetched'));
        return;
      }
      // fetchFeed and parseFeed report failures as values; anything else is a bug, still only this feed's.
      const internalFailure = (error: unknown) => finish(index, unexpectedFailure(feed, state, error, now()));
      try {
        const fetched = await fetchOne(feed, state, options, now);
        if ('outcome' in fetched) return finish(index, fetched);
        // A parse that waits on the network (sec-8k follows filings) must not hold up every other feed's parse.
        const parse = fetched.fetchesWhileParsing ? fetched.parse() : parsing.run(fetched.chars, fetched.parse);
        const parsed = parse.then((result) => finish(index, result), internalFailure);
        parses.push(parsed);
        // The slot is given back before the parse, unless too much downloaded text is already waiting for one.
        if (parsing.queuedChars > MAX_QUEUED_PARSE_CHARS) await parsed;
      } catch (error) {
        internalFailure(error);
      }
    },
  );
  await Promise.all(parses);
  return results.filter((result): result is FeedFetchResult => result !== undefined);
}

function unexpectedFailure(feed: FeedSource, state: FeedFetchState, error: unknown, at: Date): FeedFetchResult {
  const consecutiveFailures = state.consecutiveFailures + 1;
  return {
    feed,
    outcome: 'error',
    status: null,
    items: [],
    error: { code: 'internal', message: hideUrlSecrets(`unexpected failure: ${error instanceof Error ? error.message : String(error)}`) },
    nextState: { ...state, consecutiveFailures, nextAttemptAt: nextAttemptAfterFailure(consecutiveFailures, null, at) },
    bytes: 0,
    durationMs: 0,
  };
}

/**
 * Parses run one at a time, each after the event loop has seen to the network (setImmediate). Parsing is CPU
 * work on the one thread; done inside a download's slot it held back the next requests, so a hung feed late in a
 * long list only started its timeout seconds into the cycle and the cycle took the parsing time plus a timeout.
 * Queued this way every request starts early and the parsing overlaps the waits.
 */
class ParseQueue {
  queuedChars = 0;
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(chars: number, parse: () => Promise<T>): Promise<T> {
    this.queuedChars += chars;
    const turn = this.tail.then(() => new Promise<void>((resolve) => setImmediate(resolve)));
    const result = turn.then(parse).finally(() => {
      this.queuedChars -= chars;
    });
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** A downloaded body whose parse is still to come. */
interface Downloaded {
  chars: number;
  parse: () => Promise<FeedFetchResult>;
  /** The parse fetches more (an sec-8k source follows filings): it runs outside the parse queue. */
  fetchesWhileParsing: boolean;
}

async function fetchOne(
  feed: FeedSource,
  state: FeedFetchState,
  options: FetchFeedsOptions,
  now: () => Date,
): Promise<FeedFetchResult | Downloaded> {
  const started = Date.now();
  const type = feedTypeOf(feed);
  const policy = options.addressPolicyFor?.(feed);
  const hooks = policy?.allowAddress
    ? { allowAddress: policy.allowAddress, ...(policy.explainRefusal ? { explainRefusal: policy.explainRefusal } : {}) }
    : {};
  // SEC's rules on every request they cover: the contact User-Agent and at most 10 a second per host.
  const gate = secRequestGate({
    contact: options.fetch?.contact,
    ...(options.secLimiter ? { limiter: options.secLimiter } : {}),
    everyRequest: type === 'sec-8k',
  });
  const fetchOptions: FetchOptions = { ...options.fetch, ...hooks, gate, now, ...(options.signal ? { signal: options.signal } : {}) };
  const outcome: FetchOutcome = await fetchFeed(feed.url, { etag: state.etag, lastModified: state.lastModified }, fetchOptions);
  const durationMs = () => Date.now() - started;
  const failed = (status: number | null, code: string, message: string, retryAfterMs: number | null, bytes: number): FeedFetchResult => {
    const consecutiveFailures = state.consecutiveFailures + 1;
    options.logger?.debug({ feed: displayFeedUrl(feed.url), code, status, consecutiveFailures }, 'feed failed');
    return {
      feed,
      outcome: 'error',
      status,
      items: [],
      error: { code, message },
      // Validators are kept from the last good fetch: a feed that fixes itself must not be answered 304. A request
      // Vendorwatch refused to send (no VENDORWATCH_CONTACT for SEC) is retried every cycle: it costs nothing, and
      // the feed works the first cycle after the setting is fixed.
      nextState: {
        ...state,
        consecutiveFailures,
        nextAttemptAt: code === 'refused' ? null : nextAttemptAfterFailure(consecutiveFailures, retryAfterMs, now()),
      },
      bytes,
      durationMs: durationMs(),
    };
  };

  switch (outcome.kind) {
    case 'error':
      if (outcome.code === 'aborted') return { ...skipped(feed, state, 'aborted', outcome.message), durationMs: durationMs() };
      return failed(outcome.status, outcome.code, outcome.message, outcome.retryAfterMs, outcome.bytes);
    case 'not_modified':
      return {
        feed,
        outcome: 'not_modified',
        status: 304,
        items: [],
        error: null,
        nextState: { etag: outcome.etag, lastModified: outcome.lastModified, consecutiveFailures: 0, nextAttemptAt: null },
        bytes: 0,
        durationMs: durationMs(),
      };
    case 'ok': {
      const fetchText =
        type === 'sec-8k'
          ? filingFetcher(fetchOptions, options.followBudgetMs ?? defaultFollowBudget(options.fetch?.timeoutMs))
          : undefined;
      return {
        chars: outcome.body.length,
        fetchesWhileParsing: fetchText !== undefined,
        parse: () => parseDownloaded(feed, type, outcome, now, durationMs, failed, fetchText),
      };
    }
  }
}

function defaultFollowBudget(timeoutMs: number | undefined): number {
  return Math.max(60_000, 4 * (timeoutMs ?? 15_000));
}

/**
 * What an sec-8k source is handed to read a filing's index page and document: the feed's own fetch options (its
 * address policy, size cap, timeout, the SEC gate with the contact User-Agent and the rate limit, the cycle's
 * stop signal), no conditional GET, and one time budget for all the filings of this poll.
 */
function filingFetcher(fetchOptions: FetchOptions, budgetMs: number): (url: string) => Promise<string> {
  const ends = Date.now() + budgetMs;
  return async (url) => {
    if (Date.now() >= ends) throw new Error(`the ${Math.round(budgetMs / 1000)} s this poll may spend on filing documents are used up`);
    const outcome = await fetchFeed(url, { etag: null, lastModified: null }, fetchOptions);
    if (outcome.kind === 'ok') return outcome.body;
    if (outcome.kind === 'not_modified') throw new Error('the server answered 304 to an unconditional request');
    throw new Error(outcome.message);
  };
}

async function parseDownloaded(
  feed: FeedSource,
  type: SourceType,
  outcome: Extract<FetchOutcome, { kind: 'ok' }>,
  now: () => Date,
  durationMs: () => number,
  failed: (status: number | null, code: string, message: string, retryAfterMs: number | null, bytes: number) => FeedFetchResult,
  fetchText: ((url: string) => Promise<string>) | undefined,
): Promise<FeedFetchResult> {
  const ok = (items: (FeedItem | SourceItem)[], extra: Partial<FeedFetchResult>): FeedFetchResult => ({
    feed,
    outcome: 'ok',
    status: outcome.status,
    items,
    error: null,
    nextState: { etag: outcome.etag, lastModified: outcome.lastModified, consecutiveFailures: 0, nextAttemptAt: null },
    bytes: outcome.bytes,
    durationMs: durationMs(),
    ...extra,
  });
  try {
    const parseSource = sourceParser(type);
    if (parseSource !== null) {
      // Relative links resolve against where the body really came from; the items belong to the configured feed.
      const parsed = await parseSource(outcome.body, { feedUrl: outcome.finalUrl, now: now(), ...(fetchText ? { fetchText } : {}) });
      const items = parsed.items.map((item) => ({ ...item, feedUrl: feed.url }));
      return ok(items, parsed.skipped > 0 ? { skipped: { count: parsed.skipped, problems: parsed.problems } } : {});
    }
    // Relative links resolve against where the feed really is, after redirects.
    const parsed = await parseFeed(outcome.body, outcome.finalUrl, { now: now() });
    const items = parsed.items.map((item) => ({ ...item, feedUrl: feed.url }));
    return ok(items, { title: parsed.title });
  } catch (error) {
    const message = error instanceof FeedParseError ? error.message : `could not read the feed: ${String(error)}`;
    return failed(outcome.status, 'parse_error', message, null, outcome.bytes);
  }
}

function skipped(feed: FeedSource, state: FeedFetchState, code: 'backoff' | 'aborted', message: string): FeedFetchResult {
  return { feed, outcome: 'skipped', status: null, items: [], error: { code, message }, nextState: state, bytes: 0, durationMs: 0 };
}

/** Host and port: two feeds on one server share its limit; a bad URL gets a key of its own. */
function hostKey(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return `invalid:${url}`;
  }
}

/**
 * Runs `task` for every job with at most `overall` running, and at most `perKey` of one key. A job whose host is
 * busy waits while jobs for other hosts go ahead, so one slow publisher cannot hold up the rest.
 */
async function runBounded<T>(
  jobs: T[],
  keyOf: (job: T) => string,
  overall: number,
  perKey: number,
  task: (job: T) => Promise<void>,
): Promise<void> {
  const waiting = [...jobs];
  const running = new Map<string, number>();
  let active = 0;
  await new Promise<void>((resolve) => {
    const pump = () => {
      if (waiting.length === 0 && active === 0) return resolve();
      for (let i = 0; i < waiting.length && active < overall; ) {
        const job = waiting[i] as T;
        const key = keyOf(job);
        if ((running.get(key) ?? 0) >= perKey) {
          i += 1;
          continue;
        }
        waiting.splice(i, 1);
        active += 1;
        running.set(key, (running.get(key) ?? 0) + 1);
        void task(job)
          .catch(() => undefined)
          .finally(() => {
            active -= 1;
            running.set(key, (running.get(key) ?? 1) - 1);
            pump();
          });
      }
    };
    pump();
  });
}
