import { describe, expect, it } from 'vitest';
import { normaliseForMatching, normaliseTerm, toNormalisedString } from '../../src/detection/matching/normalise-text.js';

const norm = (text: string): string => toNormalisedString(normaliseForMatching(text));

describe('normaliseForMatching', () => {
  it('folds case, punctuation, hyphens and line breaks to single spaces between bounding spaces', () => {
    expect(norm('CareCloud — a  NEW\r\nrecord-keeping  system!')).toBe(' carecloud a new record keeping system ');
  });

  it('strips diacritics and compatibility forms', () => {
    expect(norm('Siemens Healthineers in Zürich, Ｆｕｌｌｗｉｄｔｈ and ﬁles')).toBe(
      ' siemens healthineers in zurich fullwidth and files ',
    );
  });

  it('removes zero-width and bidi characters without splitting the word', () => {
    expect(norm('Care\u200bCloud Care\u200dCl\u00adoud \u202eCareCloud\u202c')).toBe(' carecloud carecloud carecloud ');
  });

  it('drops possessives with straight and curly apostrophes', () => {
    expect(norm("CareCloud's and CareCloud’s systems; O'Neil")).toBe(' carecloud and carecloud systems oneil ');
  });

  it('spells & as and', () => {
    expect(norm('Perry Johnson & Associates, PJ&A')).toBe(' perry johnson and associates pj and a ');
  });

  it('maps every normalised character back to the original offsets', () => {
    const text = 'Über  CareCloud’s';
    const n = normaliseForMatching(text);
    const s = toNormalisedString(n);
    const at = s.indexOf('carecloud');
    const start = n.starts[at] as number;
    const end = n.ends[at + 'carecloud'.length - 1] as number;
    expect(text.slice(start, end)).toBe('CareCloud');
    expect(text.slice(n.starts[1], n.ends[1])).toBe('Ü');
  });
});

describe('normaliseTerm', () => {
  it('makes legal suffixes optional', () => {
    expect(normaliseTerm('Epic Systems Corporation')).toBe('epic systems');
    expect(normaliseTerm('CareCloud, Inc.')).toBe('carecloud');
    expect(normaliseTerm('Acme Holdings L.P.')).toBe('acme holdings');
    expect(normaliseTerm('Welltok LLC')).toBe('welltok');
    expect(normaliseTerm('Smith & Co.')).toBe('smith');
  });

  it('keeps a term that is nothing but a suffix word', () => {
    expect(normaliseTerm('Inc.')).toBe('inc');
  });
});
