// Fetches article pages with the feeds' own hardened fetcher (one deadline, size cap after decompression, redirect
// limit, charset handling, the contact User-Agent) under the article address policy, a few at a time per host, within
// a per-cycle budget of pages and time, and keeps what it extracted by canonical URL. A page on an SEC host (a news
// item linking to a filing on sec.gov), redirect hops included, follows SEC's fair-access rules as feeds do
// (src/sources/sec-fair-access.ts): the contact User-Agent, the process's one limit of 10 requests a second, and no
// request at all without VENDORWATCH_CONTACT.

import { setMaxListeners } from 'node:events';
import type { AddressPolicy } from '../feeds/address-policy.js';
import { fetchFeed, type RequestGate } from '../feeds/fetch-feed.js';
import { canonicalizeUrl } from '../feeds/normalise.js';
import { secRequestGate } from '../sources/sec-fair-access.js';
import type { HostRateLimiter } from '../sources/sec-rate-limit.js';
import { type ExtractedStory, extractStory } from './extract-story.js';
import { HostSlots } from './host-slots.js';
import { judgePage } from './judge-page.js';
import { PageCache } from './page-cache.js';

/** Pages one cycle may request at most: the cycle must not turn into a crawl of 500 teasers. */
const DEFAULT_PAGE_BUDGET = 100;
/** Pages are smaller than feeds; a bigger body is not an article (and would cost parse time). */
const MAX_PAGE_BYTES = 2 * 1024 * 1024;

/** What one cycle did with article pages; shown by `status` and `/metrics`. */
export interface PageCounts {
  /** Pages downloaded. */
  fetched: number;
  /** Reads answered from the cache (the same story from another item or feed). */
  cacheHits: number;
  /** Links the address policy refused: no request was made. */
  refused: number;
  /** Pages ignored as cookie, consent, subscription or bot-check walls, or giving less than the feed (paywalls). */
  walls: number;
  /** Pages ignored because they held no readable story or not this one. */
  ignored: number;
  /** Downloads that failed (timeout, HTTP error, too large, ...). */
  failed: number;
  /** Pages not requested because the cycle's budget was spent. */
  overBudget: number;
}

export function noPageCounts(): PageCounts {
  return { fetched: 0, cacheHits: 0, refused: 0, walls: 0, ignored: 0, failed: 0, overBudget: 0 };
}

export interface ArticlePagesOptions {
  fetch: { timeoutMs: number; maxBytes: number; contact: string | null };
  addressPolicy: Pick<AddressPolicy, 'allowAddress' | 'explainRefusal'> & {
    checkName?: (host: string) => { allowed: boolean; reason: string };
  };
  /** Pages fetched at once, in all and per host. */
  concurrency: number;
  perHostConcurrency: number;
  /** Per cycle: pages requested at most, and wall time from the cycle's start of reading (default: one fetch timeout). */
  budget?: { pages?: number; timeMs?: number };
  cache?: PageCache;
  /** SEC's limiter; default: the process's one (shared with the feeds), as SEC counts requests per client. */
  secLimiter?: HostRateLimiter;
}

/** The outcome for one item: its page's story to detect on, or why the teaser stands. */
export type StoryRead =
  | { kind: 'story'; text: string; cached: boolean }
  | { kind: 'ignored'; wall: boolean; reason: string; cached: boolean }
  | { kind: 'not_read'; outcome: 'refused' | 'failed' | 'over_budget'; reason: string };

/** A page as downloaded and extracted, before it is judged for an item; `shared` when another item's read got it. */
type Fetched =
  | { kind: 'page'; story: ExtractedStory | null; shared: boolean }
  | { kind: 'not_read'; outcome: 'refused' | 'failed' | 'over_budget'; reason: string; shared: boolean };

const notRead = (outcome: 'refused' | 'failed' | 'over_budget', reason: string): Fetched => ({
  kind: 'not_read',
  outcome,
  reason,
  shared: false,
});

export interface PageCycle {
  /** The story at `link` for an item with this title and feed text. Never throws. */
  read(link: string, item: { title: string; teaser: string }): Promise<StoryRead>;
  readonly counts: PageCounts;
  /** Stops the budget's clock; reads after this are over budget. */
  close(): void;
}

export class ArticlePages {
  private readonly slots: HostSlots;
  private readonly cache: PageCache;
  private readonly pageBudget: number;
  private readonly timeBudgetMs: number;
  private readonly gate: RequestGate;

  constructor(private readonly options: ArticlePagesOptions) {
    this.gate = secRequestGate({
      contact: options.fetch.contact,
      ...(options.secLimiter ? { limiter: options.secLimiter } : {}),
    });
    this.slots = new HostSlots(Math.max(1, options.concurrency), Math.max(1, options.perHostConcurrency));
    this.cache = options.cache ?? new PageCache();
    this.pageBudget = options.budget?.pages ?? DEFAULT_PAGE_BUDGET;
    this.timeBudgetMs = options.budget?.timeMs ?? options.fetch.timeoutMs;
  }

