import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/core/types.js';
import { createDetector } from '../../src/detection/detector.js';
import { normaliseSpace, prepareArticle } from '../../src/detection/text.js';
import { loadArticle, loadWatchlist } from './support/fixtures.js';

const detector = createDetector(loadWatchlist());

function hideInName(article: Article, name: string, hidden: string): Article {
  const split = `${name.slice(0, 4)}${hidden}${name.slice(4)}`;
  return { ...article, title: article.title.replaceAll(name, split), text: article.text.replaceAll(name, split) };
}

describe('invisible characters in feed text', () => {
  it.each([
    ['a zero-width space', '\u200b'],
    ['a zero-width joiner', '\u200d'],
    ['a word joiner', '\u2060'],
    ['a byte order mark', '\ufeff'],
    ['a soft hyphen', '\u00ad'],
    ['a right-to-left override', '\u202e'],
    ['a bidi isolate', '\u2066'],
  ])('a vendor name split by %s still alerts the vendor', (_label, hidden) => {
    const article = hideInName(loadArticle('seed:carecloud-newswire'), 'CareCloud', hidden);
    expect(article.text).not.toContain('CareCloud');
    const detection = detector.detect(article);
    expect(detection.alert).toBe(true);
    expect(detection.vendors[0]).toMatchObject({ name: 'CareCloud', role: 'primary' });
  });

  it('deletes zero-width and bidi characters but keeps real spaces as spaces', () => {
    expect(normaliseSpace('Care\u200bCloud\u2009said\u00a0it\u202e was\ufeff hit')).toBe('CareCloud said it was hit');
  });
});

describe('markdown in article text', () => {
  const base: Article = {
    id: 'md-1',
    url: 'https://news.example/md-1',
    source: 'Example Health News',
    published: '2026-03-31',
    title: 'Ransomware attack shuts down Riverbend Clinic scheduling',
    text: [
      '![tracking pixel and stolen patient files on a laptop](https://img.example/cover.jpg)',
      'Riverbend Clinic said a ransomware attack on March 28 encrypted its scheduling servers, according to a [statement on its website](https://riverbend.example/notice "Notice").',
      'The clinic said patients should expect delays while systems are restored. ![chart](https://img.example/chart.png)',
    ].join('\n'),
  };

  it('reads a link as its label and drops images, so no address reaches the story', () => {
    const prepared = prepareArticle(base);
    expect(prepared.mainText).toContain('according to a statement on its website.');
    expect(prepared.mainText).not.toMatch(/https?:|\]\(|!\[/);
  });

  it('takes no facts from an image caption', () => {
    const detection = detector.detect(base);
    expect(detection.breach).toBe(true);
    const attackTypes = detection.facts.filter((f) => f.name === 'attack_type').map((f) => f.value);
    expect(attackTypes).toContain('ransomware');
    expect(attackTypes).not.toContain('tracking pixel');
  });
});
