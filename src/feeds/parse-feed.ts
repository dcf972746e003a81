// Feed text (RSS 0.9x/1.0/2.0, Atom) to FeedItems. rss-parser reads the XML; what it leaves raw or gets wrong
// (relative links, xml:base, feedburner's original links, HTML titles, bad dates) is finished here from the
// xml2js nodes it was given.

import Parser from 'rss-parser';
import type { FeedItem } from '../core/types.js';
import { canonicalizeUrl, fingerprintItem, foldWhitespace, htmlToPlainText } from './normalise.js';
import { parseFeedDate } from './parse-date.js';

const MAX_ITEMS_PER_FEED = 1000;
export const MAX_TITLE_CHARS = 1000;
export const MAX_TEXT_CHARS = 20_000;
/** The fetcher caps bodies at 5 MB; a caller handing more must not get it parsed (~8× in memory). */
const MAX_FEED_CHARS = 10_000_000;
const MAX_GUID_CHARS = 2000;
/** A title made from the text when the entry has none. */
const DERIVED_TITLE_CHARS = 160;

export interface ParsedFeed {
  title: string | null;
  items: FeedItem[];
}

export interface ParseFeedOptions {
  /** For dates: entries dated more than two days after this are treated as undated. */
  now?: Date;
  maxItems?: number;
}

/** A body that is not a readable feed. The message is one line and says what was received. */
export class FeedParseError extends Error {
  readonly code = 'parse_error';
  constructor(message: string) {
    super(message);
    this.name = 'FeedParseError';
  }
}

// ---------------------------------------------------------------------------------------------------
// xml2js nodes, as rss-parser receives them (explicitArray, attributes under `$`, text under `_`)

type XmlNode = string | XmlElement;
interface XmlElement {
  $?: Record<string, string>;
  _?: string;
  [child: string]: unknown;
}

