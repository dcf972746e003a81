// VENDORWATCH_FEEDS: comma-separated feed URLs, or the path of a JSON or OPML feeds file. Every mistake is
// reported with the entry (or line) it is in and what to write instead.

import { z } from 'zod';
import { FEED_TAGS, type FeedSource, type FeedTag, FULL_TEXT_MODES, type FullTextMode } from '../core/types.js';
import { SOURCE_TYPES, sourceTypeSchema } from '../sources/index.js';
import { withFeedType } from './feed-type.js';

export class FeedsSettingError extends Error {
  readonly code = 'bad_feeds_setting';
  constructor(message: string) {
    super(message);
    this.name = 'FeedsSettingError';
  }
}

const MAX_FEEDS = 2000;
const MAX_FILE_CHARS = 5_000_000;
const HOW_TO =
  'VENDORWATCH_FEEDS takes comma-separated http(s) feed URLs, or the path of a JSON file (an array of URLs or {"name", "url", "tags", "type", "fullText"}) or an OPML file';
const ENTRY_FIELDS = ['name', 'url', 'tags', 'type', 'fullText'];

const feedEntrySchema = z.union([
  z.string(),
  z.strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    url: z.string(),
    tags: z.array(z.enum(FEED_TAGS)).optional(),
    /** How the source is read (src/sources/): `rss` by default. */
    type: sourceTypeSchema.optional(),
    /** Overrides VENDORWATCH_FULL_TEXT for this feed (RSS feeds only: a disclosure source is read as it is). */
    fullText: z.enum(FULL_TEXT_MODES).optional(),
  }),
]);

/** Where the feeds of the setting were written: an OPML file is usually someone else's export (see address-policy.ts). */
export type FeedsSettingFormat = 'url-list' | 'json' | 'opml';

/** Parses the setting. `readFile` reads a path as UTF-8 text (injected, so tests and config loaders decide how). */
export function parseFeedsSetting(value: string, readFile: (path: string) => string): FeedSource[] {
  return readFeedsSetting(value, readFile).feeds;
}

/** parseFeedsSetting, also saying which format the feeds came in. */
export function readFeedsSetting(value: string, readFile: (path: string) => string): { feeds: FeedSource[]; format: FeedsSettingFormat } {
  const trimmed = value.trim();
  if (trimmed.length === 0) throw new FeedsSettingError(`VENDORWATCH_FEEDS is empty. ${HOW_TO}.`);
  if (/^https?:\/\//i.test(trimmed)) return { feeds: fromUrlList(trimmed), format: 'url-list' };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    throw new FeedsSettingError(`VENDORWATCH_FEEDS: "${shorten(trimmed)}" is not an http(s) URL. ${HOW_TO}.`);
  }

  let text: string;
  try {
    text = readFile(trimmed);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new FeedsSettingError(
      `VENDORWATCH_FEEDS: cannot read the feeds file "${shorten(trimmed)}" (${reason}). If you meant a URL, it must start with http:// or https://. ${HOW_TO}.`,
    );
  }
  if (text.length > MAX_FILE_CHARS)
    throw new FeedsSettingError(`VENDORWATCH_FEEDS: the feeds file "${shorten(trimmed)}" is larger than ${MAX_FILE_CHARS} characters.`);
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body.startsWith('<')) return { feeds: fromOpml(body, trimmed), format: 'opml' };
  if (body.startsWith('[') || body.startsWith('{') || /\.json$/i.test(trimmed)) return { feeds: fromJson(body, trimmed), format: 'json' };
  throw new FeedsSettingError(
    `VENDORWATCH_FEEDS: the feeds file "${shorten(trimmed)}" is neither JSON (starts with "[") nor OPML (starts with "<"). ${HOW_TO}.`,
  );
}

function fromUrlList(value: string): FeedSource[] {
  const parts = value.split(',').map((part) => part.trim());
  const feeds: FeedSource[] = [];
  parts.forEach((part, index) => {
    const where = `entry ${index + 1} of the URL list`;
    if (part.length === 0)
      throw new FeedsSettingError(`VENDORWATCH_FEEDS: ${where} is empty (a doubled or trailing comma?). Separate URLs with single commas.`);
    feeds.push(toSource(part, undefined, [], where));
  });
  return finish(feeds, 'the URL list');
}

