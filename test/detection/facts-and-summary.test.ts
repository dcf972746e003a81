import { describe, expect, it } from 'vitest';
import type { Fact } from '../../src/core/types.js';
import { createDetector } from '../../src/detection/detector.js';
import { mergeFacts, parseCount } from '../../src/detection/facts.js';
import { loadArticle, loadWatchlist } from './support/fixtures.js';

const detector = createDetector(loadWatchlist());

describe('facts', () => {
  it('reads counts, dates, attack type, data types, filings and status from the story only', () => {
    const detection = detector.detect(loadArticle('breach-with-teasers'));
    const byName = (name: Fact['name']) => detection.facts.filter((f) => f.name === name).map((f) => f.value);
    expect(byName('people_affected')).toEqual(['212,000 patients']);
    expect(byName('attack_type')).toContain('ransomware');
    expect(byName('data_types')).toEqual(expect.arrayContaining(['Social Security numbers', 'names', 'claims and billing data']));
    expect(byName('regulatory_filing')).toContain('HHS OCR breach report');
    expect(byName('filed')).toContain('2025-06-30');
    expect(byName('status')).toContain('investigation ongoing');
    // The teasers: 9 million utility records, the Akira group, a school district.
    expect(JSON.stringify(detection.facts)).not.toMatch(/9 million|Akira|school/i);
    expect(detection.facts.every((f) => f.source === 'breach-with-teasers')).toBe(true);
  });

  it('resolves a date without a year against the publication date', () => {
    const article = {
      id: 'relative',
      title: 'Harborline Billing confirms ransomware attack',
      text: 'Harborline Billing said it detected ransomware on its claims servers on December 28 and that hackers copied patient files.',
      published: '2026-01-05',
    };
    expect(detector.detect(article).facts).toContainEqual({ name: 'detected', value: '2025-12-28', source: 'relative' });
  });

  it('merges equal values across sources, whatever the number format, and keeps conflicting ones', () => {
    const merged = mergeFacts([
      { name: 'people_affected', value: '4.5 million people', source: 'a' },
      { name: 'people_affected', value: '4,500,000 patients', source: 'b' },
      { name: 'people_affected', value: '112,005 individuals', source: 'c' },
      { name: 'attack_type', value: 'Ransomware', source: 'a' },
      { name: 'attack_type', value: 'ransomware', source: 'c' },
    ]);
    expect(merged).toEqual([
      {
        name: 'people_affected',
        values: [
          { value: '4.5 million people', sources: ['a', 'b'] },
          { value: '112,005 individuals', sources: ['c'] },
        ],
      },
      { name: 'attack_type', values: [{ value: 'Ransomware', sources: ['a', 'c'] }] },
    ]);
  });

  it('parses the usual ways of writing a count', () => {
    expect(parseCount('8,493,379')).toBe(8_493_379);
    expect(parseCount('4.5 million')).toBe(4_500_000);
    expect(parseCount('37M')).toBe(37_000_000);
  });
});

describe('summary', () => {
  it('takes the story sentences, not the menu, the repeated headline or the teasers, within 600 characters', () => {
    const article = loadArticle('breach-with-teasers');
    const { summary } = detector.detect(article);
    expect(summary.startsWith('Harborline Billing, a medical billing company')).toBe(true);
    expect(summary).not.toContain('Subscribe');
    expect(summary).not.toContain(article.title);
    expect(summary).not.toMatch(/utility|School district|Photo/);
    expect(summary.length).toBeLessThanOrEqual(600);
  });

  it('stays within 600 characters when the lead is one very long sentence', () => {
    const article = {
      id: 'long',
      title: 'Harborline Billing hacked',
      text: `Harborline Billing said hackers stole patient records ${'and more records '.repeat(80)}from its servers.`,
    };
    expect(detector.detect(article).summary.length).toBeLessThanOrEqual(600);
  });
});
