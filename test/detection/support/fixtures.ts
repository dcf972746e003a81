import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Article, Vendor } from '../../../src/core/types.js';
import { loadWatchlist as loadWatchlistFile } from '../../../src/watchlist/load-watchlist.js';

const here = import.meta.dirname;
export const detectionFixtures = join(here, '..', 'fixtures');
export const seedFixtures = join(here, '..', '..', 'fixtures', 'seeds');

export function loadArticle(name: string): Article {
  const dir = name.startsWith('seed:') ? seedFixtures : detectionFixtures;
  const file = name.replace(/^seed:/, '');
  return JSON.parse(readFileSync(join(dir, `${file}.json`), 'utf8')) as Article;
}

export function loadWatchlist(): Vendor[] {
  return loadWatchlistFile(join(detectionFixtures, 'watchlist.json'));
}

export const CARECLOUD_OUTLETS = ['seed:carecloud-newswire', 'seed:carecloud-newssite', 'seed:carecloud-blog', 'seed:carecloud-analysis'];