function fromJson(text: string, path: string): FeedSource[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new FeedsSettingError(
      `VENDORWATCH_FEEDS: "${shorten(path)}" is not valid JSON (${reason}). Write an array of feed URLs or {"name", "url", "tags"} objects.`,
    );
  }
  // Also accept {"feeds": [...]}, the shape the config file uses.
  const list = isRecord(raw) && Array.isArray(raw.feeds) ? raw.feeds : raw;
  if (!Array.isArray(list)) {
    throw new FeedsSettingError(
      `VENDORWATCH_FEEDS: "${shorten(path)}" must hold a JSON array of feeds (URLs or {"name", "url", "tags"} objects).`,
    );
  }
  const feeds = list.map((entry: unknown, index) => {
    const where = `entry ${index + 1} of ${shorten(path)}`;
    const parsed = feedEntrySchema.safeParse(entry);
    if (!parsed.success) throw new FeedsSettingError(`VENDORWATCH_FEEDS: ${where}: ${describeEntryProblem(entry, parsed.error)}`);
    const value = parsed.data;
    if (typeof value === 'string') return toSource(value, undefined, [], where);
    if (value.fullText !== undefined && value.type !== undefined && value.type !== 'rss') {
      throw new FeedsSettingError(
        `VENDORWATCH_FEEDS: ${where}: "fullText" applies to RSS feeds only; a "${value.type}" source is read as it is, remove "fullText"`,
      );
    }
    const source = withFeedType(toSource(value.url, value.name, value.tags ?? [], where), value.type);
    return value.fullText ? withFullText(source, value.fullText) : source;
  });
  return finish(feeds, shorten(path));
}

