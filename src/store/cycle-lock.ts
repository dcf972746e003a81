import { randomUUID } from 'node:crypto';
import type { Logger } from '../log.js';
import type { Db } from './open-database.js';

/** A holder older than this is presumed dead even if its pid is alive (a reused pid, another host). */
const STALE_AFTER_MS = 30 * 60_000;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Serialises poll cycles across processes sharing one database: a second writer waits for the first's cycle
 * to end (or for it to die), so two cycles never interleave their writes. The lock lives in the database itself.
 */
export class CycleLock {
  private readonly holder = randomUUID();

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Tries once; true when this process now holds the lock. */
  tryAcquire(): boolean {
    return this.db
      .transaction(() => {
        const current = this.db.prepare('SELECT pid, holder, acquired_at FROM cycle_lock WHERE id = 1').get() as
          | { pid: number; holder: string; acquired_at: string }
          | undefined;
        if (current) {
          if (current.holder === this.holder) return true;
          const stale = !processAlive(current.pid) || this.now().getTime() - new Date(current.acquired_at).getTime() > STALE_AFTER_MS;
          if (!stale) return false;
          this.logger.warn({ pid: current.pid, since: current.acquired_at }, 'taking over the cycle lock of a process that is gone');
          this.db.prepare('DELETE FROM cycle_lock WHERE id = 1').run();
        }
        this.db
          .prepare('INSERT INTO cycle_lock (id, pid, holder, acquired_at) VALUES (1, ?, ?, ?)')
          .run(process.pid, this.holder, this.now().toISOString());
        return true;
      })
      .immediate();
  }

  /** Waits until the lock is ours, checking every `pollMs`; rejects when `signal` aborts. */
  async acquire(signal?: AbortSignal, pollMs = 250): Promise<void> {
    let told = false;
    while (!this.tryAcquire()) {
      if (signal?.aborted) throw new Error('aborted while waiting for the cycle lock');
      if (!told) {
        const current = this.db.prepare('SELECT pid FROM cycle_lock WHERE id = 1').get() as { pid: number } | undefined;
        this.logger.info(
          { pid: current?.pid },
          `another Vendorwatch process (pid ${current?.pid ?? '?'}) is running a cycle on this database: waiting for it`,
        );
        told = true;
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  release(): void {
    this.db.prepare('DELETE FROM cycle_lock WHERE id = 1 AND holder = ?').run(this.holder);
  }
}
