import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateArticles, generateWatchlist } from '../../../bench/generate.js';
import type { Vendor } from '../../../src/core/types.js';
import { loadWatchlist } from '../../../src/watchlist/load-watchlist.js';
import { detectionFixtures, seedFixtures } from './fixtures.js';

// Every article of this repository's own corpora (our own words, so their full output may be checked in), each
// corpus a batch with its watchlist, in a fixed order: incident keys are shared across a batch, so the order is
// part of the output. The dev corpus of ../shared is not here: its text may not go into the repository.

export interface Corpus {
  /** Folder name of its golden files. */
  name: string;
  vendors: Vendor[];
  /** Triage input lines (JSON), in batch order. */
  lines: string[];
  /** The id of each line. */
  ids: string[];
}

/** The seeded sample of the benchmark generator: the same seeds always give the same articles. */
const BENCH_SAMPLE = { vendors: 200, watchlistSeed: 1, articles: 60, seed: 2024, breachShare: 0.5 } as const;

function corpus(name: string, vendors: Vendor[], lines: string[]): Corpus {
  return { name, vendors, lines, ids: lines.map((l) => (JSON.parse(l) as { id: string }).id) };
}

function jsonFiles(dir: string, except: string[]): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !except.includes(f))
    .sort()
    .map((f) => JSON.stringify(JSON.parse(readFileSync(join(dir, f), 'utf8'))));
}

function outOfSampleCorpus(): Corpus {
  const dir = join(detectionFixtures, 'out-of-sample');
  const lines = readFileSync(join(dir, 'articles.jsonl'), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  return corpus('out-of-sample', loadWatchlist(join(dir, 'watchlist.json')), lines);
}

/** The single-article fixtures of test/detection/fixtures and the seed articles of test/fixtures/seeds, one batch. */
function fixturesCorpus(): Corpus {
  const lines = [...jsonFiles(detectionFixtures, ['watchlist.json']), ...jsonFiles(seedFixtures, ['index.json'])];
  return corpus('fixtures', loadWatchlist(join(detectionFixtures, 'watchlist.json')), lines);
}

function benchSampleCorpus(): Corpus {
  const vendors = generateWatchlist(BENCH_SAMPLE.vendors, BENCH_SAMPLE.watchlistSeed);
  const articles = generateArticles(BENCH_SAMPLE.articles, { vendors, seed: BENCH_SAMPLE.seed, breachShare: BENCH_SAMPLE.breachShare });
  return corpus(
    'bench-sample',
    vendors,
    articles.map(({ breachStory: _, ...article }) => JSON.stringify(article)),
  );
}

export function ownCorpora(): Corpus[] {
  return [outOfSampleCorpus(), fixturesCorpus(), benchSampleCorpus()];
}
