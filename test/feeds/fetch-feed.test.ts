import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchFeed, parseRetryAfter, userAgent } from '../../src/feeds/fetch-feed.js';
import { type FeedServer, startFeedServer } from '../support/feed-server.js';

const fixtures = join(fileURLToPath(new URL('.', import.meta.url)), '..', 'fixtures', 'awkward-feeds');
const NONE = { etag: null, lastModified: null };
const SMALL_FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>one</title></item></channel></rss>';

let server: FeedServer;

beforeAll(async () => {
  server = await startFeedServer({
    '/etag': { kind: 'feed', body: SMALL_FEED, validators: 'etag', etag: '"v1"' },
    '/last-modified': { kind: 'feed', body: SMALL_FEED, validators: 'last-modified', lastModified: 'Tue, 03 Mar 2026 10:00:00 GMT' },
    '/gzip': { kind: 'feed', body: SMALL_FEED, encoding: 'gzip' },
    '/deflate': { kind: 'feed', body: SMALL_FEED, encoding: 'deflate' },
    '/deflate-raw': { kind: 'feed', body: SMALL_FEED, encoding: 'deflate-raw' },
    '/br': { kind: 'feed', body: SMALL_FEED, encoding: 'br' },
    '/stall': { kind: 'stall-after-headers' },
    '/drip': { kind: 'drip', intervalMs: 40 },
    '/big': { kind: 'feed', body: 'x'.repeat(300_000) },
    '/endless': { kind: 'endless' },
    '/bomb': { kind: 'gzip-bomb', decompressedBytes: 64 * 1024 * 1024 * 1024 },
    '/loop': { kind: 'redirect-loop' },
    '/to-file': { kind: 'redirect', location: 'file:///etc/passwd' },
    '/to-ftp': { kind: 'redirect', location: 'ftp://example.org/feed.xml' },
    '/hop1': { kind: 'redirect', location: '/hop2', status: 301 },
    '/hop2': { kind: 'redirect', location: '/etag', status: 308 },
    '/error': { kind: 'status', status: 500 },
    '/busy': { kind: 'status', status: 429, headers: { 'retry-after': '120' } },
    '/unavailable': { kind: 'status', status: 503, headers: { 'retry-after': 'Wed, 04 Mar 2026 12:10:00 GMT' } },
    '/cp1251': { kind: 'feed', file: join(fixtures, 'windows-1251-declared.xml'), contentType: 'application/rss+xml' },
    '/cp1251-header': { kind: 'feed', file: join(fixtures, 'windows-1251-declared.xml'), contentType: 'text/xml; charset="Windows-1251"' },
    '/latin1': { kind: 'feed', file: join(fixtures, 'latin1-declared.xml'), contentType: 'text/xml' },
    '/latin1-header': { kind: 'feed', file: join(fixtures, 'latin1-undeclared.xml'), contentType: 'text/xml; charset=ISO-8859-1' },
    '/latin1-unlabelled': { kind: 'feed', file: join(fixtures, 'latin1-undeclared.xml'), contentType: 'text/xml' },
    '/bom': { kind: 'feed', body: `\ufeff${SMALL_FEED}` },
    '/weird-encoding': { kind: 'status', status: 200, headers: { 'content-encoding': 'compress' }, body: 'abc' },
  });
});

afterAll(async () => {
  await server.close();
});

const requestsTo = (path: string) => server.requests.filter((request) => request.path === path);

describe('conditional GET', () => {
  it('sends the stored ETag as If-None-Match and reports 304 as not modified', async () => {
    const first = await fetchFeed(server.url('/etag'), NONE);
    expect(first).toMatchObject({ kind: 'ok', status: 200, etag: '"v1"', lastModified: null });

    const second = await fetchFeed(server.url('/etag'), { etag: '"v1"', lastModified: null });
    expect(second).toMatchObject({ kind: 'not_modified', status: 304 });
    expect(requestsTo('/etag').at(-1)?.headers['if-none-match']).toBe('"v1"');
  });

  it('sends the stored Last-Modified as If-Modified-Since and reports 304 as not modified', async () => {
    const first = await fetchFeed(server.url('/last-modified'), NONE);
    expect(first).toMatchObject({ kind: 'ok', etag: null, lastModified: 'Tue, 03 Mar 2026 10:00:00 GMT' });
    if (first.kind !== 'ok') throw new Error('expected ok');

    const second = await fetchFeed(server.url('/last-modified'), { etag: null, lastModified: first.lastModified });
    expect(second.kind).toBe('not_modified');
    expect(requestsTo('/last-modified').at(-1)?.headers['if-modified-since']).toBe('Tue, 03 Mar 2026 10:00:00 GMT');
  });

  it('gets the full body again when the validators no longer match', async () => {
    const outcome = await fetchFeed(server.url('/etag'), { etag: '"v0"', lastModified: null });
    expect(outcome).toMatchObject({ kind: 'ok', body: SMALL_FEED });
  });
});

