// What counts as a teaser, and what is taken from a page: the story without navigation, related links, newsletter box
// or footer; nothing from scripts; no time spent on markup built to be slow.

import { describe, expect, it } from 'vitest';
import { extractStory, withoutNonStoryBlocks } from '../../src/fulltext/extract-story.js';
import { judgePage } from '../../src/fulltext/judge-page.js';
import { isTeaser, TEASER_MAX_CHARS } from '../../src/fulltext/teaser.js';
import { articlePage } from './support/article-page.js';
import { BILLING_STORY, BILLING_TEASER, BILLING_TITLE } from './support/stories.js';

describe('teasers', () => {
  it('takes text under 1,000 characters, or longer text that ends cut, for a teaser', () => {
    expect(isTeaser(BILLING_TEASER)).toBe(true);
    // The threshold is 1,000 characters: at 600 the measurements still lose alerts.
    expect(TEASER_MAX_CHARS).toBe(1_000);
    expect(isTeaser('x'.repeat(999))).toBe(true);
    expect(isTeaser('x'.repeat(1_000))).toBe(false);
    const story = `${'A sentence of a full story. '.repeat(200)}The end.`;
    expect(isTeaser(story)).toBe(false);
    for (const ending of [' …', '...', ' […]', ' Read more »', ' Continue reading →'])
      expect(isTeaser(`${story.slice(0, 1500)}${ending}`)).toBe(true);
    expect(isTeaser(`${story.slice(0, 4500)} …`)).toBe(false);
  });
});

describe('extracting the story', () => {
  it('keeps the paragraphs of the story and drops navigation, related stories, the newsletter box, footer and scripts', () => {
    const page = articlePage(
      { title: BILLING_TITLE, text: BILLING_STORY, outlet: 'Health Desk', published: '2026-03-20' },
      { related: ['Harbor Imaging Cloud outage delays scans at two hospitals', 'Quillon Health Systems fined over late breach notice'] },
    );
    const story = extractStory(page);
    expect(story).toEqual({ title: BILLING_TITLE, text: BILLING_STORY });
  });

  it('returns null for a page without an article, and for markup it cannot read', () => {
    expect(extractStory('')).toBeNull();
    expect(extractStory('<html><body><nav><a href="/">Home</a></nav></body></html>')).toBeNull();
    expect(extractStory('\u0000\u0001<<<>>>')).toBeNull();
  });

  it('strips scripts, styles and comments in one pass, unclosed ones included, without rescanning', () => {
    expect(withoutNonStoryBlocks('a<script>x</script>b<style>y</style >c<!-- z -->d<SCRIPT type="x">w</SCRIPT>e')).toBe('a b c d e');
    expect(withoutNonStoryBlocks('before<script>never closed <p>text</p>')).toBe('before');
    // Ten thousand unclosed openings: a lazy regular expression would scan to the end from each one.
    const hostile = `<p>start</p>${'<script'.repeat(10_000)}${'<!--'.repeat(10_000)}`;
    const started = performance.now();
    withoutNonStoryBlocks(hostile);
    withoutNonStoryBlocks(`${'<script>'.repeat(20_000)}</scrip`);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('reads a 2 MB page of deep, link-heavy markup in bounded time', () => {
    const page = `<html><body>${'<div><a href="/x">related story</a>'.repeat(20_000)}${'</div>'.repeat(20_000)}<article><p>${BILLING_STORY}</p></article></body></html>`;
    const started = performance.now();
    extractStory(page);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('judging a page for an item', () => {
  it('uses the story without banner lines, and says which wall a page is', () => {
    const withBanner = { title: BILLING_TITLE, text: `We use cookies to improve your experience. Accept all\n${BILLING_STORY}` };
    expect(judgePage(withBanner, BILLING_TITLE, BILLING_TEASER)).toEqual({ use: true, text: BILLING_STORY });
    const login = { title: BILLING_TITLE, text: 'Log in to continue reading\nCreate a free account to read this story.' };
    expect(judgePage(login, BILLING_TITLE, BILLING_TEASER)).toMatchObject({
      use: false,
      kind: 'wall',
      reason: 'a subscription or login wall',
    });
    const shorter = { title: BILLING_TITLE, text: BILLING_TEASER.slice(0, 120) };
    expect(judgePage(shorter, BILLING_TITLE, BILLING_TEASER)).toMatchObject({
      use: false,
      kind: 'wall',
      reason: expect.stringMatching(/shorter than the feed's/),
    });
  });
});