function isElement(value: unknown): value is XmlElement {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function children(node: unknown, name: string): XmlNode[] {
  if (!isElement(node)) return [];
  const value = node[name];
  if (!Array.isArray(value)) return [];
  return value.filter((child): child is XmlNode => typeof child === 'string' || isElement(child));
}

function first(node: unknown, name: string): XmlNode | undefined {
  return children(node, name)[0];
}

function attribute(node: unknown, name: string): string | undefined {
  if (!isElement(node) || !isElement(node.$)) return undefined;
  const value = node.$[name];
  return typeof value === 'string' ? value : undefined;
}

/** All text inside a node, also when a feed nests unescaped markup in it (xml2js then makes it children). */
function nodeText(node: XmlNode | undefined, depth = 0): string {
  if (node === undefined || depth > 16) return '';
  if (typeof node === 'string') return node;
  const parts: string[] = [];
  if (typeof node._ === 'string') parts.push(node._);
  for (const [key, value] of Object.entries(node)) {
    if (key === '$' || key === '_' || !Array.isArray(value)) continue;
    for (const child of value) {
      if (typeof child === 'string' || isElement(child)) parts.push(nodeText(child, depth + 1));
    }
  }
  return parts.join(' ');
}

// ---------------------------------------------------------------------------------------------------
// rss-parser, with its raw nodes kept

interface RawItem {
  raw: XmlElement;
  parsed: Parser.Item & Record<string, unknown>;
  format: 'atom' | 'rss';
}

interface ParserInternals {
  parseItemAtom(entry: XmlElement): Parser.Item & Record<string, unknown>;
  parseItemRss(item: XmlElement, fields: unknown): Parser.Item & Record<string, unknown>;
  buildAtomFeed(xml: { feed: XmlElement }): Parser.Output<Record<string, unknown>>;
  buildRSS(channel: XmlElement, items: XmlElement[] | undefined): Parser.Output<Record<string, unknown>>;
}

interface Capture {
  items: RawItem[];
  feedBase: string | null;
  feedTitle: XmlNode | undefined;
  format: 'atom' | 'rss' | null;
}

/** A parser whose item builders also hand over the raw node, and which never builds more than `maxItems`. */
function createParser(capture: Capture, maxItems: number): Parser {
  const parser = new Parser({ defaultRSS: 2, xml2js: { strict: true } });
  const internals = parser as unknown as ParserInternals;
  const parseItemAtom = internals.parseItemAtom.bind(parser);
  const parseItemRss = internals.parseItemRss.bind(parser);
  const buildAtomFeed = internals.buildAtomFeed.bind(parser);
  const buildRSS = internals.buildRSS.bind(parser);

  internals.parseItemAtom = (entry) => {
    // rss-parser calls toISOString() on Atom dates unguarded: one bad <published> would fail the whole feed.
    const safe: XmlElement = { ...entry };
    for (const name of ['published', 'updated']) {
      const value = first(entry, name);
      if (typeof value !== 'string' || Number.isNaN(new Date(value).getTime())) delete safe[name];
    }
    const parsed = parseItemAtom(safe);
    capture.items.push({ raw: entry, parsed, format: 'atom' });
    return parsed;
  };
  internals.parseItemRss = (item, fields) => {
    const parsed = parseItemRss(item, fields);
    capture.items.push({ raw: item, parsed, format: 'rss' });
    return parsed;
  };
  internals.buildAtomFeed = (xml) => {
    capture.format = 'atom';
    capture.feedBase = attribute(xml.feed, 'xml:base') ?? null;
    capture.feedTitle = first(xml.feed, 'title');
    const entries = children(xml.feed, 'entry').filter(isElement);
    return buildAtomFeed({ feed: { ...xml.feed, entry: entries.slice(0, maxItems) } });
  };
  internals.buildRSS = (channel, items) => {
    capture.format = 'rss';
    capture.feedBase = attribute(channel, 'xml:base') ?? null;
    capture.feedTitle = first(channel, 'title') ?? first(channel, 'dc:title');
    const elements = (items ?? []).filter(isElement);
    return buildRSS(channel, elements.slice(0, maxItems));
  };
  return parser;
}

// ---------------------------------------------------------------------------------------------------

/**
 * Parses a feed document. `feedUrl` is where it was fetched from: the base for relative links when the feed
 * declares no xml:base. Throws FeedParseError for anything that is not a readable feed.
 */
export async function parseFeed(xml: string, feedUrl: string, options: ParseFeedOptions = {}): Promise<ParsedFeed> {
  const now = options.now ?? new Date();
  const maxItems = options.maxItems ?? MAX_ITEMS_PER_FEED;
  if (xml.length > MAX_FEED_CHARS)
    throw new FeedParseError(`feed is too large to parse (${xml.length} characters, at most ${MAX_FEED_CHARS})`);
  const text = xml.replace(/^\uFEFF/, '').trimStart();
  if (text.length === 0) throw new FeedParseError('empty body: the server sent no feed');
  if (looksLikeHtml(text)) {
    throw new FeedParseError('got an HTML page, not a feed: check that the URL is the feed itself, not the site');
  }

  const capture = await parseWithFallback(text, maxItems);
  const base = resolveBase(capture.feedBase, feedUrl);
  const items: FeedItem[] = [];
  for (const entry of capture.items) {
    const item = toFeedItem(entry, base, feedUrl, now);
    if (item !== null) items.push(item);
  }
  return { title: feedTitle(capture), items };
}

function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 4096);
  return /<!doctype\s+html|<html[\s>]/i.test(head) && !/<(rss|feed|rdf:RDF)[\s>]/.test(head);
}

async function parseWithFallback(text: string, maxItems: number): Promise<Capture> {
  try {
    return await parseOnce(text, maxItems);
  } catch (error) {
    // Bare "&" and HTML entities (&nbsp;, &eacute;) are the commonest feed bug; repair them and try once more.
    if (!/entity/i.test(errorMessage(error))) throw toParseError(error);
    try {
      return await parseOnce(repairEntities(text), maxItems);
    } catch (retryError) {
      throw toParseError(retryError);
    }
  }
}

async function parseOnce(text: string, maxItems: number): Promise<Capture> {
  const capture: Capture = { items: [], feedBase: null, feedTitle: undefined, format: null };
  await createParser(capture, maxItems).parseString(escapeEmbeddedMarkup(cutAfterItems(text, maxItems)));
  return capture;
}

const ITEM_OR_SKIPPED = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<(?:item|entry)[\s>/]/g;

/**
 * Drops every item after the first `maxItems` before the XML parser sees them, closing the elements the items sit
 * in. The parser is synchronous: a feed of 100,000 items would otherwise block the process for seconds, and every
 * other download of the cycle would run out of time meanwhile. Markup inside CDATA and comments is not counted.
 */
