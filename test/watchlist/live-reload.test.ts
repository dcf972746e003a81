// The running bot picks up an edited watchlist file before its next cycle (or at once on SIGHUP), and a file that
// does not validate never replaces the list already loaded: the bot keeps alerting on the good list, logs every
// problem with its line and tells the operators once per bad version.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveWatchlist } from '../../src/app/live-watchlist.js';
import { createLogger } from '../../src/log.js';
import { WatchlistError } from '../../src/watchlist/load-watchlist.js';
import { tempDbPath } from '../cli/run-cli.js';
import { FIXTURE_FEEDS, type Harness, SEED_OUTLETS, startHarness } from '../support/app-harness.js';
import { spawnVendorwatch } from '../support/spawn-cli.js';

const CARECLOUD = { name: 'CareCloud', aliases: ['CareCloud Inc.'], domains: ['carecloud.com'], criticality: 'high' };
const EPIC = { name: 'Epic Systems', aliases: ['Epic'], products: ['MyChart'], criticality: 'high' };
const CHANGE = { name: 'Change Healthcare', products: ['Assurance'], criticality: 'critical' };
/** Two problems a person really makes: an empty name and a criticality that is not one of the four. */
const BAD_LIST = [EPIC, { name: '', aliases: ['Nameless'] }, { name: 'Medigrid', criticality: 'urgent' }];

const EMPTY_FEED =
  '<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet outlet</title><link>https://news.example.org/</link></channel></rss>';

function writeList(path: string, vendors: unknown): void {
  writeFileSync(path, JSON.stringify(vendors, null, 2));
}

const notLoadedNotices = (h: Harness) => h.topLevelPosts().filter((post) => post.text.includes('was not loaded'));

describe('a watchlist edited while the bot runs', () => {
  let harness: Harness | null = null;
  afterEach(async () => {
    await harness?.close();
    harness = null;
  });

  it('keeps alerting on the last good list while the file is bad, and switches when the file is good again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vw-live-watchlist-'));
    const path = join(dir, 'watchlist.json');
    writeList(path, [CARECLOUD, EPIC]);
    const quiet = Object.fromEntries(SEED_OUTLETS.map((name) => [`/${name}`, { kind: 'feed' as const, body: EMPTY_FEED }]));
    const h = (harness = await startHarness({ feeds: quiet, env: { VENDORWATCH_WATCHLIST: path } }));
    await h.app.runCycle({ backfill: false });
    expect([...h.app.vendors.keys()]).toEqual(['CareCloud', 'Epic Systems']);

    // A bad edit that drops CareCloud: it must not take effect.
    writeList(path, BAD_LIST);
    for (const name of SEED_OUTLETS) h.feeds.route(`/${name}`, { kind: 'feed', file: join(FIXTURE_FEEDS, name) });
    await h.app.runCycle({ backfill: false });
    expect([...h.app.vendors.keys()]).toEqual(['CareCloud', 'Epic Systems']);
    const alerts = h.topLevelPosts().filter((post) => post.text.includes('CareCloud') && !post.text.includes('was not loaded'));
    expect(alerts).toHaveLength(1);
    expect((await h.app.interactions.lookupVendor('CareCloud')).kind).toBe('found');

    // The operators hear about that version once, with the first problem's line, however many cycles it stays.
    await h.app.runCycle({ backfill: false });
    await h.app.reloadWatchlist();
    const notices = notLoadedNotices(h);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.text).toMatch(/2 problems \(first: line \d+ \(vendor #2\), field name/);
    expect(notices[0]?.text).toContain('keeps watching the 2 vendors');

    // Fixed: the new list replaces the old one, matcher and lookup included.
    writeList(path, [EPIC, CHANGE]);
    const refresh = await h.app.reloadWatchlist();
    expect(refresh).toMatchObject({ kind: 'reloaded', vendors: 2, previous: 2, added: ['Change Healthcare'], removed: ['CareCloud'] });
    expect([...h.app.vendors.keys()]).toEqual(['Epic Systems', 'Change Healthcare']);
    expect((await h.app.interactions.lookupVendor('CareCloud')).kind).toBe('unknown');
    expect((await h.app.interactions.lookupVendor('Change Healthcare')).kind).toBe('found');
    // A later bad version is a new problem and is announced again.
    writeList(path, [...BAD_LIST, CHANGE]);
    await h.app.runCycle({ backfill: false });
    expect(notLoadedNotices(h)).toHaveLength(2);
    expect([...h.app.vendors.keys()]).toEqual(['Epic Systems', 'Change Healthcare']);
  });

  it('keeps one watchlist for the whole of a cycle: a reload asked for meanwhile waits for its end', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vw-live-watchlist-'));
    const path = join(dir, 'watchlist.json');
    writeList(path, [CARECLOUD, EPIC]);
    const slow = { '/slow.xml': { kind: 'feed' as const, body: EMPTY_FEED, delayMs: 400 } };
    const h = (harness = await startHarness({ feeds: slow, env: { VENDORWATCH_WATCHLIST: path } }));
    const cycle = h.app.runCycle({ backfill: false });
    const order: string[] = [];
    void cycle.then(() => order.push('cycle done'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    writeList(path, [EPIC, CHANGE]);
    const reload = await h.app.reloadWatchlist().then((refresh) => {
      order.push('reloaded');
      return refresh;
    });
    await cycle;
    expect(order).toEqual(['cycle done', 'reloaded']);
    expect(reload).toMatchObject({ kind: 'reloaded', added: ['Change Healthcare'], removed: ['CareCloud'] });
  });

  it('rejects a bad file at start-up, since there is no good list to fall back on', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vw-live-watchlist-'));
    const path = join(dir, 'watchlist.json');
    writeList(path, BAD_LIST);
    expect(() => new LiveWatchlist(path, {}, createLogger({ level: 'silent' }))).toThrow(WatchlistError);
  });

  it('treats a deleted file as a bad version and keeps the list it has', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vw-live-watchlist-'));
    const path = join(dir, 'watchlist.json');
    writeList(path, [CARECLOUD]);
    const live = new LiveWatchlist(path, { CareCloud: { slackChannel: 'C0ROUTED1' } }, createLogger({ level: 'silent' }));
    expect(live.vendors.get('CareCloud')?.slackChannel).toBe('C0ROUTED1');
    expect(live.refresh()).toEqual({ kind: 'unchanged' });
    writeFileSync(path, '');
    expect(live.refresh()).toMatchObject({ kind: 'rejected', keptVendors: 1, newlyRejected: true });
    expect(live.refresh()).toEqual({ kind: 'unchanged' });
    expect([...live.vendors.keys()]).toEqual(['CareCloud']);
  });
});

