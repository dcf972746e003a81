import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHostRateLimiter, isSecHost, RateLimitError, SecContactError, secUserAgent } from '../../src/sources/sec-rate-limit.js';
import { type FeedServer, startFeedServer } from '../support/feed-server.js';

let server: FeedServer | null = null;
afterEach(async () => {
  vi.useRealTimers();
  await server?.close();
  server = null;
});

/** The most arrivals any one-second window holds (arrival times in ms, any order). */
function busiestSecond(arrivals: number[]): number {
  const sorted = [...arrivals].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0; i < sorted.length; i++) {
    let count = 0;
    for (let j = i; j < sorted.length && (sorted[j] as number) - (sorted[i] as number) < 1000; j++) count++;
    most = Math.max(most, count);
  }
  return most;
}

describe('the per-host rate limiter, over loopback', () => {
  it('lets no one-second window at the server see more than 10 of 35 requests fired at once', async () => {
    const arrivals: number[] = [];
    const userAgents = new Set<string | undefined>();
    server = await startFeedServer({
      '/Archives/edgar/data/x-index.htm': {
        kind: 'handler',
        handle: (req, res) => {
          arrivals.push(performance.now());
          userAgents.add(req.headers['user-agent']);
          res.writeHead(200, { 'content-type': 'text/html' }).end('<html></html>');
        },
      },
    });
    const limiter = createHostRateLimiter();
    const url = server.url('/Archives/edgar/data/x-index.htm');
    const host = new URL(url).host;
    const userAgent = secUserAgent('security@hospital.example');
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 35 }, async () => {
        await limiter.acquire(host);
        const response = await fetch(url, { headers: { 'user-agent': userAgent } });
        await response.text();
      }),
    );
    expect(arrivals).toHaveLength(35);
    expect(busiestSecond(arrivals)).toBeLessThanOrEqual(10);
    // 35 requests at 10 a second need at least three full windows after the first ten.
    expect(performance.now() - started).toBeGreaterThanOrEqual(3000);
    expect([...userAgents]).toEqual(['Vendorwatch security@hospital.example']);
  });
});

describe('the per-host rate limiter', () => {
  it('serves callers in the order they asked, on timers', async () => {
    vi.useFakeTimers();
    const limiter = createHostRateLimiter({ perSecond: 2, jitterMarginMs: 0, now: () => Date.now() });
    const order: number[] = [];
    const waits = Array.from({ length: 6 }, (_, index) => limiter.acquire('www.sec.gov').then(() => order.push(index)));
    await vi.advanceTimersByTimeAsync(0);
    expect(order).toEqual([0, 1]);
    await vi.advanceTimersByTimeAsync(999);
    expect(order).toEqual([0, 1]);
    await vi.advanceTimersByTimeAsync(1);
    expect(order).toEqual([0, 1, 2, 3]);
    await vi.advanceTimersByTimeAsync(1000);
    await Promise.all(waits);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    // Waiting is timers, not spinning: nothing is left scheduled but the idle clean-up.
    expect(vi.getTimerCount()).toBeLessThanOrEqual(1);
  });

  it('keeps hosts apart: a busy host does not delay another', async () => {
    vi.useFakeTimers();
    const limiter = createHostRateLimiter({ perSecond: 1, jitterMarginMs: 0, now: () => Date.now() });
    await limiter.acquire('www.sec.gov');
    let secondSec = false;
    void limiter.acquire('WWW.SEC.GOV').then(() => {
      secondSec = true;
    });
    await limiter.acquire('data.sec.gov');
    await vi.advanceTimersByTimeAsync(10);
    expect(secondSec).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(secondSec).toBe(true);
  });

  it('drops a caller that gives up from the queue, and refuses callers past the queue cap', async () => {
    vi.useFakeTimers();
    const limiter = createHostRateLimiter({ perSecond: 1, jitterMarginMs: 0, maxQueue: 2, now: () => Date.now() });
    await limiter.acquire('www.sec.gov');
    const controller = new AbortController();
    const cancelled = limiter.acquire('www.sec.gov', controller.signal);
    const next = limiter.acquire('www.sec.gov');
    await expect(limiter.acquire('www.sec.gov')).rejects.toMatchObject({ code: 'queue_full' });
    controller.abort();
    await expect(cancelled).rejects.toBeInstanceOf(RateLimitError);
    let served = false;
    void next.then(() => {
      served = true;
    });
    await vi.advanceTimersByTimeAsync(1000);
    expect(served).toBe(true);
  });

  it('refuses nonsense limits', () => {
    expect(() => createHostRateLimiter({ perSecond: 0 })).toThrow();
    expect(() => createHostRateLimiter({ perSecond: 2.5 })).toThrow();
  });
});

describe('secUserAgent', () => {
  it('puts the contact in the User-Agent', () => {
    expect(secUserAgent('  security@hospital.example ')).toBe('Vendorwatch security@hospital.example');
    expect(secUserAgent('Mercy Hospital IT security@mercy.example')).toBe('Vendorwatch Mercy Hospital IT security@mercy.example');
  });

  it.each([
    ['no contact', undefined],
    ['an empty contact', '   '],
    ['a contact without an email address', 'Mercy Hospital'],
    ['a contact that would inject a header', 'a@b.example\r\nX-Evil: 1'],
    ['a contact with non-ASCII text', 'sécurité@hôpital.example'],
    ['an oversized contact', `${'a'.repeat(300)}@b.example`],
  ])('refuses %s with an error naming VENDORWATCH_CONTACT', (_label, contact) => {
    let caught: unknown;
    try {
      secUserAgent(contact);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SecContactError);
    expect((caught as Error).message).toMatch(/VENDORWATCH_CONTACT/);
    expect((caught as Error).message).not.toContain('\n');
  });

  it('knows the SEC hosts', () => {
    expect(isSecHost('www.sec.gov')).toBe(true);
    expect(isSecHost('DATA.SEC.GOV.')).toBe(true);
    expect(isSecHost('sec.gov')).toBe(true);
    expect(isSecHost('sec.gov.evil.example')).toBe(false);
    expect(isSecHost('notsec.gov')).toBe(false);
  });
});