function cutAfterItems(text: string, maxItems: number): string {
  let count = 0;
  let firstItem = -1;
  ITEM_OR_SKIPPED.lastIndex = 0;
  for (let match = ITEM_OR_SKIPPED.exec(text); match !== null; match = ITEM_OR_SKIPPED.exec(text)) {
    if (match[0].startsWith('<!')) continue;
    if (firstItem === -1) firstItem = match.index;
    count += 1;
    if (count > maxItems) {
      const open = openElementsAt(text.slice(0, firstItem));
      return open === null
        ? text
        : text.slice(0, match.index) +
            open
              .reverse()
              .map((name) => `</${name}>`)
              .join('');
    }
  }
  return text;
}

/** The elements still open at the end of `head` (the document before its first item); null when it cannot tell. */
function openElementsAt(head: string): string[] | null {
  const stack: string[] = [];
  const tags = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<[?!][^>]*>|<(\/?)([A-Za-z_][\w:.-]*)(?:\s[^>]*?)?(\/?)>/g;
  for (let match = tags.exec(head); match !== null; match = tags.exec(head)) {
    const [, closing, name, selfClosing] = match;
    if (name === undefined || selfClosing) continue;
    if (!closing) stack.push(name);
    else if (stack.pop() !== name) return null;
  }
  return stack.length > 0 ? stack : null;
}

// xml2js keeps an element's text and its child elements apart, so markup left unescaped inside a text element
// (Atom type="xhtml", RSS descriptions with raw tags) would come back with its words out of order. Such content is
// turned into escaped HTML before parsing, which keeps it in document order.
const XHTML_ELEMENTS = ['content', 'summary', 'title', 'subtitle', 'atom:content', 'atom:summary', 'atom:title'];
const HTML_TEXT_ELEMENTS = ['description', 'content:encoded', 'summary'];

