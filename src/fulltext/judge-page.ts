// Whether an extracted page may stand in for the feed's teaser. A page that is a cookie, consent, subscription or
// bot-check wall, that gives less than the feed did (a paywall), or that is not this story at all (a redirect to the
// home page, a "not found" page answered 200) is ignored: the teaser is judged as it is.

import type { ExtractedStory } from './extract-story.js';

export type PageVerdict = { use: true; text: string } | { use: false; kind: 'wall' | 'unrelated'; reason: string };

/** Lines that belong to a wall or a banner, never to a news story. Each alternative is a phrase such walls use. */
const WALL_LINE =
  /\b(?:we use cookies|this (?:site|website) uses cookies|uses? cookies to|accept (?:all )?cookies|cookie (?:settings|preferences|policy|consent)|manage (?:cookies|consent|preferences)|consent to (?:the use of )?cookies|your privacy choices|we value your privacy|privacy preference center|reject all|accept all|by continuing to (?:use|browse)|(?:store and\/or access|access and\/or store) information on a device|legitimate interests?|personali[sz]ed (?:ads|advertising)|subscribe (?:now )?to (?:continue|read|keep reading|unlock)|subscribers? only|for subscribers|(?:already|become) a (?:subscriber|member)|to continue reading|continue reading (?:with|for)|read the full (?:story|article) (?:with|for)|(?:sign|log) ?in to (?:continue|read|keep reading|view)|create (?:a )?free account|register (?:for free )?to (?:continue|read)|you(?:'ve| have) reached (?:your|the) (?:limit|maximum)|free articles? (?:left|remaining|this month)|(?:please )?enable javascript|verify (?:that )?you are (?:a )?human|are you a robot|checking (?:if the site connection is secure|your browser)|access (?:to this page has been )?denied|ad ?blocker)\b/i;

const SUBSCRIPTION = /subscri|sign ?in|log ?in|account|register|member|free articles?|reached/i;
const BOT_CHECK = /javascript|human|robot|browser|connection is secure|access|denied|blocker/i;

/** A banner or wall line is short; a story's paragraph that happens to use one of the phrases is kept. */
const MAX_WALL_LINE_CHARS = 600;
/** At least this share of the item title's significant words must appear in the page's headline or opening. */
const MIN_TITLE_OVERLAP = 0.5;
/** Where a page's own copy of the headline or the teaser's words are looked for. */
const OPENING_CHARS = 3_000;

/**
 * Judges the page for one item. `teaser` and `title` are the item's feed text and title. The text to use is the
 * page's with wall and banner lines removed.
 */
export function judgePage(page: ExtractedStory, title: string, teaser: string): PageVerdict {
  const lines = page.text.split('\n');
  const isWallLine = (line: string) => line.length <= MAX_WALL_LINE_CHARS && WALL_LINE.test(line);
  const wallLines = lines.filter(isWallLine);
  const story = lines.filter((line) => !isWallLine(line)).join('\n');
  const teaserChars = teaser.trim().length;
  // A wall page often keeps the article's <title>: then only the text may show that the story is there.
  if (!carriesStory(wallLines.length > 0 ? null : page.title, story, title, teaser)) {
    if (wallLines.length > 0) return { use: false, kind: 'wall', reason: `a ${wallKind(wallLines)} wall` };
    return {
      use: false,
      kind: 'unrelated',
      reason: "it does not carry this story (its headline and opening share too little with the item's)",
    };
  }
  if (story.length < teaserChars) {
    if (wallLines.length > 0) return { use: false, kind: 'wall', reason: `a ${wallKind(wallLines)} wall` };
    return {
      use: false,
      kind: 'wall',
      reason: `its text (${story.length} characters) is shorter than the feed's (${teaserChars}): a paywall or a teaser page`,
    };
  }
  return { use: true, text: story };
}

function wallKind(lines: string[]): string {
  const text = lines.join(' ');
  if (/cookie|consent|privacy|reject all|accept all|by continuing/i.test(text)) return 'cookie or consent';
  if (SUBSCRIPTION.test(text)) return 'subscription or login';
  if (BOT_CHECK.test(text)) return 'bot-check';
  return 'cookie, consent or subscription';
}

/**
 * Most pages repeat the headline; the rest open with the teaser's words. An item with neither in common with its
 * page was sent somewhere else (a home page, a login page, a "not found" page answered 200).
 */
function carriesStory(pageTitle: string | null, story: string, title: string, teaser: string): boolean {
  const opening = `${pageTitle ?? ''}\n${story.slice(0, OPENING_CHARS)}`;
  const present = wordsOf(opening);
  const share = (words: Set<string>) => (words.size === 0 ? 1 : [...words].filter((word) => present.has(word)).length / words.size);
  return share(wordsOf(title)) >= MIN_TITLE_OVERLAP || share(wordsOf(teaser.slice(0, 400))) >= MIN_TITLE_OVERLAP;
}

const STOPWORDS = new Set(
  'a an and are as at be by for from has have in into is it its of on or over says said that the their this to was were will with after about new more than'.split(
    ' ',
  ),
);

function wordsOf(text: string): Set<string> {
  const words = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 3 && !STOPWORDS.has(word));
  return new Set(words);
}
