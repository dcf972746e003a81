import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDbPath } from '../cli/run-cli.js';
import { type RunningBot, startBot } from '../teams/support/start-bot.js';

const METRICS_TOKEN = randomBytes(24).toString('hex');

/** A loopback port with nothing listening: the feed there fails, as the internet does from this machine. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let bot: RunningBot;

// One real `vendorwatch start` bound to 127.0.0.1 alone, with a metrics token and the unauthenticated Teams switch
// (allowed only because HOST is loopback).
beforeAll(async () => {
  bot = await startBot({
    VENDORWATCH_FEEDS: `http://127.0.0.1:${await closedPort()}/feed.xml`,
    VENDORWATCH_DB: tempDbPath(),
    HOST: '127.0.0.1',
    VENDORWATCH_METRICS_TOKEN: METRICS_TOKEN,
    TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED: 'true',
  });
}, 30_000);

afterAll(async () => {
  expect(await bot?.stop()).toBe(0);
});

describe('vendorwatch start over HTTP', () => {
  it('listens on HOST alone and logs the host and port it listens on', async () => {
    const listening = bot
      .output()
      .split('\n')
      .filter((line) => line.includes('listening'))
      .map((line) => JSON.parse(line) as { host: string; port: number; msg: string });
    expect(listening).toEqual([
      expect.objectContaining({ host: '127.0.0.1', port: bot.port, msg: expect.stringContaining(`port ${bot.port} at 127.0.0.1`) }),
    ]);
    expect((await fetch(`http://127.0.0.1:${bot.port}/healthz`)).status).toBe(200);
    // Another loopback address of this machine: reachable were the server bound to 0.0.0.0.
    await expect(fetch(`http://127.0.0.2:${bot.port}/healthz`)).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
  });

  it('answers /metrics only with the configured bearer token', async () => {
    const refused = await fetch(`http://127.0.0.1:${bot.port}/metrics`);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer\b/);
    expect(
      (await fetch(`http://127.0.0.1:${bot.port}/metrics`, { headers: { authorization: 'Bearer not-the-token-at-all' } })).status,
    ).toBe(401);
    const scrape = await fetch(`http://127.0.0.1:${bot.port}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(scrape.status).toBe(200);
    expect(await scrape.text()).toContain('vendorwatch_cycles_total');
  });

  it('says on /healthz that Teams authentication is off', async () => {
    const health = await fetch(`http://127.0.0.1:${bot.port}/healthz`);
    expect(await health.json()).toMatchObject({ warnings: ['teams authentication is off'] });
  });
});
