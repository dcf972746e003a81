// The golden detection corpus: every article of our own corpora goes through triage, and its whole output line
// (decision, vendors and roles, incident key, summary, facts, organisations and `why`) must equal the file
// test/detection/golden/<corpus>/<id>.expected.json byte for byte. Any change to a rule shows here as a diff of
// exactly the articles it changes.
//
// After an intended change: UPDATE_GOLDEN=1 npx vitest run test/detection/golden-corpus.test.ts, then review the
// diff (git diff test/detection/golden) and check `npm run eval` before committing.

import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTriage, type TriageLine } from '../../src/detection/triage.js';
import { expectGolden, expectNoStaleGoldens } from '../support/golden.js';
import { ownCorpora } from './support/corpora.js';

const goldenDir = join(import.meta.dirname, 'golden');
const corpora = ownCorpora();

describe('golden detection corpus', () => {
  it('covers at least 100 articles, each with an id usable as a file name and unique in its corpus', () => {
    expect(corpora.reduce((n, c) => n + c.ids.length, 0)).toBeGreaterThanOrEqual(100);
    for (const c of corpora) {
      expect(
        c.ids.filter((id) => !/^[\w.-]+$/.test(id)),
        c.name,
      ).toEqual([]);
      expect(new Set(c.ids).size, c.name).toBe(c.ids.length);
    }
  });

  for (const corpus of corpora) {
    describe(corpus.name, () => {
      const dir = join(goldenDir, corpus.name);
      const goldenPath = (id: string) => join(dir, `${id}.expected.json`);
      let outputs: Map<string, TriageLine>;

      beforeAll(() => {
        // One batch per corpus, in its order, as `vendorwatch triage` runs a file: incident keys are batch-wide.
        const triage = createTriage({ vendors: corpus.vendors });
        outputs = new Map(corpus.lines.map((line, i) => [corpus.ids[i]!, triage.run(line, i + 1)]));
      });

      it.each(corpus.ids)('%s matches its golden file', (id) => {
        expectGolden(goldenPath(id), outputs.get(id));
      });

      it('has no golden file whose article is gone', () => {
        expectNoStaleGoldens(dir, corpus.ids.map(goldenPath));
      });
    });
  }
});
