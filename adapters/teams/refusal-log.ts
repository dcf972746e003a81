// One warn line per refused request, but never more than `limit` a window: a flood of forged requests must not
// fill the disk. What was held back is counted and said in one line when the window ends (or the adapter stops).

import type { Logger } from '../../src/log.js';

export interface RefusalLogOptions {
  /** Lines logged per window before the rest are only counted. */
  limit?: number;
  windowMs?: number;
  now?: () => Date;
}

export const REFUSAL_LOG_LIMIT = 20;
const WINDOW_MS = 60_000;

export class RefusalLog {
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly now: () => Date;
  private windowStart = Number.NEGATIVE_INFINITY;
  private logged = 0;
  private suppressed = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly logger: Logger,
    options: RefusalLogOptions = {},
  ) {
    this.limit = options.limit ?? REFUSAL_LOG_LIMIT;
    this.windowMs = options.windowMs ?? WINDOW_MS;
    this.now = options.now ?? (() => new Date());
  }

  /** Logs `message` at warn with `fields`, unless this window already has its `limit` lines. */
  refused(fields: Record<string, unknown>, message: string): void {
    const at = this.now().getTime();
    if (at - this.windowStart >= this.windowMs) {
      this.flush();
      this.windowStart = at;
      this.logged = 0;
    }
    if (this.logged < this.limit) {
      this.logged++;
      this.logger.warn(fields, message);
      return;
    }
    this.suppressed++;
    // The count must come out even if the flood stops now and nothing else is ever refused.
    if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), Math.max(0, this.windowStart + this.windowMs - at));
      this.timer.unref();
    }
  }

  /** Says how many refusals were held back, if any. Called at the end of a window and when the adapter stops. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.suppressed === 0) return;
    const suppressed = this.suppressed;
    this.suppressed = 0;
    this.logger.warn(
      { suppressed, limitPerWindow: this.limit, windowSeconds: Math.round(this.windowMs / 1000) },
      `teams: ${suppressed} more refused requests suppressed`,
    );
  }
}