function escapeEmbeddedMarkup(text: string): string {
  if (!text.includes('xhtml') && !/<(description|content:encoded|summary)[\s>][^<]*<[a-zA-Z]/.test(text)) return text;
  let out = '';
  let position = 0;
  while (position < text.length) {
    const open = text.indexOf('<', position);
    if (open === -1) break;
    const match = /^<([a-zA-Z][\w:.-]*)(\s[^<>]*)?>/.exec(text.slice(open, open + 512));
    const name = match?.[1];
    if (match === null || name === undefined) {
      out += text.slice(position, open + 1);
      position = open + 1;
      continue;
    }
    const attributes = match[2] ?? '';
    const xhtml = XHTML_ELEMENTS.includes(name) && /\btype\s*=\s*["']xhtml["']/.test(attributes);
    const rawHtml = !xhtml && HTML_TEXT_ELEMENTS.includes(name);
    const innerStart = open + match[0].length;
    if ((!xhtml && !rawHtml) || attributes.trimEnd().endsWith('/')) {
      out += text.slice(position, innerStart);
      position = innerStart;
      continue;
    }
    const close = text.indexOf(`</${name}>`, innerStart);
    // No end tag: leave the rest to the XML parser, which reports the document as truncated.
    if (close === -1) break;
    const inner = text.slice(innerStart, close);
    if (rawHtml && !/<[a-zA-Z]/.test(inner.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, ''))) {
      out += text.slice(position, close);
      position = close;
      continue;
    }
    const opening = xhtml ? match[0].replace(/(\btype\s*=\s*["'])xhtml(["'])/, '$1html$2') : match[0];
    out += text.slice(position, open) + opening + escapeXml(unwrapCdata(inner));
    position = close;
  }
  return out + text.slice(position);
}

function unwrapCdata(text: string): string {
  return text.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1');
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
const HTML_ENTITIES: Record<string, number> = {
  nbsp: 160,
  iexcl: 161,
  cent: 162,
  pound: 163,
  euro: 8364,
  yen: 165,
  sect: 167,
  copy: 169,
  laquo: 171,
  reg: 174,
  deg: 176,
  plusmn: 177,
  middot: 183,
  raquo: 187,
  frac12: 189,
  iquest: 191,
  times: 215,
  divide: 247,
  agrave: 224,
  aacute: 225,
  acirc: 226,
  atilde: 227,
  auml: 228,
  aring: 229,
  aelig: 230,
  ccedil: 231,
  egrave: 232,
  eacute: 233,
  ecirc: 234,
  euml: 235,
  igrave: 236,
  iacute: 237,
  icirc: 238,
  iuml: 239,
  ntilde: 241,
  ograve: 242,
  oacute: 243,
  ocirc: 244,
  otilde: 245,
  ouml: 246,
  oslash: 248,
  ugrave: 249,
  uacute: 250,
  ucirc: 251,
  uuml: 252,
  szlig: 223,
  Agrave: 192,
  Aacute: 193,
  Eacute: 201,
  Ouml: 214,
  Uuml: 220,
  Auml: 196,
  Ccedil: 199,
  Ntilde: 209,
  ndash: 8211,
  mdash: 8212,
  lsquo: 8216,
  rsquo: 8217,
  sbquo: 8218,
  ldquo: 8220,
  rdquo: 8221,
  bdquo: 8222,
  hellip: 8230,
  bull: 8226,
  trade: 8482,
  prime: 8242,
  dagger: 8224,
  zwnj: 8204,
  zwj: 8205,
  thinsp: 8201,
  ensp: 8194,
  emsp: 8195,
  shy: 173,
};

/**
 * Bare ampersands become `&amp;`, known HTML entities their numeric reference, and any other named reference
 * literal text. No entity is ever expanded from a DTD.
 */
function repairEntities(text: string): string {
  return text.replace(
    /&(#\d{1,7};|#x[0-9a-f]{1,6};|([a-z][a-z0-9]{0,31});)?/gi,
    (match, reference: string | undefined, name: string | undefined) => {
      if (reference === undefined) return '&amp;';
      if (name === undefined || XML_ENTITIES.has(name)) return match;
      const code = HTML_ENTITIES[name];
      return code === undefined ? `&amp;${name};` : `&#${code};`;
    },
  );
}

function toParseError(error: unknown): FeedParseError {
  if (error instanceof FeedParseError) return error;
  const message = errorMessage(error)
    .split('\n')
    .map((part) => part.trim())
    .filter(Boolean)
    .join(', ');
  if (/unclosed root tag/i.test(message)) return new FeedParseError(`truncated or malformed XML: ${message}`);
  if (/not recognized as RSS/i.test(message))
    return new FeedParseError('not an RSS or Atom feed: the document root is neither <rss>, <rdf:RDF> nor <feed>');
  if (/unable to parse xml/i.test(message)) return new FeedParseError('not XML: the body holds no document');
  if (/call stack/i.test(message)) return new FeedParseError('the feed nests elements too deeply to read');
  return new FeedParseError(`malformed feed: ${message.slice(0, 300)}`);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// ---------------------------------------------------------------------------------------------------

function feedTitle(capture: Capture): string | null {
  const title = capture.feedTitle === undefined ? '' : titleText(capture.feedTitle, capture.format ?? 'rss');
  return title.length > 0 ? title : null;
}

function resolveBase(declared: string | null, feedUrl: string): string {
  if (declared === null) return feedUrl;
  return resolveUrl(declared, feedUrl) ?? feedUrl;
}

function resolveUrl(reference: string, base: string): string | null {
  try {
    return new URL(reference.trim(), base).toString();
  } catch {
    return null;
  }
}

/** Atom says per element whether its text is markup; RSS titles are plain text that often holds escaped HTML. */
function titleText(node: XmlNode, format: 'atom' | 'rss'): string {
  const type = attribute(node, 'type');
  const raw = nodeText(node);
  const markup = format === 'atom' ? isMarkupType(type) : /<\/?[a-z][^>]*>|&[#a-z0-9]+;/i.test(raw);
  const text = markup ? htmlToPlainText(raw) : foldWhitespace(raw);
  return truncate(text.replace(/\n/g, ' '), MAX_TITLE_CHARS);
}

function toFeedItem(entry: RawItem, base: string, feedUrl: string, now: Date): FeedItem | null {
  const { raw, parsed, format } = entry;
  const itemBase = resolveBase(attribute(raw, 'xml:base') ?? null, base);

  const text = truncate(itemText(entry), MAX_TEXT_CHARS);
  const titleNode = first(raw, 'title') ?? first(raw, 'dc:title');
  let title = titleNode === undefined ? '' : titleText(titleNode, format);
  if (title.length === 0) title = deriveTitle(text);
  if (title.length === 0) return null;

  const link = itemLink(raw, parsed, format, itemBase);
  const canonicalUrl = link === null ? null : canonicalizeUrl(link);
  const fingerprint = fingerprintItem(title, text);
  const guid = truncate(itemGuid(raw, parsed, format) ?? canonicalUrl ?? link ?? `sha256:${fingerprint}`, MAX_GUID_CHARS);
  return { feedUrl, guid, canonicalUrl, title, text, publishedAt: itemDate(raw, format, now), fingerprint };
}

function itemText(entry: RawItem): string {
  const { parsed, raw, format } = entry;
  // content:encoded and Atom content are the full story; description/summary are often a teaser.
  const candidates: [unknown, XmlNode | undefined][] = [
    [parsed['content:encoded'], undefined],
    [parsed.content, format === 'atom' ? first(raw, 'content') : undefined],
    [parsed.summary, format === 'atom' ? first(raw, 'summary') : undefined],
  ];
  for (const [candidate, atomNode] of candidates) {
    if (typeof candidate !== 'string') continue;
    // Atom text constructs are plain text unless typed html/xhtml: "a <tag>" there is literally that.
    const plain = atomNode !== undefined && !isMarkupType(attribute(atomNode, 'type'));
    const text = plain ? foldWhitespace(candidate) : htmlToPlainText(candidate);
    if (text.length > 0) return text;
  }
  return '';
}

function isMarkupType(type: string | undefined): boolean {
  return type === 'html' || type === 'xhtml' || type === 'text/html' || type === 'application/xhtml+xml';
}

function deriveTitle(text: string): string {
  const firstLine = text.split('\n')[0] ?? '';
  const sentence = /^(.{20,}?[.!?])\s/.exec(firstLine)?.[1] ?? firstLine;
  return truncate(sentence, DERIVED_TITLE_CHARS);
}

function itemLink(raw: XmlElement, parsed: RawItem['parsed'], format: 'atom' | 'rss', base: string): string | null {
  const candidates: string[] = [];
  // Feedburner rewrites links to its own click-tracker and keeps the publisher's link here.
  const original = first(raw, 'feedburner:origLink');
  if (original !== undefined) candidates.push(nodeText(original));
  if (format === 'atom') {
    const links = children(raw, 'link');
    const alternate =
      links.find(
        (link) => (attribute(link, 'rel') ?? 'alternate') === 'alternate' && /html/.test(attribute(link, 'type') ?? 'text/html'),
      ) ?? links.find((link) => (attribute(link, 'rel') ?? 'alternate') === 'alternate');
    const href = attribute(alternate, 'href');
    if (href !== undefined) candidates.push(resolveUrl(href, resolveBase(attribute(alternate, 'xml:base') ?? null, base)) ?? href);
  } else {
    for (const link of children(raw, 'link')) candidates.push(nodeText(link));
    const guid = first(raw, 'guid');
    if (guid !== undefined && attribute(guid, 'isPermaLink') !== 'false') candidates.push(nodeText(guid));
    const about = attribute(raw, 'rdf:about');
    if (about !== undefined) candidates.push(about);
  }
  if (typeof parsed.link === 'string') candidates.push(parsed.link);
  for (const candidate of candidates) {
    const trimmed = candidate.trim();
    if (trimmed.length === 0) continue;
    const resolved = resolveUrl(trimmed, base);
    if (resolved !== null && /^https?:/i.test(resolved)) return resolved;
  }
  return null;
}

function itemGuid(raw: XmlElement, parsed: RawItem['parsed'], format: 'atom' | 'rss'): string | null {
  const node = format === 'atom' ? first(raw, 'id') : first(raw, 'guid');
  const value = node === undefined ? '' : nodeText(node).trim();
  if (value.length > 0) return value;
  const about = attribute(raw, 'rdf:about');
  if (about !== undefined && about.trim().length > 0) return about.trim();
  return typeof parsed.guid === 'string' && parsed.guid.trim().length > 0 ? parsed.guid.trim() : null;
}

function itemDate(raw: XmlElement, format: 'atom' | 'rss', now: Date): Date | null {
  const names =
    format === 'atom' ? ['published', 'updated', 'dc:date', 'issued', 'modified'] : ['pubDate', 'dc:date', 'published', 'updated'];
  for (const name of names) {
    const node = first(raw, name);
    if (node === undefined) continue;
    const date = parseFeedDate(nodeText(node), now);
    if (date !== null) return date;
  }
  return null;
}

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  // Do not cut a surrogate pair in half.
  const cut = /[\ud800-\udbff]/.test(text.charAt(max - 2)) ? max - 2 : max - 1;
  return `${text.slice(0, cut)}…`;
}
