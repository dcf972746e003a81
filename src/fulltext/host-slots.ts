// At most `perHost` requests to one host and `overall` in all, first come first served. A request waiting for a slot
// gives up when its signal fires (the cycle's page budget ran out), so nothing waits past the budget.

export type Release = () => void;

interface Waiter {
  host: string;
  grant: (release: Release | null) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

export class HostSlots {
  private readonly running = new Map<string, number>();
  private active = 0;
  private readonly waiting: Waiter[] = [];

  constructor(
    private readonly overall: number,
    private readonly perHost: number,
  ) {}

  /** A release function once a slot is free; null when `signal` fired first. */
  acquire(host: string, signal?: AbortSignal): Promise<Release | null> {
    if (signal?.aborted) return Promise.resolve(null);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        host,
        signal,
        grant: resolve,
        onAbort: () => {
          const at = this.waiting.indexOf(waiter);
          if (at !== -1) this.waiting.splice(at, 1);
          resolve(null);
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.waiting.push(waiter);
      this.pump();
    });
  }

  private pump(): void {
    for (let i = 0; i < this.waiting.length && this.active < this.overall; ) {
      const waiter = this.waiting[i] as Waiter;
      if ((this.running.get(waiter.host) ?? 0) >= this.perHost) {
        i += 1;
        continue;
      }
      this.waiting.splice(i, 1);
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      this.active += 1;
      this.running.set(waiter.host, (this.running.get(waiter.host) ?? 0) + 1);
      let released = false;
      waiter.grant(() => {
        if (released) return;
        released = true;
        this.active -= 1;
        const left = (this.running.get(waiter.host) ?? 1) - 1;
        if (left === 0) this.running.delete(waiter.host);
        else this.running.set(waiter.host, left);
        this.pump();
      });
    }
  }
}