describe('request identity', () => {
  it('identifies itself with the version, project URL and contact', async () => {
    await fetchFeed(server.url('/gzip'), NONE, { contact: 'secops@hospital.example' });
    const agent = requestsTo('/gzip').at(-1)?.headers['user-agent'];
    expect(agent).toMatch(/^Vendorwatch\/\d+\.\d+\.\d+ \(\+https:\/\/github\.com\/vendorwatch\/vendorwatch; secops@hospital\.example\)$/);
  });

  it('keeps control characters of a configured contact out of the header', () => {
    expect(userAgent('a@b.example\r\nX-Evil: 1')).not.toMatch(/[\r\n]/);
    expect(userAgent(null)).toMatch(/vendorwatch\)$/);
  });
});

describe('compression', () => {
  it.each(['/gzip', '/deflate', '/deflate-raw', '/br'])('decodes %s bodies', async (path) => {
    const outcome = await fetchFeed(server.url(path), NONE);
    expect(outcome).toMatchObject({ kind: 'ok', body: SMALL_FEED, bytes: Buffer.byteLength(SMALL_FEED) });
  });

  it('refuses an unknown content-encoding instead of handing over compressed bytes as text', async () => {
    const outcome = await fetchFeed(server.url('/weird-encoding'), NONE);
    expect(outcome).toMatchObject({ kind: 'error', code: 'bad_encoding' });
  });
});

describe('deadline', () => {
  it('cuts a server that sends headers and then stalls', async () => {
    const outcome = await fetchFeed(server.url('/stall'), NONE, { timeoutMs: 300 });
    expect(outcome).toMatchObject({ kind: 'error', code: 'timeout', status: null });
  });

  it('cuts a server that drips the body a byte at a time, though bytes keep coming', async () => {
    const outcome = await fetchFeed(server.url('/drip'), NONE, { timeoutMs: 400 });
    expect(outcome).toMatchObject({ kind: 'error', code: 'timeout' });
    if (outcome.kind !== 'error') throw new Error('expected error');
    expect(outcome.bytes).toBeGreaterThan(0);
  });
});

describe('size cap', () => {
  it('refuses a body larger than the cap', async () => {
    const outcome = await fetchFeed(server.url('/big'), NONE, { maxBytes: 100_000 });
    expect(outcome).toMatchObject({ kind: 'error', code: 'too_large' });
  });

  it('cuts an endless body at the cap', async () => {
    const outcome = await fetchFeed(server.url('/endless'), NONE, { maxBytes: 1_000_000 });
    expect(outcome).toMatchObject({ kind: 'error', code: 'too_large' });
    if (outcome.kind !== 'error') throw new Error('expected error');
    expect(outcome.bytes).toBeLessThanOrEqual(1_000_000);
  });

  it('stops inflating a gzip bomb at the cap, long before the server has sent it', async () => {
    const before = process.memoryUsage();
    const outcome = await fetchFeed(server.url('/bomb'), NONE, { maxBytes: 2_000_000 });
    const after = process.memoryUsage();
    expect(outcome).toMatchObject({ kind: 'error', code: 'too_large' });
    if (outcome.kind !== 'error') throw new Error('expected error');
    expect(outcome.bytes).toBeLessThanOrEqual(2_000_000);
    // The whole bomb is 64 GB inflated, 64 MB on the wire: the client hung up after a fraction of it.
    expect(server.bytesSent.get('/bomb') ?? 0).toBeLessThan(32 * 1024 * 1024);
    expect(after.arrayBuffers + after.heapUsed - (before.arrayBuffers + before.heapUsed)).toBeLessThan(200 * 1024 * 1024);
  });
});

describe('redirects', () => {
  it('follows a few redirects and reports where it ended', async () => {
    const outcome = await fetchFeed(server.url('/hop1'), NONE);
    expect(outcome).toMatchObject({ kind: 'ok', finalUrl: server.url('/etag') });
  });

  it('stops a redirect loop after five redirects', async () => {
    const before = requestsTo('/loop').length;
    const outcome = await fetchFeed(server.url('/loop'), NONE);
    expect(outcome).toMatchObject({ kind: 'error', code: 'too_many_redirects' });
    expect(requestsTo('/loop').length - before).toBe(6);
  });

  it.each(['/to-file', '/to-ftp'])('refuses to follow %s to a non-http scheme', async (path) => {
    const outcome = await fetchFeed(server.url(path), NONE);
    expect(outcome).toMatchObject({ kind: 'error', code: 'bad_redirect' });
    if (outcome.kind !== 'error') throw new Error('expected error');
    expect(outcome.message).toMatch(/only http and https/);
  });

  it('refuses a feed URL that is not http(s)', async () => {
    expect(await fetchFeed('file:///etc/passwd', NONE)).toMatchObject({ kind: 'error', code: 'bad_url' });
    expect(await fetchFeed('not a url', NONE)).toMatchObject({ kind: 'error', code: 'bad_url' });
  });
});

