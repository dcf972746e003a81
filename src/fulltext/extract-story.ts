// The story of an article page, without its navigation, footer, sidebars and related-story links: Mozilla's
// Readability (Firefox Reader View's extractor) on linkedom, a DOM that never runs the page's scripts and never loads
// anything the page refers to. The page is untrusted text like a feed: only its words are kept.

import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { MAX_TEXT_CHARS } from '../feeds/parse-feed.js';
import { htmlToPlainText } from '../feeds/normalise.js';

/** Markup beyond this is not parsed: a page that large is not an article, and parsing costs CPU the cycle shares. */
export const MAX_PAGE_CHARS = 2_000_000;
/** Readability gives up on documents with more elements than this (real article pages have a few thousand). */
const MAX_ELEMENTS = 20_000;
/**
 * Readability retries with looser cleaning while its best candidate is shorter than this. Its default (500) makes
 * a short story come back with its byline and leftovers; a teaser feed's stories are short too.
 */
const CHAR_THRESHOLD = 100;

export interface ExtractedStory {
  /** The page's own headline, when Readability found one. */
  title: string | null;
  /** Plain text, one line per paragraph, as feed text is (htmlToPlainText), at most MAX_TEXT_CHARS. */
  text: string;
}

/** Blocks that never hold the story; removed before parsing, so a script-heavy page does not cost parse time. */
const NEVER_STORY_OPEN = /<(script|style|noscript|template|svg|iframe|object)\b|<!--/gi;

/**
 * The markup without those blocks. Each search starts where the last one ended, so the cost stays linear even for a
 * page of ten thousand unclosed `<script` tags (a lazy regular expression would rescan to the end for each one).
 * An unclosed block runs to the end of the page, as an HTML parser reads it.
 */
export function withoutNonStoryBlocks(html: string): string {
  const parts: string[] = [];
  let kept = 0;
  const open = new RegExp(NEVER_STORY_OPEN.source, 'gi');
  for (let match = open.exec(html); match !== null; match = open.exec(html)) {
    parts.push(html.slice(kept, match.index));
    const close = match[1] === undefined ? /-->/g : new RegExp(`</${match[1]}(?=[\\s/>])`, 'gi');
    close.lastIndex = open.lastIndex;
    const end = close.exec(html);
    const closing = end === null ? -1 : html.indexOf('>', end.index);
    kept = closing === -1 ? html.length : closing + 1;
    if (closing === -1) break;
    open.lastIndex = kept;
    parts.push(' ');
  }
  parts.push(html.slice(kept));
  return parts.join('');
}

/** The story of an HTML page, or null when the page holds no readable article. Never throws. */
export function extractStory(html: string): ExtractedStory | null {
  try {
    const markup = withoutNonStoryBlocks(html.slice(0, MAX_PAGE_CHARS));
    const { document } = parseHTML(markup);
    // linkedom's Document is not the DOM lib's type (the project does not load the DOM lib); Readability only walks it.
    const reader = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], {
      charThreshold: CHAR_THRESHOLD,
      maxElemsToParse: MAX_ELEMENTS,
      // JSON-LD may carry a description or headline that is not the visible page: the page's own text decides.
      disableJSONLD: true,
    });
    const article = reader.parse();
    if (!article || typeof article.content !== 'string') return null;
    const text = htmlToPlainText(article.content).slice(0, MAX_TEXT_CHARS);
    if (text.length === 0) return null;
    const title = typeof article.title === 'string' ? article.title.replace(/\s+/g, ' ').trim().slice(0, 1000) : '';
    return { title: title.length > 0 ? title : null, text };
  } catch {
    // A page Readability or the parser cannot handle (too many elements, broken markup) is a page without a story.
    return null;
  }
}
