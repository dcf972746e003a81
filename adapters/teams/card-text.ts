// Feed text is untrusted: before it reaches an Adaptive Card TextBlock (which Teams renders as a markdown
// subset) it must lose every way to become a link, an image, emphasis, a list, a mention or a template call.

/** C0/C1 controls, zero-width and bidirectional-override characters: invisible, and used to disguise text. */
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** Characters with a meaning in Adaptive Card markdown or in Teams' mention markup. */
const MARKDOWN_SPECIALS = /[\\`*_[\]()~<>#|!{}]/g;

export const ELLIPSIS = '…';

/** Removes invisible characters and folds all whitespace (newlines included) into single spaces. */
export function foldText(text: string): string {
  return text.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

/** Cuts text to at most `maxChars` code points, ending with an ellipsis when anything was cut. */
export function truncateText(text: string, maxChars: number): string {
  const chars = Array.from(text);
  if (chars.length <= maxChars) return text;
  if (maxChars <= 1) return ELLIPSIS;
  return (
    chars
      .slice(0, maxChars - 1)
      .join('')
      .trimEnd() + ELLIPSIS
  );
}

/**
 * Makes untrusted text safe and literal inside a TextBlock: folded to one line, cut to `maxChars`, every
 * markdown special backslash-escaped (so `[x](y)`, `![x](y)`, `**`, `<at>` render as typed), a leading
 * list marker neutralised, bare URLs defanged so the renderer does not auto-link them.
 */
export function escapeCardText(text: string, maxChars: number): string {
  const folded = truncateText(foldText(text), maxChars);
  const defanged = folded.replace(/\b(https?|ftp|file|javascript|data):\/\//gi, (_m, scheme: string) => `${scheme}:\u200B//`);
  const escaped = defanged.replace(MARKDOWN_SPECIALS, (ch) => `\\${ch}`);
  // "1. foo", "- foo" and "+ foo" at the start of a block would become lists.
  return escaped.replace(/^(\d+)\.(\s)/, '$1\\.$2').replace(/^([-+])(\s)/, '\\$1$2');
}

/** An http(s) URL made safe as a markdown link target, or null when it is not one we should link to. */
export function safeLinkUrl(raw: string | null | undefined): string | null {
  if (!raw || raw.length > 2048) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  // Credentials in a link are a phishing trick (https://trusted.example@evil.example/) and never needed.
  url.username = '';
  url.password = '';
  // Characters that would end or reshape a markdown link target are percent-encoded (same meaning to servers).
  return url.href.replace(/[()[\]<>*_\s\\'"`]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/**
 * A markdown link whose text is escaped and whose target is a safe URL; plain escaped text without one, or when
 * the URL is longer than `maxUrlChars` (a card short of room keeps the words and drops the 2,000-character link).
 */
export function markdownLink(
  text: string,
  url: string | null | undefined,
  maxChars: number,
  maxUrlChars = Number.POSITIVE_INFINITY,
): string {
  const label = escapeCardText(text, maxChars) || 'link';
  const target = safeLinkUrl(url);
  return target && target.length <= maxUrlChars ? `[${label}](${target})` : label;
}
