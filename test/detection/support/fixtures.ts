import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Article, Vendor } from '../../../src/core/types.js';
import { parseVendorsJson } from '../../../src/detection/load-vendors.js';

const here = import.meta.dirname;
export const detectionFixtures = join(here, '..', 'fixtures');
export const seedFixtures = join(here, '..', '..', 'fixtures', 'seeds');

export function loadArticle(name: string): Article {
  const dir = name.startsWith('seed:') ? seedFixtures : detectionFixtures;
  const file = name.replace(/^seed:/, '');
  return JSON.parse(readFileSync(join(dir, `${file}.json`), 'utf8')) as Article;
}

export function loadWatchlist(): Vendor[] {
  return parseVendorsJson(readFileSync(join(detectionFixtures, 'watchlist.json'), 'utf8'));
}

export const CARECLOUD_OUTLETS = ['seed:carecloud-newswire', 'seed:carecloud-newssite', 'seed:carecloud-blog', 'seed:carecloud-analysis'];
