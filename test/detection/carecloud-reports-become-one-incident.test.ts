import { describe, expect, it } from 'vitest';
import { createDetector } from '../../src/detection/detector.js';
import { mergeFacts } from '../../src/detection/facts.js';
import { IncidentGrouper } from '../../src/detection/grouping.js';
import { CARECLOUD_OUTLETS, loadArticle, loadWatchlist } from './support/fixtures.js';

const detector = createDetector(loadWatchlist());

function runAll(names: string[], grouper = new IncidentGrouper()) {
  return names.map((name) => {
    const article = loadArticle(name);
    const detection = detector.detect(article);
    return { article, detection, assignment: grouper.assign(article, detection) };
  });
}

describe('the four outlets of the CareCloud incident', () => {
  it('become one incident with four sources and one alert, for CareCloud only', () => {
    const results = runAll(CARECLOUD_OUTLETS);
    const keys = new Set(results.map((r) => r.assignment.key));
    expect(keys).toEqual(new Set(['carecloud-2026-03']));
    expect(results.filter((r) => r.assignment.isNew)).toHaveLength(1);
    expect(results[results.length - 1]!.assignment.signature?.articles).toBe(4);
    for (const { detection } of results) {
      expect(detection.breach).toBe(true);
      expect(detection.healthcare).toBe(true);
      expect(detection.alert).toBe(true);
      expect(detection.vendors.filter((v) => v.role === 'primary').map((v) => v.name)).toEqual(['CareCloud']);
    }
  });

  it('names Change Healthcare in the analysis piece as a mention, not a second breached vendor', () => {
    const { detection } = runAll(['seed:carecloud-analysis'])[0]!;
    expect(detection.vendors).toContainEqual({ name: 'Change Healthcare', role: 'mention', matched: 'Change Healthcare' });
    expect(detection.organisations).not.toContain('Change Healthcare');
  });

  it('keeps the unrelated teasers of the news site out of the summary, facts and matches', () => {
    const { detection } = runAll(['seed:carecloud-newssite'])[0]!;
    const text = `${detection.summary} ${detection.facts.map((f) => f.value).join(' ')}`;
    expect(text).not.toMatch(/Lower Saxony|Basel|Pakistan|pharmacy|naval/i);
    expect(detection.vendors.map((v) => v.name)).toEqual(['CareCloud']);
    expect(detection.summary.length).toBeLessThanOrEqual(600);
    expect(detection.summary).toMatch(/CareCloud/);
  });

  it('reads the detection date and the 8-K filing date with the article as their source', () => {
    const { detection } = runAll(['seed:carecloud-newswire'])[0]!;
    expect(detection.facts).toContainEqual({ name: 'detected', value: '2026-03-16', source: 'carecloud-newswire' });
    expect(detection.facts).toContainEqual({ name: 'filed', value: '2026-03-27', source: 'carecloud-newswire' });
    expect(detection.facts).toContainEqual({ name: 'regulatory_filing', value: 'SEC Form 8-K', source: 'carecloud-newswire' });
  });

  it('joins the lawsuit filed a month later to the same incident instead of opening a new one', () => {
    const results = runAll([...CARECLOUD_OUTLETS, 'seed:carecloud-followup-lawsuit']);
    const followUp = results[results.length - 1]!;
    expect(followUp.detection.breach).toBe(true);
    expect(followUp.assignment).toMatchObject({ key: 'carecloud-2026-03', isNew: false });
  });

  it('joins a Spanish translation of the story to the same incident', () => {
    const results = runAll([...CARECLOUD_OUTLETS, 'carecloud-spanish']);
    const translated = results[results.length - 1]!;
    expect(translated.detection.breach).toBe(true);
    expect(translated.assignment.key).toBe('carecloud-2026-03');
  });

  it('keeps both conflicting patient counts, each with its source', () => {
    const results = runAll(['seed:carecloud-conflicting-count', 'seed:carecloud-conflicting-count-2']);
    expect(new Set(results.map((r) => r.assignment.key)).size).toBe(1);
    const people = mergeFacts(results.flatMap((r) => r.detection.facts)).find((f) => f.name === 'people_affected');
    expect(people?.values).toEqual(
      expect.arrayContaining([
        { value: '1.2 million patients', sources: ['carecloud-conflicting-count'] },
        { value: '870,000 patients', sources: ['carecloud-conflicting-count-2'] },
      ]),
    );
  });
});