describe('vendorwatch start and SIGHUP', () => {
  let child: ChildProcess | null = null;
  afterEach(() => {
    child?.kill('SIGKILL');
    child = null;
  });

  it('re-reads the watchlist at once, refusing a bad file with its line numbers and taking a good one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vw-sighup-'));
    const path = join(dir, 'watchlist.json');
    writeList(path, [CARECLOUD, EPIC]);
    const proc = (child = spawnVendorwatch(['start'], {
      env: {
        PATH: process.env.PATH,
        VENDORWATCH_FEEDS: 'http://127.0.0.1:9/none.xml',
        VENDORWATCH_WATCHLIST: path,
        VENDORWATCH_DB: tempDbPath(),
        PORT: '0',
        LOG_FORMAT: 'json',
      },
    }));
    const messages: { msg: string; level: number; problems?: number; vendors?: number }[] = [];
    let buffer = '';
    const waiters: (() => void)[] = [];
    proc.stderr.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const line of parts) if (line.startsWith('{')) messages.push(JSON.parse(line));
      for (const wake of waiters.splice(0)) wake();
    });
    const waitFor = async (pattern: RegExp) => {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const found = messages.find((m) => pattern.test(m.msg));
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no log line matching ${pattern}:\n${messages.map((m) => m.msg).join('\n')}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
    };
    await waitFor(/cycle 1 done/);

    writeList(path, BAD_LIST);
    proc.kill('SIGHUP');
    const refused = await waitFor(/watchlist not reloaded/);
    expect(refused.problems).toBe(2);
    expect(refused.msg).toMatch(/line \d+ \(vendor #2\), field name/);
    expect(refused.msg).toMatch(/line \d+ \(vendor #3\), field criticality/);
    expect(refused.msg).toContain('still using the 2 vendors');

    writeList(path, [CARECLOUD, EPIC, CHANGE]);
    proc.kill('SIGHUP');
    const reloaded = await waitFor(/watchlist reloaded/);
    expect(reloaded.vendors).toBe(3);

    const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
    proc.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});
