import { describe, expect, it } from 'vitest';
import { buildAutomaton, selectLeftmostLongest } from '../../src/detection/matching/aho-corasick.js';

const codes = (s: string): Uint16Array => Uint16Array.from(s, (c) => c.charCodeAt(0));

function naive(patterns: string[], text: string): string[] {
  const out: string[] = [];
  patterns.forEach((p, index) => {
    for (let i = text.indexOf(p); i >= 0; i = text.indexOf(p, i + 1)) out.push(`${index}@${i}-${i + p.length}`);
  });
  return out.sort();
}

describe('Aho-Corasick automaton', () => {
  it('finds every occurrence of every pattern, overlapping ones included', () => {
    const patterns = ['he', 'she', 'his', 'hers'];
    const found = buildAutomaton(patterns)
      .findAll(codes('ushers'))
      .map((m) => `${patterns[m.pattern]}@${m.start}`);
    expect(found.sort()).toEqual(['he@2', 'hers@2', 'she@1']);
  });

  it('agrees with a naive search on random texts over a small alphabet', () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const word = (len: number): string => Array.from({ length: len }, () => 'abc '[random(4)]).join('');
    const patterns = Array.from({ length: 40 }, () => word(1 + random(5)));
    const unique = [...new Set(patterns)];
    // Complete rows everywhere, only the root, and a few: the sparse fallback must agree with the dense path.
    for (const denseBudget of [undefined, 1, 20]) {
      const automaton = buildAutomaton(unique, { denseBudget });
      for (let round = 0; round < 20; round++) {
        const text = word(300);
        const found = automaton
          .findAll(codes(text))
          .map((m) => `${m.pattern}@${m.start}-${m.end}`)
          .sort();
        expect(found).toEqual(naive(unique, text));
      }
    }
  });

  it('matches every pattern of a large set, with or without complete rows', () => {
    const patterns = Array.from({ length: 2000 }, (_, i) => ` vendor${i.toString(36)} `);
    const automaton = buildAutomaton(patterns, { denseBudget: 200 });
    const text = ` x${patterns[1999]}y${patterns[5]}`;
    const found = automaton.findAll(codes(text)).map((m) => m.pattern);
    expect(found).toEqual([1999, 5]);
  });

  it('selects leftmost-longest among overlapping matches', () => {
    const kept = selectLeftmostLongest(
      [
        { start: 0, end: 6, id: 'epic' },
        { start: 0, end: 14, id: 'epic systems' },
        { start: 5, end: 14, id: 'systems' },
        { start: 13, end: 20, id: 'next' },
      ],
      1,
    );
    expect(kept.map((k) => k.id)).toEqual(['epic systems', 'next']);
  });
});
