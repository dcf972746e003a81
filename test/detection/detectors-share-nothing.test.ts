// Two detectors in one process (two watchlists, or a watchlist reload while the old one finishes) must not see each
// other: whatever a detector remembers (word tables, found dates, organisation keys) is its own. Each corpus is run
// with its own watchlist and with another corpus's, each run alone with freshly loaded detection modules, then all
// runs together, article by article in turn, one detector each; every output line must be the same. The same
// articles under two watchlists is what a cache keyed by text alone would get wrong.

import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { TriageLine } from '../../src/detection/triage.js';
import { type Corpus, ownCorpora } from './support/corpora.js';

type TriageModule = typeof import('../../src/detection/triage.js');

/** The detection modules as a fresh process would load them: no state left from anything run before. */
async function freshTriage(): Promise<TriageModule> {
  vi.resetModules();
  return import('../../src/detection/triage.js');
}

const corpora: Corpus[] = ownCorpora();

interface Run {
  name: string;
  corpus: Corpus;
  vendors: Corpus['vendors'];
}

const runs: Run[] = corpora.flatMap((corpus, i) => {
  const other = corpora[(i + 1) % corpora.length]!;
  return [
    { name: `${corpus.name} with its own watchlist`, corpus, vendors: corpus.vendors },
    { name: `${corpus.name} with the ${other.name} watchlist`, corpus, vendors: other.vendors },
  ];
});

describe('two detectors in one process', () => {
  const alone = new Map<string, TriageLine[]>();
  const together = new Map<string, TriageLine[]>(runs.map((r) => [r.name, []]));

  beforeAll(async () => {
    for (const run of runs) {
      const { createTriage } = await freshTriage();
      const triage = createTriage({ vendors: run.vendors });
      alone.set(
        run.name,
        run.corpus.lines.map((line, i) => triage.run(line, i + 1)),
      );
    }
    const { createTriage } = await freshTriage();
    const batches = runs.map((run) => ({ run, triage: createTriage({ vendors: run.vendors }) }));
    const longest = Math.max(...runs.map((r) => r.corpus.lines.length));
    for (let i = 0; i < longest; i += 1) {
      for (const { run, triage } of batches) {
        const line = run.corpus.lines[i];
        if (line !== undefined) together.get(run.name)!.push(triage.run(line, i + 1));
      }
    }
  }, 60_000);

  it('run the same articles under different watchlists, interleaved', () => {
    expect(new Set(corpora.map((c) => c.vendors.length)).size).toBe(corpora.length);
    // The watchlist changes the output, so a detector reading another's state would show.
    for (const corpus of corpora) {
      const [own, other] = runs.filter((r) => r.corpus === corpus).map((r) => alone.get(r.name));
      expect(own).not.toEqual(other);
    }
  });

  for (const run of runs) {
    it(`give ${run.name} the output it gets alone`, () => {
      const got = together.get(run.name)!;
      expect(got).toHaveLength(run.corpus.lines.length);
      expect(got).toEqual(alone.get(run.name));
    });
  }
});