  /** One cycle's reads: its own budget and counts; the cache is shared by every cycle. */
  startCycle(signal?: AbortSignal): PageCycle {
    const counts = noPageCounts();
    const deadline = new AbortController();
    // The page time of the cycle runs from here: deciding which teasers to read is part of it.
    const timer = setTimeout(() => deadline.abort(), this.timeBudgetMs);
    timer.unref();
    let requested = 0;
    const inFlight = new Map<string, Promise<Fetched>>();
    /** Downloads of this cycle by the address they ended at, after redirects. */
    const reachedAt = new Map<string, Promise<Fetched>>();
    const stopped = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;
    // Every page waiting for a slot or downloading listens to it (a few hundred in a big cycle), and each listener
    // is removed when its wait or download ends: not the leak Node's default warning at 10 is about.
    setMaxListeners(0, stopped);
    const overBudget = (): Fetched =>
      notRead(
        'over_budget',
        requested >= this.pageBudget
          ? `this cycle's budget of ${this.pageBudget} article pages was spent`
          : `this cycle's time for article pages (${Math.round(this.timeBudgetMs / 100) / 10} s) ran out`,
      );

    /** A page already had: in the cache, or being extracted after a download of this cycle ended at this address. */
    const pageAt = (key: string): Promise<Fetched> | null => {
      const cached = this.cache.get(key);
      if (cached !== undefined) return Promise.resolve({ kind: 'page', story: cached, shared: true });
      const reached = reachedAt.get(key);
      return reached ? reached.then((page) => ({ ...page, shared: true })) : null;
    };

    const download = async (key: string, url: string): Promise<Fetched> => {
      const name = this.options.addressPolicy.checkName?.(hostNameOf(url));
      if (name && !name.allowed) return notRead('refused', `the address policy refused it: ${name.reason}`);
      if (stopped.aborted || requested >= this.pageBudget) return overBudget();
      const release = await this.slots.acquire(hostOf(url), stopped);
      if (release === null || requested >= this.pageBudget) {
        release?.();
        return overBudget();
      }
      // While this one waited for a slot, another download may have been redirected here.
      const meanwhile = pageAt(key);
      if (meanwhile) {
        release();
        return meanwhile;
      }
      requested += 1;
      let body: string;
      let finalKey: string | null;
      try {
        const outcome = await fetchFeed(
          url,
          { etag: null, lastModified: null },
          {
            timeoutMs: this.options.fetch.timeoutMs,
            maxBytes: Math.min(this.options.fetch.maxBytes, MAX_PAGE_BYTES),
            contact: this.options.fetch.contact,
            allowAddress: this.options.addressPolicy.allowAddress,
            explainRefusal: this.options.addressPolicy.explainRefusal,
            gate: this.gate,
            signal: stopped,
          },
        );
        if (outcome.kind === 'error') {
          if (outcome.code === 'address_refused') return notRead('refused', `the address policy refused it: ${outcome.message}`);
          if (outcome.code === 'aborted' && deadline.signal.aborted) return overBudget();
          return notRead('failed', `${outcome.code}: ${outcome.message}`);
        }
        if (outcome.kind === 'not_modified') return notRead('failed', 'the server answered 304 to an unconditional request');
        body = outcome.body;
        finalKey = canonicalizeUrl(outcome.finalUrl);
      } finally {
        release();
      }
      const extraction = (async (): Promise<Fetched> => {
        // Extraction is CPU work on the one thread: after the slot is free, and after the network had its turn.
        // Once the cycle's time is up no more is done, so hostile pages cost at most the budget and one extraction.
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (stopped.aborted) return overBudget();
        const story = extractStory(body);
        this.cache.set(key, story);
        // Feed proxies and aggregators link a redirect to the article: its own address is a key too.
        if (finalKey !== null && finalKey !== key) this.cache.set(finalKey, story);
        return { kind: 'page', story, shared: false };
      })();
      if (finalKey !== null && finalKey !== key) reachedAt.set(finalKey, extraction);
      return extraction;
    };

    const fetched = (key: string, url: string): Promise<Fetched> => {
      const had = pageAt(key);
      if (had) return had;
      const running = inFlight.get(key);
      if (running) return running.then((page) => ({ ...page, shared: true }));
      const page = download(key, url);
      inFlight.set(key, page);
      return page;
    };

    return {
      counts,
      close: () => {
        clearTimeout(timer);
        deadline.abort();
      },
      read: async (link, item) => {
        const url = canonicalizeUrl(link);
        if (url === null) return { kind: 'not_read', outcome: 'failed', reason: 'the item has no http(s) link' };
        let result: Fetched;
        try {
          result = await fetched(url, url);
        } catch (error) {
          // fetchFeed never throws; anything else is a bug, still only this item's.
          result = notRead('failed', `unexpected failure: ${error instanceof Error ? error.message : String(error)}`);
        }
        const cached = result.shared;
        if (result.kind === 'not_read') {
          // A page that was never read is counted once, not again for each item that waited on it.
          if (!cached || result.outcome === 'over_budget') counts[result.outcome === 'over_budget' ? 'overBudget' : result.outcome] += 1;
          return { kind: 'not_read', outcome: result.outcome, reason: result.reason };
        }
        counts[cached ? 'cacheHits' : 'fetched'] += 1;
        if (result.story === null) {
          counts.ignored += 1;
          return { kind: 'ignored', wall: false, reason: 'it holds no readable story', cached };
        }
        const verdict = judgePage(result.story, item.title, item.teaser);
        if (verdict.use) return { kind: 'story', text: verdict.text, cached };
        counts[verdict.kind === 'wall' ? 'walls' : 'ignored'] += 1;
        return { kind: 'ignored', wall: verdict.kind === 'wall', reason: verdict.reason, cached };
      },
    };
  }
}

/** Host and port: two sites on one machine are still one server to be polite to. */
function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
}

/** The host name alone, brackets of an IPv6 literal removed. */
function hostNameOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return url;
  }
}
