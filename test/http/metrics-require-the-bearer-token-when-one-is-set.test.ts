import { afterEach, describe, expect, it } from 'vitest';
import { HttpServer } from '../../src/http/http-server.js';
import { silentLogger } from '../../src/log.js';
import { VendorwatchMetrics } from '../../src/observability/metrics.js';

const TOKEN = 'metrics-7f3c9a1e5b2d4c8f';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(metricsToken: string | null) {
  const metrics = new VendorwatchMetrics({ defaultMetrics: false });
  metrics.recordFailedCycle(1_000);
  const server = new HttpServer(
    silentLogger,
    () => ({ ok: true, reason: null }),
    () => metrics.scrape(),
    { metricsToken },
  );
  const port = await server.listen(0, '127.0.0.1');
  cleanups.push(() => server.close());
  return async (authorization?: string, method = 'GET') => {
    const res = await fetch(`http://127.0.0.1:${port}/metrics`, { method, headers: authorization === undefined ? {} : { authorization } });
    return { status: res.status, challenge: res.headers.get('www-authenticate'), body: await res.text() };
  };
}

describe('/metrics with VENDORWATCH_METRICS_TOKEN', () => {
  it('answers 401 with a Bearer challenge and no metrics without the token, or with a wrong one', async () => {
    const scrape = await serve(TOKEN);
    const refusals = [
      undefined,
      '',
      'Bearer',
      'Bearer ',
      `Basic ${Buffer.from(`user:${TOKEN}`).toString('base64')}`,
      // Same length, one character off; a prefix; the token with more after it.
      `Bearer ${TOKEN.slice(0, -1)}0`,
      `Bearer ${TOKEN.slice(0, 8)}`,
      `Bearer ${TOKEN}x`,
      TOKEN,
    ];
    for (const authorization of refusals) {
      const res = await scrape(authorization);
      expect(res.status, String(authorization)).toBe(401);
      expect(res.challenge).toMatch(/^Bearer\b/);
      expect(res.body).not.toContain('vendorwatch_');
    }
    expect((await scrape(undefined, 'HEAD')).status).toBe(401);
  });

  it('serves the scrape to the right bearer token', async () => {
    const scrape = await serve(TOKEN);
    for (const authorization of [`Bearer ${TOKEN}`, `bearer ${TOKEN}`, `Bearer  ${TOKEN} `]) {
      const res = await scrape(authorization);
      expect(res.status).toBe(200);
      expect(res.body).toMatch(/^vendorwatch_cycles_total\{outcome="failed"\} 1$/m);
    }
  });

  it('stays open, as before, when no token is set', async () => {
    const scrape = await serve(null);
    expect((await scrape()).status).toBe(200);
    expect((await scrape('Bearer anything-at-all-here')).status).toBe(200);
  });
});
