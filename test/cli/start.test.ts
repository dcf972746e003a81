import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { spawnVendorwatch } from '../support/spawn-cli.js';
import { runCli, tempDbPath } from './run-cli.js';

/** A loopback port with nothing listening: a feed there is unreachable, like the internet from this machine. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function waitForLine(child: ChildProcess, lines: string[], pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms:\n${lines.join('\n')}`)),
      timeoutMs,
    );
    const check = () => {
      const found = lines.find((line) => pattern.test(line));
      if (found) {
        clearTimeout(timer);
        child.stderr?.off('data', check);
        resolve(found);
      }
    };
    child.stderr?.on('data', check);
    check();
  });
}

describe('vendorwatch start', () => {
  it('logs its schedule and feeds, one line per unreachable feed, serves /healthz, and stops cleanly on SIGINT', async () => {
    const port = await closedPort();
    const feeds = [`http://127.0.0.1:${port}/one.xml`, `http://127.0.0.1:${port}/two.xml`];
    const child = spawnVendorwatch(['start'], {
      env: { PATH: process.env.PATH, VENDORWATCH_FEEDS: feeds.join(','), VENDORWATCH_DB: tempDbPath(), PORT: '0', LOG_FORMAT: 'json' },
    });
    const lines: string[] = [];
    let buffer = '';
    child.stderr.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      lines.push(...parts);
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await waitForLine(child, lines, /cycle 1 done/, 20_000);
      const messages = lines.map((line) => JSON.parse(line) as { msg: string; port?: number; schedule?: string });
      expect(messages.some((m) => m.schedule === '*/10 * * * *')).toBe(true);
      expect(messages.filter((m) => m.msg.startsWith('feed: '))).toHaveLength(2);
      expect(messages.filter((m) => m.msg.startsWith('feed unreachable'))).toHaveLength(2);
      const httpPort = messages.find((m) => m.msg.startsWith('HTTP server listening'))?.port;
      const health = await fetch(`http://127.0.0.1:${httpPort}/healthz`);
      expect(health.status).toBe(200);

      const stopAsked = Date.now();
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(Date.now() - stopAsked).toBeLessThan(10_000);
      expect(lines.some((line) => line.includes('"stopped"'))).toBe(true);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('exits 2 naming HOST and PORT when the port is taken', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as { port: number };
    try {
      const env = {
        VENDORWATCH_FEEDS: `http://127.0.0.1:${await closedPort()}/one.xml`,
        VENDORWATCH_DB: tempDbPath(),
        HOST: '127.0.0.1',
        PORT: String(port),
      };
      const run = await runCli(['start'], env);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`cannot listen on HOST 127.0.0.1, PORT ${port}: `);
      expect(run.stderr).toContain('Set PORT to a free port');
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
