// The story of an article page, without its navigation, footer, sidebars and related-story links: Mozilla's
// Readability (Firefox Reader View's extractor) on linkedom, a DOM that never runs the page's scripts and never loads
// anything the page refers to. The page is untrusted text like a feed: only its words are kept.

import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { htmlToPlainText } from '../feeds/normalise.js';
import { MAX_TEXT_CHARS } from '../feeds/parse-feed.js';

/** Less text than this is no story. */
const MIN_STORY_CHARS = 40;
/** The story's markup read into text at most (MAX_TEXT_CHARS of text come from far less). */
const MAX_STORY_HTML_CHARS = 200_000;
/** Markup beyond this is not parsed: a page that large is not an article, and parsing costs CPU the cycle shares. */
const MAX_PAGE_CHARS = 2_000_000;
/**
 * Readability's time grows with the number of elements and much faster with their nesting depth (measured: 2,000
 * nested lists, 15,000 elements, took 9 s; 20,000 nested links 4 minutes; 8,000 flat links 1.2 s). Article pages have
 * one to three thousand elements once scripts and styles are gone, nested a few dozen deep; a page beyond either
 * limit is not read. Readability's own element limit cannot be used:
 * linkedom answers getElementsByTagName('*') with nothing.
 */
const MAX_ELEMENTS = 5_000;
const MAX_DEPTH = 120;
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
    // Counting start tags is cheap; parsing tens of thousands of nested ones is not (seconds for 20,000).
    if (startTags(markup) > 2 * MAX_ELEMENTS) return null;
    const { document } = parseHTML(markup);
    if (document.documentElement === null || tooComplex(document.documentElement)) return null;
    // linkedom's Document is not the DOM lib's type (the project does not load the DOM lib); Readability only walks it.
    const reader = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], {
      charThreshold: CHAR_THRESHOLD,
      // JSON-LD may carry a description or headline that is not the visible page: the page's own text decides.
      disableJSONLD: true,
    });
    const article = reader.parse();
    if (!article || typeof article.content !== 'string') return null;
    // htmlToPlainText reads at most 200,000 characters and warns on the console past that: cut it here, quietly.
    const text = htmlToPlainText(article.content.slice(0, MAX_STORY_HTML_CHARS)).slice(0, MAX_TEXT_CHARS);
    // A few words (a "Home" link, a button) are what is left of a page without an article.
    if (text.length < MIN_STORY_CHARS) return null;
    const title = typeof article.title === 'string' ? article.title.replace(/\s+/g, ' ').trim().slice(0, 1000) : '';
    return { title: title.length > 0 ? title : null, text };
  } catch {
    // A page Readability or the parser cannot handle (too many elements, broken markup) is a page without a story.
    return null;
  }
}

interface Walkable {
  children: ArrayLike<Walkable>;
}

/** More elements than MAX_ELEMENTS, or nested deeper than MAX_DEPTH: one pass, stopping as soon as either is passed. */
function tooComplex(root: Walkable): boolean {
  const stack: [Walkable, number][] = [[root, 1]];
  let elements = 0;
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [element, depth] = next;
    elements += 1;
    if (elements > MAX_ELEMENTS || depth > MAX_DEPTH) return true;
    const { children } = element;
    for (let i = 0; i < children.length; i++) stack.push([children[i] as Walkable, depth + 1]);
  }
  return false;
}

/** Start tags in the markup, an upper bound of its elements once parsed (void and misnested tags included). */
function startTags(markup: string): number {
  let count = 0;
  const pattern = /<[a-zA-Z]/g;
  while (pattern.exec(markup) !== null) count += 1;
  return count;
}
