import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { CycleLock } from '../../src/store/cycle-lock.js';
import { Store } from '../../src/store/store.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('CycleLock', () => {
  it('makes a second writer on the same database wait until the first cycle is over', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'vw-lock-')), 'vendorwatch.db');
    const first = Store.open(path);
    const second = Store.open(path);
    const a = new CycleLock(first.db, silentLogger);
    const b = new CycleLock(second.db, silentLogger);
    const events: string[] = [];

    await a.acquire();
    events.push('a acquired');
    expect(b.tryAcquire()).toBe(false);
    const waiting = b.acquire(undefined, 20).then(() => events.push('b acquired'));
    await sleep(150);
    events.push('a releasing');
    a.release();
    await waiting;
    expect(events).toEqual(['a acquired', 'a releasing', 'b acquired']);
    b.release();
    first.close();
    second.close();
  });

  it('takes over a lock whose holder process is gone', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'vw-lock-')), 'vendorwatch.db');
    const store = Store.open(path);
    // A pid far above any real one: the holder died without releasing.
    store.db
      .prepare('INSERT INTO cycle_lock (id, pid, holder, acquired_at) VALUES (1, 4194000, ?, ?)')
      .run('dead', new Date().toISOString());
    expect(new CycleLock(store.db, silentLogger).tryAcquire()).toBe(true);
    store.close();
  });

  it('gives up waiting when asked to stop', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'vw-lock-')), 'vendorwatch.db');
    const store = Store.open(path);
    const other = Store.open(path);
    new CycleLock(store.db, silentLogger).tryAcquire();
    const controller = new AbortController();
    const waiting = new CycleLock(other.db, silentLogger).acquire(controller.signal, 10);
    controller.abort();
    await expect(waiting).rejects.toThrow(/aborted/);
    store.close();
    other.close();
  });
});
