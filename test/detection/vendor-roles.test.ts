import { describe, expect, it } from 'vitest';
import { createDetector } from '../../src/detection/detector.js';
import type { MentionFinder, VendorMention } from '../../src/detection/mentions.js';
import { loadArticle, loadWatchlist } from './support/fixtures.js';

const watchlist = loadWatchlist();
const detector = createDetector(watchlist);

describe('vendor roles', () => {
  it('never alerts Epic Systems for an Epic Games story', () => {
    const detection = detector.detect(loadArticle('seed:epic-games-privacy'));
    expect(detection.alert).toBe(false);
    expect(detection.vendors.filter((v) => v.name === 'Epic Systems' && v.role !== 'mention')).toEqual([]);
  });

  it('rejects "Epic" inside "Epic Games" even when a matcher accepted it', () => {
    // A naive matcher that accepts every occurrence of every term: detection must still tell the companies apart.
    const naive = (): MentionFinder => ({
      find(text: string): VendorMention[] {
        const epic = watchlist.find((v) => v.name === 'Epic Systems')!;
        return [...text.matchAll(/\bEpic\b/g)].map((m) => ({
          vendor: epic,
          term: 'Epic',
          kind: 'alias',
          start: m.index,
          end: m.index + 4,
          strength: 'weak',
          accepted: true,
          reason: 'test',
        }));
      },
    });
    const story = {
      id: 'epic-games-hack',
      title: 'Epic Games says hackers stole Fortnite player emails',
      text: 'Epic Games said hackers stole the email addresses of some Fortnite players in a breach of a support tool.',
      published: '2026-02-02',
    };
    const detection = createDetector(watchlist, { createMatcher: naive }).detect(story);
    expect(detection.breach).toBe(true);
    expect(detection.alert).toBe(false);
    expect(detection.why.join(' ')).toMatch(/"Epic" is part of "Epic Games"/);
  });

  it('makes a vendor named in passing inside another breach story a mention', () => {
    const detection = detector.detect(loadArticle('clinic-file-transfer'));
    expect(detection.alert).toBe(false);
    expect(detection.vendors).toContainEqual({ name: 'Change Healthcare', role: 'mention', matched: 'Change Healthcare' });
  });

  it('makes the maker of the exploited tool related, not the breached party', () => {
    const detection = detector.detect(loadArticle('clinic-file-transfer'));
    expect(detection.organisations[0]).toBe('Harbor Point Clinic');
    expect(detection.vendors.find((v) => v.name === 'Progress Software')?.role).toBe('related');
  });

  it('alerts the watchlist vendor that suffered the breach and explains the role', () => {
    const detection = detector.detect(loadArticle('breach-with-teasers'));
    expect(detection.alert).toBe(true);
    expect(detection.vendors).toEqual([{ name: 'Harborline Billing', role: 'primary', matched: 'Harborline Billing' }]);
    expect(detection.why.some((w) => w.startsWith('Harborline Billing: primary'))).toBe(true);
  });
});
