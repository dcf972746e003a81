import { describe, expect, it } from 'vitest';
import type { Vendor } from '../../src/core/types.js';
import { createDetector } from '../../src/detection/detector.js';
import { createVendorMatcher } from '../../src/detection/matching/vendor-matcher.js';

// Stories the matcher's own rules read as Epic Systems ("Epic" alone, with breach words around it): only the
// watchlist's `not` says they are about Epic Games.
const epicSystems: Vendor = {
  name: 'Epic Systems',
  aliases: ['Epic'],
  products: ['MyChart'],
  domains: ['epic.com'],
  criticality: 'high',
  category: 'EHR',
};
const withNot: Vendor = { ...epicSystems, not: ['Epic Games'] };

const epicGamesStories = [
  {
    id: 'headline-names-epic-alone',
    title: 'Hackers hit Epic, maker of Fortnite',
    text: 'Epic Games said a ransomware attack hit its systems. Epic said health data from its wellness app, used by clinics, was exposed.',
    published: '2026-02-02',
  },
  {
    id: 'epic-games-named-last',
    title: 'Epic breach: hackers steal data of millions',
    text: 'Epic, the maker of Fortnite, said hackers breached its servers. Epic said it notified users. Epic Games is based in North Carolina.',
    published: '2026-02-02',
  },
];

describe('watchlist `not` names in matching', () => {
  it('an Epic Games breach story never names Epic Systems as primary or related', () => {
    const detector = createDetector([withNot]);
    for (const story of epicGamesStories) {
      const detection = detector.detect(story);
      expect(detection.alert, story.id).toBe(false);
      expect(
        detection.vendors.filter((v) => v.role !== 'mention'),
        story.id,
      ).toEqual([]);
    }
    // Counter-example: Epic Systems itself, named beside Epic Games, is still found and still the breached party.
    const ehr = {
      id: 'epic-systems-named-apart',
      title: 'Epic Systems hit by breach of MyChart portal',
      text: 'Epic Systems said hackers breached its MyChart portal; Epic Games was not involved. Epic said patients were told.',
      published: '2026-02-02',
    };
    expect(detector.detect(ehr).vendors.map((v) => [v.name, v.role])).toEqual([['Epic Systems', 'primary']]);
  });

  it('rejects the vendor term the matcher accepted when the text names the `not` name, and says why', () => {
    const text =
      'Epic breach: hackers steal data of millions\nEpic, the maker of Fortnite, said hackers breached its servers.\nEpic said it notified users.\nEpic Games is based in North Carolina.';
    expect(
      createVendorMatcher([epicSystems])
        .find(text)
        .some((m) => m.accepted),
    ).toBe(true);
    const mentions = createVendorMatcher([withNot]).find(text);
    expect(mentions.filter((m) => m.accepted)).toEqual([]);
    expect(mentions.map((m) => m.reason)).toContain('means "Epic Games" in this text, which the watchlist says is not Epic Systems');
  });
});
