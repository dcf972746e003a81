import { WatchlistError } from '../../../src/watchlist/load-watchlist.js';

/** The problems a watchlist load reports; fails the test when the load succeeds or throws anything else. */
export function problemsOf(load: () => unknown): WatchlistError['problems'] {
  try {
    load();
  } catch (error) {
    if (error instanceof WatchlistError) return error.problems;
    throw error;
  }
  throw new Error('expected a WatchlistError');
}
