// literal-gate.ts reads a pattern's source for the words every match must contain. It must never require a word a
// match can do without (that would skip a pattern that matches), and it should require the words it can prove.

import { describe, expect, it } from 'vitest';
import { firstMatching, gatedAlternatives, literalGate, requiredWords, unionGate } from '../../src/detection/literal-gate.js';

const words = (re: RegExp, ignoring?: string) => literalGate(re, ignoring).words;
const may = (re: RegExp, text: string) => literalGate(re).mayMatch(text.toLowerCase(), text);

describe('literal gate: what a pattern requires', () => {
  it('a literal, lower-cased, whatever the flags', () => {
    expect(words(/\bransomware\b/i)).toEqual(['ransomware']);
    expect(words(/Ransomware/)).toEqual(['ransomware']);
    expect(words(/^breach$/)).toEqual(['breach']);
  });

  it('one of the alternatives, and nothing when one alternative has no word', () => {
    expect(words(/\b(?:santé|hôpital)\b/iu)).toEqual(['santé', 'hôpital']);
    expect([...(words(/breach|leak|\d+ records/) ?? [])].sort()).toEqual(['breach', 'leak', ' records'].sort());
    expect(words(/breach|\d+/)).toBeNull();
    expect(words(/breach|/)).toBeNull();
  });

  it('optional groups are not required, the text around them is', () => {
    expect(words(/data (?:breach|leak)?/)).toEqual(['data ']);
    expect(words(/(?:cyber[- ]?)?attack/)).toEqual(['attack']);
    expect(words(/(?:foo)?/)).toBeNull();
    expect(words(/(?:hack)*ers/)).toEqual(['ers']);
    expect(words(/(?:ab){0,3}c/)).toEqual(['c']);
  });

  it('a repeated group at least once is required; fixed counts too', () => {
    expect(words(/(?:breach)+ of/)).toEqual(['breach']);
    expect(words(/x(?:breach)+/)).toEqual(['breach']);
    expect(words(/(?:leak){2}/)).toEqual(['leak']);
  });

  it('small classes of plain characters are their characters; ranges, negations, escapes and big classes are anything', () => {
    expect(words(/unauthori[sz]ed/)).toEqual(['unauthorised', 'unauthorized']);
    expect(words(/[a-z]+ing attack/)).toEqual(['ing attack']);
    expect(words(/[^x]yz/)).toEqual(['yz']);
    expect(words(/[\w-]+ breach/)).toEqual([' breach']);
    expect(words(/[abcdefghij]x/)).toEqual(['x']);
    expect([...(words(/[’']s data/) ?? [])].sort()).toEqual(["'s data", '’s data']);
  });

  it('escapes: punctuation is literal, classes and boundaries are not words, code escapes are their character', () => {
    // biome-ignore lint/complexity/noUselessEscapeInRegex: the escape is what is tested
    expect(words(/form 8\-k/)).toEqual(['form 8-k']);
    expect(words(/u\.s\. breach/)).toEqual(['u.s. breach']);
    expect(words(/\d+\s+patients/)).toEqual(['patients']);
    expect(words(/sant\u00e9/)).toEqual(['santé']);
    expect(words(/\x41PI/)).toEqual(['api']);
    expect(words(/\bhack\b/)).toEqual(['hack']);
  });

  it('lookarounds and any-character match no text of their own', () => {
    expect(words(/(?<=hack)ed/)).toEqual(['ed']);
    expect(words(/(?!foo)bar/)).toEqual(['bar']);
    expect(words(/hack.d/)).toEqual(['hack']);
  });

  it('a sequence requires a word of each of its parts, and tests the rarest sets first', () => {
    const gate = literalGate(/\b(?:said|says)\b[^.]{0,30}\b(?:its|their)\b[^.]{0,20}\b(?:affected|hit)\b/i);
    expect(gate.wordSets.map((set) => [...set].sort())).toEqual([
      ['affected', 'hit'],
      ['said', 'says'],
      ['its', 'their'],
    ]);
    expect(gate.words).toEqual(['hit', 'affected']);
    expect(gate.mayMatchText('It said the data was affected.')).toBe(false);
    expect(gate.mayMatchText('It said its staff were hit.')).toBe(true);
  });

  it('prefers a set without everyday words ("its", "said") as the one list of words', () => {
    expect(words(/\b(?:its|their)\s+(?:flaws?|bugs?)\b/)).toEqual(['bug', 'flaw']);
    expect(words(/\b(?:kept|stored)\s+(?:data|files)\b/)).toEqual(['kept', 'stored']);
  });

  it('gives up (no words, always "may match") on what it does not read', () => {
    expect(words(/(a)\1/)).toBeNull();
    expect(words(/\cJ/)).toBeNull();
    expect(words(/\p{Lu}/u)).toBeNull();
    expect(words(/Σίγμα/i)).toBeNull();
    expect(may(/(a)\1/, 'zzz')).toBe(true);
  });

  it('does not rely on the placeholder it is told every text holds', () => {
    expect(words(/QQORGQQ breach/, 'QQORGQQ')).toEqual([' breach']);
    expect(words(/QQORGQQ/, 'QQORGQQ')).toBeNull();
  });

  it('keeps whole phrases while they are few, else prefers the piece whose shortest word is longer', () => {
    expect(words(/an? (?:attacker|intruder) (?:took|stole)/)).toHaveLength(8);
    expect(words(/an? (?:attacker|intruder) (?:took|stole)/)).toContain('an intruder stole');
    expect(words(/\w+ (?:attacker|intruder)\w* (?:took|stole)/)).toEqual([' attacker', ' intruder']);
  });

  it('gives no gate for more words than a scan can use (48), but word-gates may ask for more', () => {
    const many = new RegExp(Array.from({ length: 60 }, (_, i) => `alpha${i}z`).join('|'));
    expect(words(many)).toBeNull();
    expect(requiredWords(many, 400)).toHaveLength(60);
  });
});

describe('literal gate: answers', () => {
  it('"cannot match" only where the words are absent', () => {
    expect(may(/\bdata breach\b/i, 'A Data Breach hit the clinic.')).toBe(true);
    expect(may(/\bdata breach\b/i, 'The data was safe.')).toBe(false);
  });

  it('is case-insensitive even for a case-sensitive pattern (a superset is sound)', () => {
    expect(may(/Group/, 'THE GROUP')).toBe(true);
    expect(literalGate(/Group/).mayMatchText('THE GROUP')).toBe(true);
  });

  it('follows unicode case folding: the long s and the Kelvin sign', () => {
    expect(/\bsuspicious\b/iu.test('ſuspicious')).toBe(true);
    expect(may(/\bsuspicious\b/iu, 'ſuspicious activity')).toBe(true);
    expect(literalGate(/\bsuspicious\b/iu).mayMatchText('ſuspicious activity')).toBe(true);
    // Without the u flag the long s is no s, for the pattern and the gate alike.
    expect(/suspicious/i.test('ſuspicious')).toBe(false);
    expect(literalGate(/suspicious/i).mayMatchText('ſuspicious')).toBe(false);
    expect(/kelvin/iu.test('\u212Aelvin')).toBe(true);
    expect(literalGate(/kelvin/iu).mayMatchText('\u212Aelvin')).toBe(true);
  });

  it('never says "cannot match" where the pattern matches (a sample of patterns and texts)', () => {
    const patterns = [
      /\b(?:hackers?|attackers?)\b[^.;]{0,90}?\b(?:stole|accessed)\b/i,
      /\bunauthori[sz]ed (?:access|party)\b/iu,
      /\b(?:cyber[- ]?)?attack(?:s|ed)? on\b/i,
      /\b(?:data|records?) (?:was|were) (?:stolen|exposed)\b/i,
      /(?:pixels?|tracking code)\b[^.]{0,80}\bshar\w+/iu,
      /\bform 8-k\b|\bsec filing\b/i,
      /\b(?:ransomware|hacking) (?:group|gang) (?:called|named) [A-Z]\w+/,
    ];
    const texts = [
      'Hackers stole files.',
      'ATTACKERS ACCESSED THE PORTAL.',
      'An unauthoriſed party got in.',
      'A Cyber-Attack on the clinic.',
      'Records were exposed online.',
      'The pixel was sharing data.',
      'It filed a Form 8-K.',
      'The ransomware group called Lynx posted it.',
      'Nothing happened here.',
      'an unauthorized access attempt',
      'SEC FILING',
      'tracking code kept sharing visits',
    ];
    const skipped: string[] = [];
    let matched = 0;
    for (const re of patterns) {
      const gate = literalGate(re);
      for (const text of texts) {
        if (!re.test(text)) continue;
        matched += 1;
        if (!gate.mayMatch(text.toLowerCase(), text) || !gate.mayMatchText(text)) skipped.push(`${re.source} on ${text}`);
      }
    }
    expect(matched).toBeGreaterThanOrEqual(10);
    expect(skipped).toEqual([]);
  });
});

describe('gated alternatives', () => {
  const alternatives = gatedAlternatives([/QQORGQQ customers/iu, /tool made by QQORGQQ/iu, /QQORGQQ\b.{0,9}\bflaw/iu], 'QQORGQQ');

  it("has the union of its members' words", () => {
    expect([...alternatives.gate.words!].sort()).toEqual([' customers', 'flaw', 'tool made by '].sort());
  });

  it('answers with the first member that matches, or -1', () => {
    const test = (text: string) => firstMatching(alternatives, text, text.toLowerCase());
    expect(test('QQORGQQ customers were hit')).toBe(0);
    expect(test('a tool made by QQORGQQ')).toBe(1);
    expect(test('QQORGQQ had a flaw')).toBe(2);
    expect(test('QQORGQQ was breached')).toBe(-1);
  });

  it('a union with a member that gives no words always says "may match"', () => {
    expect(unionGate([literalGate(/breach/), literalGate(/\d+/)]).words).toBeNull();
    expect(unionGate([literalGate(/breach/), literalGate(/\d+/)]).mayMatchText('zzz')).toBe(true);
  });
});
