// Turns untrusted feed markup and links into the plain, comparable values the rest of the core works with.

import { createHash } from 'node:crypto';
import { compile, type HtmlToTextOptions } from 'html-to-text';

/** Markup beyond this is not read: a hostile entry must not cost seconds of CPU to flatten. */
const MAX_HTML_CHARS = 200_000;
const MAX_URL_CHARS = 2048;

const HTML_TO_TEXT: HtmlToTextOptions = {
  wordwrap: false,
  // Its default counts the zero-width space as whitespace, which would split `Care&#x200B;Cloud` into two words.
  whitespaceCharacters: ' \t\r\n\f',
  limits: { maxInputLength: MAX_HTML_CHARS, maxDepth: 64, maxChildNodes: 2000, ellipsis: ' …' },
  selectors: [
    // A link's URL in the text would be read by detection as words and shown to users as a bare link.
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'picture', format: 'skip' },
    { selector: 'svg', format: 'skip' },
    { selector: 'iframe', format: 'skip' },
    { selector: 'noscript', format: 'skip' },
    { selector: 'form', format: 'skip' },
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } })),
    { selector: 'table', format: 'block' },
    { selector: 'tr', format: 'block' },
    { selector: 'th', format: 'inline' },
    { selector: 'td', format: 'inline' },
  ],
};

// convert() compiles its options on every call (over half of a feed's parse time); compile them once.
const toPlainText = compile(HTML_TO_TEXT);

/**
 * Plain text of an HTML fragment: tags, images and link targets removed, entities decoded, runs of spaces folded
 * to one and blank lines removed (one line per block, so sentence splitting still sees paragraph ends).
 */
export function htmlToPlainText(html: string): string {
  if (html.length === 0) return '';
  if (isPlainText(html)) return foldWhitespace(html.replace(INLINE_WHITESPACE, ' '));
  return foldWhitespace(toPlainText(html));
}

/** html-to-text's whitespace (see HTML_TO_TEXT): in inline text every run of it reads as one space. */
const INLINE_WHITESPACE = /[ \t\r\n\f]+/g;

/**
 * Many feeds send plain text. Without a tag or an entity there is nothing to parse, and html-to-text would only
 * fold whitespace: skipping its parse saves most of a plain item's cost and the garbage of its DOM.
 */
function isPlainText(text: string): boolean {
  return text.length <= MAX_HTML_CHARS && !text.includes('<') && !text.includes('&');
}

/** Invisible characters that show no gap: zero-width space, word joiner, BOM, soft hyphen. */
const GAPLESS = /[\u200b\u2060\ufeff\u00ad]/g;
/** C0 controls but tab and line breaks, DEL and C1 controls (0x9B is a terminal escape): never text. */
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/**
 * Folds spaces within lines and drops empty lines; no leading or trailing whitespace. Invisible characters that
 * show no gap (zero-width space, word joiner, BOM, soft hyphen) are removed, not made spaces: `Care\u200bCloud`
 * reads as one word, and must stay one word for vendor matching. Control characters become spaces.
 */
export function foldWhitespace(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(GAPLESS, '')
    .replace(CONTROLS, ' ')
    .split('\n')
    .map((line) => line.replace(/[\s\u00a0]+/g, ' ').trim())
    .filter((line) => line.length > 0)
    .join('\n');
}

const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'twclid',
  'igshid',
  'mc_cid',
  'mc_eid',
  '_hsenc',
  '_hsmi',
  '__hstc',
  '__hssc',
  '__hsfp',
  '_ga',
  '_gl',
  'mkt_tok',
  'oly_anon_id',
  'oly_enc_id',
  'vero_id',
  'ref',
  'ref_src',
  'ref_url',
  'referrer',
  'cmpid',
  'ncid',
  'wprss',
  'rss',
  'spm',
  'sr_share',
  'wt_mc',
  'wt_zmc',
]);

function isTrackingParam(name: string, value: string): boolean {
  const key = name.toLowerCase();
  if (key.startsWith('utm_') || key.startsWith('pk_') || key.startsWith('mtm_')) return true;
  // Medium and others tag feed traffic as `source=rss…`; any other `source` may be meaningful.
  if (key === 'source' && /^rss/i.test(value)) return true;
  return TRACKING_PARAMS.has(key);
}

/**
 * The link as a stable key and a safe thing to show: http(s) only (else null), no credentials, no fragment, no
 * tracking parameters, host lowercased, remaining parameters sorted. Google redirect links are unwrapped.
 */
export function canonicalizeUrl(url: string): string | null {
  const trimmed = url.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_URL_CHARS) return null;
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  const unwrapped = unwrapRedirect(parsed);
  if (unwrapped !== null) return canonicalizeUrl(unwrapped);
  parsed.username = '';
  parsed.password = '';
  parsed.hash = '';
  const kept = [...parsed.searchParams.entries()].filter(([name, value]) => !isTrackingParam(name, value));
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  parsed.search = new URLSearchParams(kept).toString();
  // URL keeps a bare "?" when the query becomes empty through `search = ''`; toString() without it is canonical.
  return parsed.toString().replace(/\?$/, '');
}

/** Google Alerts and Google News wrap every link in a redirect whose target is in `url` (or `q`). */
function unwrapRedirect(url: URL): string | null {
  const host = url.hostname.toLowerCase();
  if (!/^(www\.)?google\.[a-z.]+$/.test(host) || url.pathname !== '/url') return null;
  const target = url.searchParams.get('url') ?? url.searchParams.get('q');
  if (target === null || !/^https?:\/\//i.test(target)) return null;
  return target;
}

/** Case, accents, punctuation and spacing do not distinguish two texts. */
function normaliseForFingerprint(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The same story re-published under a new guid, with a new date or at another position in the feed hashes the
 * same: only the normalised title and text count.
 */
export function fingerprintItem(title: string, text: string): string {
  const hash = createHash('sha256');
  hash.update(normaliseForFingerprint(title));
  hash.update('\u0000');
  hash.update(normaliseForFingerprint(text));
  return hash.digest('hex');
}
