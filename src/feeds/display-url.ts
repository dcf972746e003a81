// Feed URLs as people see them: in chat notices, `vendorwatch status` and log lines. An operator's feed URL may
// carry credentials (`https://user:password@host/feed`) or a token in its query string (`?token=…`, `?key=…`), and
// a redirect target may echo one. What reaches a person or a log shows scheme, host, port and path only; the store
// keeps the complete URL, which fetching needs.

const MAX_DISPLAY_CHARS = 200;
/** An absolute URL inside free text (an error message), up to the first space, quote or bracket. */
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>()[\]{}]+/gi;

/** `http://user:pass@host:8080/feed.xml?token=abc#x` → `http://host:8080/feed.xml`. */
export function displayFeedUrl(url: string): string {
  let shown: string;
  try {
    const parsed = new URL(url);
    shown = `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    // Not a URL the parser takes: cut at the query or fragment, and drop anything before an `@` in the authority.
    shown = url.replace(/[?#][\s\S]*$/, '').replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/]*@/i, '$1');
  }
  return printable(shown);
}

/** Free text (an error message) with every URL in it shown as displayFeedUrl shows it. */
export function hideUrlSecrets(text: string): string {
  return text.replace(URL_IN_TEXT, (url) => displayFeedUrl(url));
}

/** One line of printable ASCII: URLs go into single-line log records and messages. */
function printable(text: string): string {
  const clean = text.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > MAX_DISPLAY_CHARS ? `${clean.slice(0, MAX_DISPLAY_CHARS - 3)}...` : clean;
}
