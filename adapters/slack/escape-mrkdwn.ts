// Turning untrusted text (feed titles, summaries, outlet names, user comments) into Slack markup that can
// only ever display as text: no mentions, no channel links, no links but the http(s) ones we build ourselves.

/** Block Kit's documented limits; past them Slack rejects the whole message with `invalid_blocks`. */
export const LIMITS = {
  headerText: 150,
  sectionText: 3000,
  fieldText: 2000,
  fieldsPerSection: 10,
  contextElements: 10,
  buttonText: 75,
  buttonValue: 2000,
  blocksPerMessage: 50,
  /** Slack accepts 40,000 but truncates notifications long before; the fallback only needs the gist. */
  fallbackText: 3000,
  linkLabel: 200,
  url: 2000,
} as const;

const ELLIPSIS = '…';

// Characters that change how text reads without being visible (bidi overrides, zero-width joiners) and
// control characters: dropped so a title cannot hide or reorder what the reader sees.
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
const BROADCAST_WORDS = /@(here|channel|everyone)\b/gi;
const ZERO_WIDTH_JOINER = '\u200D';

/** Removes invisible characters; folds every run of whitespace into one space when `singleLine`. */
function cleanText(text: string, singleLine = false): string {
  const cleaned = text.replace(INVISIBLE, '');
  return singleLine ? cleaned.replace(/\s+/g, ' ').trim() : cleaned.replace(/[ \t]+\n/g, '\n').trim();
}

/**
 * Escapes untrusted text for mrkdwn: `&`, `<`, `>` become entities, so `<!channel>`, `<@U…>`, `<#C…>` and
 * `<url|label>` cannot be formed, and `@here`-style words get a zero-width joiner so no client treats them as
 * a broadcast. Invisible characters are removed before the joiner is added.
 */
export function escapeMrkdwn(text: string, singleLine = false): string {
  return cleanText(text, singleLine)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(BROADCAST_WORDS, `@${ZERO_WIDTH_JOINER}$1`);
}

/**
 * Text for `plain_text` objects (header, buttons). Slack does not parse mentions there, but the same escaping
 * keeps one rule for every string that came from outside.
 */
export function escapePlainText(text: string): string {
  return escapeMrkdwn(text, true);
}

/** The URL if it is an absolute http(s) URL without credentials and of sane length, else null. */
export function safeHttpUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password) return null;
  const href = url.href;
  return href.length <= LIMITS.url ? href : null;
}

/**
 * A mrkdwn link `<url|label>`. The label is escaped and cut, `|` in it replaced (it would end the URL part);
 * the URL is percent-encoded where Slack's link syntax would break. A URL that is not http(s) is dropped
 * and only the label remains, as text.
 */
export function linkMrkdwn(rawUrl: string | null | undefined, label: string): string {
  const text = cutMrkdwn(escapeMrkdwn(label, true).replace(/\|/g, '¦'), LIMITS.linkLabel);
  const url = safeHttpUrl(rawUrl);
  if (!url) return text;
  const encoded = url.replace(/\|/g, '%7C').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/&/g, '&amp;');
  return `<${encoded}|${text || 'link'}>`;
}

/**
 * Cuts already-escaped mrkdwn to `max` characters, ellipsis included, never inside an entity (`&amp;`), a link
 * we built (`<…>`) or a surrogate pair, so the cut text is still valid markup.
 */
export function cutMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - ELLIPSIS.length));
  const amp = cut.lastIndexOf('&');
  if (amp >= 0 && amp >= cut.length - 5 && !cut.slice(amp).includes(';')) cut = cut.slice(0, amp);
  const open = cut.lastIndexOf('<');
  if (open > cut.lastIndexOf('>')) cut = cut.slice(0, open);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return cut + ELLIPSIS;
}

/**
 * Joins whole lines while they fit in `max`; when some do not, ends with `overflow(n)` for the n lines left
 * out. A single line longer than `max` is cut.
 */
export function fitLines(lines: string[], max: number, overflow: (left: number) => string): string {
  const all = lines.join('\n');
  if (all.length <= max) return all;
  const kept: string[] = [];
  for (const line of lines) {
    const note = overflow(lines.length - kept.length - 1);
    if ([...kept, line, note].join('\n').length > max) break;
    kept.push(line);
  }
  const withNote = (): string => [...kept, overflow(lines.length - kept.length)].join('\n');
  while (kept.length > 0 && withNote().length > max) kept.pop();
  if (kept.length === 0) return cutMrkdwn(lines[0] ?? '', max);
  return withNote();
}

/**
 * A Slack mention for a watchlist `owner` that is a Slack user id (`U…`/`W…`) or user group id (`S…`), in any
 * of the usual spellings (`U0123`, `@U0123`, `<@U0123>`, `<!subteam^S0123>`); null for anything else, which
 * the caller shows as escaped text instead.
 */
export function mentionFor(owner: string | null | undefined): string | null {
  if (!owner) return null;
  const value = owner.trim();
  const user = /^(?:<@|@)?([UW][A-Z0-9]{2,20})>?$/.exec(value);
  if (user) return `<@${user[1]}>`;
  const group = /^(?:<!subteam\^|!subteam\^|@)?(S[A-Z0-9]{2,20})(?:\|[^>]*)?>?$/.exec(value);
  if (group) return `<!subteam^${group[1]}>`;
  return null;
}

/** `2026-03-12T14:05:09Z` → `2026-03-12 14:05 UTC`; anything unparseable is shown escaped as given. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return escapeMrkdwn(iso, true);
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
