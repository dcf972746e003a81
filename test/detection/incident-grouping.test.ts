import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/core/types.js';
import { createDetector } from '../../src/detection/detector.js';
import { IncidentGrouper } from '../../src/detection/grouping.js';
import { CARECLOUD_OUTLETS, loadArticle, loadWatchlist } from './support/fixtures.js';

const detector = createDetector(loadWatchlist());

function assign(grouper: IncidentGrouper, article: Article) {
  return grouper.assign(article, detector.detect(article));
}

describe('incident grouping', () => {
  it('keeps an incident at the same vendor five years earlier apart', () => {
    const grouper = new IncidentGrouper();
    const old = assign(grouper, loadArticle('carecloud-2021-phishing'));
    const recent = assign(grouper, loadArticle('seed:carecloud-newswire'));
    expect(old.key).toBe('carecloud-2021-02');
    expect(recent.key).toBe('carecloud-2026-03');
    expect(recent.isNew).toBe(true);
  });

  it('gives no key to an article that reports no breach', () => {
    const grouper = new IncidentGrouper();
    expect(assign(grouper, loadArticle('seed:earnings'))).toMatchObject({ key: null, isNew: false });
    expect(grouper.size).toBe(0);
  });

  it('rebuilt from stored JSON signatures, still groups new reports with old incidents', () => {
    const first = new IncidentGrouper();
    assign(first, loadArticle(CARECLOUD_OUTLETS[0]!));
    const stored = JSON.parse(JSON.stringify(first.entries()));
    const restarted = new IncidentGrouper(stored);
    const next = assign(restarted, loadArticle(CARECLOUD_OUTLETS[1]!));
    expect(next).toMatchObject({ key: 'carecloud-2026-03', isNew: false });
  });

  it('adds a suffix when a different incident would get a key already in use', () => {
    const grouper = new IncidentGrouper();
    const a = assign(grouper, loadArticle('seed:carecloud-newswire'));
    // Same vendor and month, but told as a separate breached party with nothing in common: a forced collision.
    const other = {
      ...loadArticle('carecloud-2021-phishing'),
      id: 'copy',
      published: '2026-03-20',
      text: 'CareCloud Health Partners, a different company, said hackers stole files in March 2026.',
    };
    const detection = detector.detect(other);
    const collided = grouper.assign(other, {
      ...detection,
      signature: { ...detection.signature, primary: { key: 'x', name: 'CareCloud', acronym: null, short: false }, orgs: [] },
    });
    expect(a.key).toBe('carecloud-2026-03');
    expect(collided.key).toBe('carecloud-2026-03-2');
  });

  it('groups short feed summaries under Title Case headlines by the organisation the headline names', () => {
    const grouper = new IncidentGrouper();
    const a = {
      id: 'short-a',
      title: 'Lakeshore Regional Hospital Hit By Ransomware Attack',
      text: 'The hospital said on Tuesday that it had diverted ambulances while it restored its systems.',
      published: '2026-05-06',
    };
    const b = {
      id: 'short-b',
      title: "Lakeshore Regional Hospital Confirms Patients' Data Stolen In May Attack",
      text: 'Officials said letters will go out to affected patients this month.',
      published: '2026-06-02',
    };
    const first = assign(grouper, a);
    expect(detector.detect(a).organisations[0]).toBe('Lakeshore Regional Hospital');
    expect(first.key).toBe('lakeshore-regional-hospital-2026-05');
    expect(assign(grouper, b)).toMatchObject({ key: first.key, isNew: false });
  });

  it('skips stored signatures that are not valid instead of failing', () => {
    const grouper = new IncidentGrouper([{ key: 'broken', signature: { nonsense: true } as never }]);
    expect(grouper.size).toBe(0);
  });
});