function describeEntryProblem(entry: unknown, error: z.ZodError): string {
  if (!isRecord(entry)) return 'must be a URL string or an object with "url" (and optional "name", "tags", "type", "fullText")';
  const unknownKeys = Object.keys(entry).filter((key) => !ENTRY_FIELDS.includes(key));
  if (unknownKeys.length > 0)
    return `unknown field(s) ${unknownKeys.map((key) => `"${shorten(key)}"`).join(', ')}; the fields are "name", "url", "tags" and "fullText", and "type" (${SOURCE_TYPES.join(', ')})`;
  if (entry.type !== undefined && !(SOURCE_TYPES as readonly unknown[]).includes(entry.type)) {
    return `"type" must be one of ${SOURCE_TYPES.join(', ')} (got ${shorten(JSON.stringify(entry.type) ?? '')})`;
  }
  if (entry.fullText !== undefined && !(FULL_TEXT_MODES as readonly unknown[]).includes(entry.fullText)) {
    return `"fullText" must be one of ${FULL_TEXT_MODES.join(', ')} (got ${shorten(JSON.stringify(entry.fullText) ?? '')})`;
  }
  if (typeof entry.url !== 'string') return 'needs a "url" string';
  if (entry.tags !== undefined) {
    const tags = Array.isArray(entry.tags) ? entry.tags : [];
    const bad = tags.filter((tag) => !(FEED_TAGS as readonly unknown[]).includes(tag));
    if (!Array.isArray(entry.tags) || bad.length > 0) {
      return `"tags" must be a list of ${FEED_TAGS.join(', ')}${bad.length > 0 ? ` (got ${bad.map((tag) => JSON.stringify(tag)).join(', ')})` : ''}`;
    }
  }
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'entry'}: ${issue.message}` : 'is not a valid feed';
}

// ---------------------------------------------------------------------------------------------------
// OPML: <outline xmlUrl="…" text="…"/>, nested in category outlines. A category named like a tag tags its feeds.

function fromOpml(text: string, path: string): FeedSource[] {
  if (!/<opml[\s>]/i.test(text)) {
    throw new FeedsSettingError(
      `VENDORWATCH_FEEDS: "${shorten(path)}" starts with "<" but is not OPML (no <opml> element). Export the feed list from your reader as OPML, or write JSON.`,
    );
  }
  // Blank out comments keeping newlines, so commented-out feeds are ignored and line numbers stay right.
  const source = text.replace(/<!--[\s\S]*?-->/g, (comment) => comment.replace(/[^\n]/g, ' '));
  const feeds: FeedSource[] = [];
  const categories: (FeedTag | null)[] = [];
  const tagPattern = /<(\/?)outline\b([^>]*?)(\/?)>/gi;
  for (let match = tagPattern.exec(source); match !== null; match = tagPattern.exec(source)) {
    const [, closing, attributeText = '', selfClosing] = match;
    if (closing) {
      categories.pop();
      continue;
    }
    const line = source.slice(0, match.index).split('\n').length;
    const where = `line ${line} of ${shorten(path)}`;
    const attributes = parseAttributes(attributeText, where);
    const xmlUrl = attributes.get('xmlurl');
    if (xmlUrl !== undefined) {
      const name = attributes.get('title') ?? attributes.get('text');
      const tags = new Set<FeedTag>();
      for (const category of categories) if (category) tags.add(category);
      for (const tag of (attributes.get('category') ?? '').split(/[,/]/)) {
        const clean = tag.trim().toLowerCase();
        if ((FEED_TAGS as readonly string[]).includes(clean)) tags.add(clean as FeedTag);
      }
      feeds.push(toSource(xmlUrl, name, [...tags], where));
    }
    if (!selfClosing) {
      const label = (attributes.get('text') ?? attributes.get('title') ?? '').trim().toLowerCase();
      categories.push((FEED_TAGS as readonly string[]).includes(label) ? (label as FeedTag) : null);
    }
  }
  return finish(feeds, shorten(path));
}

function parseAttributes(text: string, where: string): Map<string, string> {
  const attributes = new Map<string, string>();
  const pattern = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const name = (match[1] ?? '').toLowerCase();
    attributes.set(name, decodeXmlEntities(match[2] ?? match[3] ?? '', where));
  }
  return attributes;
}

function decodeXmlEntities(text: string, where: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);|&/gi, (match, entity: string | undefined) => {
    if (entity === undefined)
      throw new FeedsSettingError(
        `VENDORWATCH_FEEDS: ${where}: a bare "&" in an attribute; write it as "&amp;" (URLs with several query parameters need this in OPML).`,
      );
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (entity.startsWith('#')) {
      const code = entity[1]?.toLowerCase() === 'x' ? Number.parseInt(entity.slice(2), 16) : Number.parseInt(entity.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
    }
    return named[entity.toLowerCase()] ?? match;
  });
}

// ---------------------------------------------------------------------------------------------------

function toSource(url: string, name: string | undefined, tags: FeedTag[], where: string): FeedSource {
  const trimmed = url.trim();
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    throw new FeedsSettingError(
      `VENDORWATCH_FEEDS: ${where}: "${shorten(trimmed)}" is not a URL; write a full address such as https://example.org/feed.xml.`,
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new FeedsSettingError(
      `VENDORWATCH_FEEDS: ${where}: "${shorten(trimmed)}" is not an http(s) URL; only http:// and https:// feeds are polled.`,
    );
  }
  if (parsed.username || parsed.password) {
    // URLs end up in logs, status output and chat notices; a password in one would leak there.
    throw new FeedsSettingError(
      `VENDORWATCH_FEEDS: ${where}: "${parsed.host}" URL contains credentials; feeds behind a login are not supported, remove the user:password part.`,
    );
  }
  const cleanName = name?.replace(/\s+/g, ' ').trim().slice(0, 200);
  return { name: cleanName && cleanName.length > 0 ? cleanName : parsed.host, url: parsed.toString(), tags: [...new Set(tags)] };
}

function withFullText<T extends FeedSource>(source: T, fullText: FullTextMode): T {
  return { ...source, fullText };
}

function finish(feeds: FeedSource[], origin: string): FeedSource[] {
  if (feeds.length === 0) throw new FeedsSettingError(`VENDORWATCH_FEEDS: ${origin} holds no feeds. ${HOW_TO}.`);
  if (feeds.length > MAX_FEEDS)
    throw new FeedsSettingError(`VENDORWATCH_FEEDS: ${origin} holds ${feeds.length} feeds; at most ${MAX_FEEDS} are supported.`);
  // The same feed listed twice would be fetched twice and its items reported twice.
  const seen = new Set<string>();
  return feeds.filter((feed) => (seen.has(feed.url) ? false : (seen.add(feed.url), true)));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shorten(text: string): string {
  const clean = text.replace(/[^\x20-\x7e\u00a0-\uffff]/g, '?');
  return clean.length > 120 ? `${clean.slice(0, 117)}...` : clean;
}
