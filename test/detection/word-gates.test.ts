// The word gates decide, from a sentence's words, which patterns cannot match it and need not run. They must be
// sound (never skip a pattern that would match) and still useful (skip what plainly cannot match).
import { describe, expect, it } from 'vitest';
import { gateFamily } from '../../src/detection/word-gates.js';

const PATTERNS = [
  /\bransomware\b/i,
  /\b(?:data|security) (?:breach|incident)\b/i,
  /\bunauthori[sz]ed (?:access|party|actor)\b/iu,
  /\b(?:notif(?:y|ied|ication)s?)\b.{0,40}\bpatients?\b/i,
  /\bprotected health information\b/iu,
  /\bsuspicious activity\b/iu,
  /\bform 8-k\b/i,
  /\b\d{1,3}(?:,\d{3})+ (?:people|individuals)\b/i,
];

const SENTENCES = [
  'The company said ransomware encrypted its billing servers.',
  'A Data Breach at the clearinghouse exposed claims.',
  'An unauthorized party reached the network in March.',
  'It will notify about 4,000 affected patients by mail.',
  'Records held Protected Health Information of members.',
  'The filing, a Form 8-K, describes the incident.',
  'About 1,200,000 individuals were affected.',
  'It detected suspicious activity on Tuesday.',
  // Case folding under the u flag: the long s and the Kelvin sign fold to s and k.
  'It detected ſuspicious activity on Tuesday.',
  'The attackers used RANSOMWARE and the filing was a FORM 8-\u212A.',
  'An unauthoriſed actor was seen.',
  // Glued punctuation and line breaks.
  'Breach:"data breach"—(security incident); ransomware!\nnotified patients.',
  'The weather was fine and the hospital opened a new wing.',
];

/** Every (sentence, pattern) pair where the pattern matches, and those of them the gate would skip. */
function soundness(family: ReturnType<typeof gateFamily>, sentences: string[]) {
  const matching: string[] = [];
  const skipped: string[] = [];
  for (const sentence of sentences) {
    const may = family.mayMatch(sentence);
    PATTERNS.forEach((re, index) => {
      if (!re.test(sentence)) return;
      matching.push(`${re.source} in ${sentence}`);
      if (!may[index]) skipped.push(`${re.source} in ${sentence}`);
    });
  }
  return { matching, skipped };
}

describe('word gates', () => {
  const family = gateFamily(PATTERNS);

  it('never skips a pattern that matches the sentence', () => {
    const { matching, skipped } = soundness(family, SENTENCES);
    // Every pattern matches somewhere, the folded spellings included, so the check below is about something.
    expect(PATTERNS.filter((re) => !matching.some((m) => m.startsWith(`${re.source} in `)))).toEqual([]);
    expect(matching.length).toBeGreaterThanOrEqual(12);
    expect(matching).toContain(`${PATTERNS[5]!.source} in It detected ſuspicious activity on Tuesday.`);
    expect(skipped).toEqual([]);
  });

  it('stays sound on upper-cased, lower-cased and trimmed variants of every sentence', () => {
    const variants = SENTENCES.flatMap((s) => [s.toUpperCase(), s.toLowerCase(), s.slice(4), s.slice(0, -6), `${s} ${s}`]);
    const { matching, skipped } = soundness(family, variants);
    expect(matching.length).toBeGreaterThanOrEqual(60);
    expect(skipped).toEqual([]);
  });

  it('skips patterns whose words are absent, so it saves work', () => {
    const may = family.mayMatch('The weather was fine and the hospital opened a new wing.');
    expect(may.filter(Boolean).length).toBeLessThan(PATTERNS.length / 2);
    expect(may[0]).toBe(false);
    expect(may[4]).toBe(false);
  });
});
