// Every match of a global pattern, as `[...text.matchAll(re)]` gives them. matchAll copies the pattern on every
// call (a new RegExp through its species constructor); detection calls it for every sentence and pattern, so the
// copies cost more than the matching. The pattern's lastIndex is reset before and after, so callers can share it.

export function allMatches(re: RegExp, text: string): RegExpExecArray[] {
  if (!re.global) throw new Error(`allMatches needs a global pattern: /${re.source}/${re.flags}`);
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    out.push(m);
    // An empty match would match again at the same place: step over it, by code point in unicode mode.
    if (m[0] === '') re.lastIndex = nextIndex(text, re.lastIndex, re.unicode);
  }
  re.lastIndex = 0;
  return out;
}

function nextIndex(text: string, index: number, unicode: boolean): number {
  if (!unicode || index + 1 >= text.length) return index + 1;
  const code = text.charCodeAt(index);
  const isHighSurrogate = code >= 0xd800 && code <= 0xdbff;
  const next = text.charCodeAt(index + 1);
  return isHighSurrogate && next >= 0xdc00 && next <= 0xdfff ? index + 2 : index + 1;
}

/** `text` as a pattern that matches it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
