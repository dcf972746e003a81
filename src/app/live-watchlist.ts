import { statSync } from 'node:fs';
import type { Config } from '../config/load-config.js';
import type { Vendor } from '../core/types.js';
import type { Logger } from '../log.js';
import { describeProblem, loadWatchlist, WatchlistError } from '../watchlist/load-watchlist.js';

// The running bot re-reads its watchlist file when the file changes, so a third-party-risk team can add a vendor
// without a restart. The rule that matters: a file that does not validate never replaces the list already loaded.
// The bot keeps alerting on the last good list, says so in its log and tells the operators once per bad version.

export type WatchlistRefresh =
  | { kind: 'unchanged' }
  | { kind: 'reloaded'; vendors: number; previous: number; added: string[]; removed: string[] }
  | { kind: 'rejected'; problems: number; firstProblem: string; keptVendors: number; newlyRejected: boolean };

/** What identifies one version of the file without reading it: a write changes at least one of these. */
function fileVersion(path: string): string | null {
  try {
    const stat = statSync(path);
    return `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
  } catch {
    return null;
  }
}

/** Applies the config file's per-vendor routing over the watchlist's own channel fields. */
function withRouting(vendors: Vendor[], routing: Config['routing']): Map<string, Vendor> {
  return new Map(vendors.map((vendor) => [vendor.name, { ...vendor, ...(routing[vendor.name] ?? {}) }]));
}

export class LiveWatchlist {
  /**
   * The vendors by watchlist name. One Map for the app's lifetime, refilled in place on reload, because the
   * delivery worker, tracker and interaction service all read vendors through it.
   */
  readonly vendors = new Map<string, Vendor>();
  private loadedVersion: string | null;
  private rejectedVersion: string | null = null;

  /** Loads the file at start-up; a bad file throws WatchlistError here, so a bad first list stops the start. */
  constructor(
    private readonly path: string,
    private readonly routing: Config['routing'],
    private readonly logger: Logger,
  ) {
    this.loadedVersion = fileVersion(path);
    this.replace(loadWatchlist(path));
  }

  /** Re-reads the file if it changed since the last look. Never throws for a bad file: it is reported instead. */
  refresh(): WatchlistRefresh {
    const version = fileVersion(this.path);
    if (version === this.loadedVersion || version === this.rejectedVersion) return { kind: 'unchanged' };
    let next: Vendor[];
    try {
      next = loadWatchlist(this.path);
    } catch (error) {
      if (!(error instanceof WatchlistError)) throw error;
      const newlyRejected = this.rejectedVersion !== version;
      this.rejectedVersion = version;
      const first = error.problems[0];
      const firstProblem = first ? describeProblem(first) : 'unreadable';
      this.logger.error(
        { watchlist: this.path, problems: error.problems.length, keptVendors: this.vendors.size },
        `watchlist not reloaded: ${error.message}\nstill using the ${this.vendors.size} vendors loaded before`,
      );
      return { kind: 'rejected', problems: error.problems.length, firstProblem, keptVendors: this.vendors.size, newlyRejected };
    }
    const previousNames = new Set(this.vendors.keys());
    this.loadedVersion = version;
    this.rejectedVersion = null;
    this.replace(next);
    const added = [...this.vendors.keys()].filter((name) => !previousNames.has(name));
    const removed = [...previousNames].filter((name) => !this.vendors.has(name));
    this.logger.info(
      { watchlist: this.path, vendors: this.vendors.size, previous: previousNames.size, added: added.length, removed: removed.length },
      `watchlist reloaded: ${this.vendors.size} vendors (${added.length} added, ${removed.length} removed)`,
    );
    return { kind: 'reloaded', vendors: this.vendors.size, previous: previousNames.size, added, removed };
  }

  private replace(vendors: Vendor[]): void {
    const routed = withRouting(vendors, this.routing);
    this.vendors.clear();
    for (const [name, vendor] of routed) this.vendors.set(name, vendor);
  }
}
