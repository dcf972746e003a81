// SEC's fair-access rules on the poller's requests: which requests they cover, the User-Agent they get, the refusal
// without a contact, and that the gate sees every request of a download, redirect hops included.

import { describe, expect, it } from 'vitest';
import { fetchFeed } from '../../src/feeds/fetch-feed.js';
import { secRequestGate, secRulesApply } from '../../src/sources/sec-fair-access.js';
import { createHostRateLimiter } from '../../src/sources/sec-rate-limit.js';
import { startFeedServer } from '../support/feed-server.js';

const NONE = { etag: null, lastModified: null };
const signal = new AbortController().signal;

describe('which requests SEC rules cover', () => {
  it('every request to an SEC host, and every request of an sec-8k source wherever it points', () => {
    expect(secRulesApply(new URL('https://www.sec.gov/cgi-bin/browse-edgar'))).toBe(true);
    expect(secRulesApply(new URL('https://efts.sec.gov/LATEST/search-index'))).toBe(true);
    expect(secRulesApply(new URL('https://sec.gov.evil.example/x'))).toBe(false);
    expect(secRulesApply(new URL('https://news.example/feed'))).toBe(false);
    expect(secRulesApply(new URL('http://127.0.0.1:8080/edgar.atom'), true)).toBe(true);
  });
});

describe('the SEC gate', () => {
  it('gives SEC requests the contact User-Agent and lets other requests pass untouched', async () => {
    const gate = secRequestGate({ contact: 'security@hospital.example', limiter: createHostRateLimiter() });
    expect(await gate(new URL('https://www.sec.gov/Archives/x-index.htm'), signal)).toEqual({
      userAgent: 'Vendorwatch security@hospital.example',
    });
    expect(await gate(new URL('https://news.example/feed'), signal)).toBeUndefined();
  });

  it('refuses an SEC request without a usable contact, naming VENDORWATCH_CONTACT, and never takes a turn for it', async () => {
    let turns = 0;
    const limiter = { acquire: async () => void turns++ };
    for (const contact of [undefined, null, '', 'Mercy Hospital IT', 'a@b.example\r\nX-Evil: 1']) {
      const gate = secRequestGate({ contact, limiter });
      await expect(gate(new URL('https://www.sec.gov/cgi-bin/browse-edgar'), signal)).rejects.toThrow(/VENDORWATCH_CONTACT/);
    }
    expect(turns).toBe(0);
    // Other hosts do not need it.
    expect(await secRequestGate({ contact: undefined, limiter })(new URL('https://news.example/feed'), signal)).toBeUndefined();
  });

  it('is asked before every request of a download, redirect hops included, and its User-Agent is the one sent', async () => {
    const server = await startFeedServer({
      '/start': { kind: 'redirect', location: '/next' },
      '/next': { kind: 'redirect', location: '/feed.xml' },
      '/feed.xml': { kind: 'feed', body: '<rss version="2.0"><channel><title>t</title></channel></rss>' },
    });
    try {
      const asked: string[] = [];
      const outcome = await fetchFeed(server.url('/start'), NONE, {
        gate: async (url) => {
          asked.push(url.pathname);
          return { userAgent: 'Vendorwatch security@hospital.example' };
        },
      });
      expect(outcome.kind).toBe('ok');
      expect(asked).toEqual(['/start', '/next', '/feed.xml']);
      expect(server.requests.map((request) => request.headers['user-agent'])).toEqual([
        'Vendorwatch security@hospital.example',
        'Vendorwatch security@hospital.example',
        'Vendorwatch security@hospital.example',
      ]);
    } finally {
      await server.close();
    }
  });

  it('turns a refusal at a redirect hop into a `refused` outcome naming the hop, with nothing sent there', async () => {
    const server = await startFeedServer({
      '/start': { kind: 'redirect', location: '/sec-mirror/feed.xml' },
      '/sec-mirror/feed.xml': { kind: 'feed', body: '<rss version="2.0"><channel><title>t</title></channel></rss>' },
    });
    try {
      const outcome = await fetchFeed(server.url('/start'), NONE, {
        gate: async (url) => {
          if (url.pathname.startsWith('/sec-mirror/')) throw new Error('SEC EDGAR request refused: set VENDORWATCH_CONTACT');
          return undefined;
        },
      });
      expect(outcome).toMatchObject({ kind: 'error', code: 'refused' });
      expect(outcome.kind === 'error' && outcome.message).toMatch(
        /^refused the redirect from .*\/start to .*\/sec-mirror\/feed\.xml: SEC EDGAR request refused: set VENDORWATCH_CONTACT$/,
      );
      expect(server.requests.map((request) => request.path)).toEqual(['/start']);
    } finally {
      await server.close();
    }
  });
});
