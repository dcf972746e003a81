import type { Vendor } from '../src/core/types.js';
import { createVendorMatcher } from '../src/detection/matching/vendor-matcher.js';
import { generateArticles, generateWatchlist } from './generate.js';
import { type BenchContext, type Figure, figure, timePasses } from './harness.js';

// The vendor matcher against the obvious implementation: one case-insensitive word-boundary regex per watchlist
// name, alias and product, each tested against the article in a loop. Both see the same articles (title and
// text, as detection hands them over) at 100, 1,000 and 10,000 vendors.

const SIZES = [100, 1_000, 10_000] as const;

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The baseline: what one would write first. Returns the vendors named, so the work cannot be optimised away. */
function createRegexBaseline(vendors: Vendor[]): { find(text: string): number } {
  const patterns: { vendor: number; pattern: RegExp }[] = [];
  vendors.forEach((vendor, index) => {
    for (const term of [vendor.name, ...vendor.aliases, ...vendor.products]) {
      patterns.push({ vendor: index, pattern: new RegExp(`\\b${escapeRegex(term)}\\b`, 'i') });
    }
  });
  return {
    find(text) {
      let found = 0;
      let last = -1;
      for (const { vendor, pattern } of patterns) {
        if (vendor !== last && pattern.test(text)) {
          found += 1;
          last = vendor;
        }
      }
      return found;
    },
  };
}

export async function runMatcherBench(context: BenchContext): Promise<Figure[]> {
  const figures: Figure[] = [];
  const all = generateWatchlist(10_000);
  // Articles name the first hundred vendors, so every watchlist size holds the vendors they mention.
  const articles = generateArticles(context.quick ? 100 : 300, { vendors: all.slice(0, 100), seed: 11 }).map(
    (a) => `${a.title}\n${a.text}`,
  );
  const bytesPerPass = articles.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  const minMs = context.quick ? 300 : 2_000;
  let sink = 0;

  // One untimed round first: the first size measured must not pay for the JIT's first look at the matcher.
  const warm = createVendorMatcher(all.slice(0, 1_000));
  timePasses(
    () => {
      for (const text of articles) sink += warm.find(text).length;
    },
    minMs,
    0,
  );

  for (const size of SIZES) {
    const vendors = all.slice(0, size);
    const builtAt = performance.now();
    const matcher = createVendorMatcher(vendors);
    const buildMs = performance.now() - builtAt;
    const ours = timePasses(
      () => {
        for (const text of articles) sink += matcher.find(text).length;
      },
      minMs,
      3,
    );

    const regexBuiltAt = performance.now();
    const baseline = createRegexBaseline(vendors);
    const regexBuildMs = performance.now() - regexBuiltAt;
    // The baseline is slow at 10,000 vendors: a sample of the same articles, timed the same way, per article.
    const sampleSize = size >= 10_000 ? (context.quick ? 4 : 30) : size >= 1_000 ? (context.quick ? 20 : 120) : articles.length;
    const sample = articles.slice(0, sampleSize);
    const sampleBytes = sample.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
    const base = timePasses(
      () => {
        for (const text of sample) sink += baseline.find(text);
      },
      minMs / 2,
      size >= 10_000 && context.quick ? 0 : 1,
    );

    // Rates from the smaller of wall and CPU time (see startClock): the machine may be shared.
    const oursPerSecond = (articles.length / ours.costMsPerPass) * 1000;
    const basePerSecond = (sample.length / base.costMsPerPass) * 1000;
    const oursMbps = bytesPerPass / 1e6 / (ours.costMsPerPass / 1000);
    const baseMbps = sampleBytes / 1e6 / (base.costMsPerPass / 1000);
    const wallMbps = bytesPerPass / 1e6 / (ours.msPerPass / 1000);
    const cpuMbps = bytesPerPass / 1e6 / (ours.cpuMsPerPass / 1000);
    context.log(
      `matcher ${size}: ours ${oursPerSecond.toFixed(0)}/s (${oursMbps.toFixed(1)} MB/s; ${cpuMbps.toFixed(1)} by CPU, ${wallMbps.toFixed(1)} by wall), regex ${basePerSecond.toFixed(1)}/s on ${sample.length} articles, build ${buildMs.toFixed(0)} ms`,
    );
    const at10k = size === 10_000;
    const note = `${articles.length} articles of ~2 KB (${(bytesPerPass / 1e6).toFixed(2)} MB); rates from min(wall, CPU) time; baseline timed on ${sample.length} of them`;
    figures.push(
      figure({
        name: `matcher.${size}.speedup`,
        value: oursPerSecond,
        unit: 'articles/s',
        baseline: 'regex per name, articles/s',
        baselineValue: basePerSecond,
        check: at10k ? { kind: 'ratio-at-least', limit: 20 } : null,
        note,
      }),
      figure({
        name: `matcher.${size}.throughput`,
        value: oursMbps,
        unit: 'MB/s',
        baseline: 'regex per name, MB/s',
        baselineValue: baseMbps,
        check: at10k ? { kind: 'value-at-least', limit: 20 } : null,
        note: `by wall clock ${wallMbps.toFixed(1)} MB/s, by CPU time ${cpuMbps.toFixed(1)} MB/s in this run`,
      }),
      figure({
        name: `matcher.${size}.build`,
        value: buildMs,
        unit: 'ms',
        baseline: 'regex per name, build ms',
        baselineValue: regexBuildMs,
        check: null,
        note: 'built once per process (and per watchlist reload)',
      }),
    );
  }
  if (sink === -1) context.log('unreachable');
  return figures;
}