describe('HTTP errors', () => {
  it('reports a 500 as an error value, not a throw', async () => {
    expect(await fetchFeed(server.url('/error'), NONE)).toMatchObject({
      kind: 'error',
      code: 'http_status',
      status: 500,
      retryAfterMs: null,
    });
  });

  it('returns Retry-After seconds on 429', async () => {
    expect(await fetchFeed(server.url('/busy'), NONE)).toMatchObject({ kind: 'error', status: 429, retryAfterMs: 120_000 });
  });

  it('returns a Retry-After HTTP date on 503 as the time left until then', async () => {
    const now = () => new Date('2026-03-04T12:00:00Z');
    expect(await fetchFeed(server.url('/unavailable'), NONE, { now })).toMatchObject({ kind: 'error', status: 503, retryAfterMs: 600_000 });
  });

  it('reads Retry-After in both forms and ignores nonsense', () => {
    const now = new Date('2026-03-04T12:00:00Z');
    expect(parseRetryAfter('30', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 04 Mar 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });

  it('reports a refused connection as a network error', async () => {
    const closed = await startFeedServer({});
    const url = closed.url('/gone');
    await closed.close();
    expect(await fetchFeed(url, NONE, { timeoutMs: 2000 })).toMatchObject({ kind: 'error', code: 'network' });
  });
});

describe('charsets', () => {
  it('decodes windows-1251 named only in the XML declaration', async () => {
    const outcome = await fetchFeed(server.url('/cp1251'), NONE);
    expect(outcome).toMatchObject({ kind: 'ok', charset: 'windows-1251' });
    if (outcome.kind !== 'ok') throw new Error('expected ok');
    expect(outcome.body).toContain('Утечка данных пациентов');
  });

  it('decodes windows-1251 named in the Content-Type header', async () => {
    const outcome = await fetchFeed(server.url('/cp1251-header'), NONE);
    if (outcome.kind !== 'ok') throw new Error('expected ok');
    expect(outcome.body).toContain('Новости кибербезопасности');
  });

  it('decodes ISO-8859-1 from the declaration and from the header', async () => {
    const declared = await fetchFeed(server.url('/latin1'), NONE);
    const header = await fetchFeed(server.url('/latin1-header'), NONE);
    if (declared.kind !== 'ok' || header.kind !== 'ok') throw new Error('expected ok');
    expect(declared.body).toContain('Hospital São José');
    expect(header.body).toContain('Fuite de données chez un éditeur');
  });

  it('reads unlabelled bytes that are not UTF-8 as latin1 rather than replacement characters', async () => {
    const outcome = await fetchFeed(server.url('/latin1-unlabelled'), NONE);
    if (outcome.kind !== 'ok') throw new Error('expected ok');
    expect(outcome.body).toContain('Sécurité santé');
    expect(outcome.body).not.toContain('\ufffd');
  });

  it('strips a UTF-8 byte-order mark', async () => {
    const outcome = await fetchFeed(server.url('/bom'), NONE);
    expect(outcome).toMatchObject({ kind: 'ok', body: SMALL_FEED });
  });
});

describe('address hook', () => {
  it('refuses a DNS name that resolves to a refused address', async () => {
    const url = server.url('/etag').replace('127.0.0.1', 'localhost');
    const seen: string[] = [];
    const outcome = await fetchFeed(url, NONE, {
      allowAddress: (address) => {
        seen.push(address);
        return false;
      },
    });
    expect(outcome).toMatchObject({ kind: 'error', code: 'address_refused' });
    expect(seen.length).toBeGreaterThan(0);
  });

  it('connects through the hook when it allows the address', async () => {
    const url = server.url('/etag').replace('127.0.0.1', 'localhost');
    const outcome = await fetchFeed(url, NONE, { allowAddress: (address) => address === '127.0.0.1' });
    expect(outcome.kind).toBe('ok');
  });

  it('treats a hook that throws as a refusal, not a crash', async () => {
    const url = server.url('/etag').replace('127.0.0.1', 'localhost');
    const outcome = await fetchFeed(url, NONE, {
      allowAddress: () => {
        throw new Error('policy bug');
      },
    });
    expect(outcome).toMatchObject({ kind: 'error', code: 'address_refused' });
  });

  it('applies the hook to IP literals and to every redirect hop', async () => {
    expect(await fetchFeed(server.url('/etag'), NONE, { allowAddress: () => false })).toMatchObject({ code: 'address_refused' });
    const redirector = await startFeedServer({
      '/away': { kind: 'redirect', location: server.url('/etag').replace('127.0.0.1', 'localhost') },
    });
    try {
      const outcome = await fetchFeed(redirector.url('/away'), NONE, { allowAddress: (_address, host) => host === '127.0.0.1' });
      expect(outcome).toMatchObject({ kind: 'error', code: 'address_refused' });
    } finally {
      await redirector.close();
    }
  });
});

describe('external abort', () => {
  it('stops at once when the caller aborts', async () => {
    const controller = new AbortController();
    const pending = fetchFeed(server.url('/stall'), NONE, { timeoutMs: 10_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toMatchObject({ kind: 'error', code: 'aborted' });
  });
});

// Keep the fixture readable by humans; it is bytes, not text, on disk.
it('has a windows-1251 fixture that is not valid UTF-8', () => {
  const bytes = readFileSync(join(fixtures, 'windows-1251-declared.xml'));
  expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
});
