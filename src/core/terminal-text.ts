/**
 * Feed text printed to a terminal must not carry escape sequences or bidi overrides that would rewrite what an
 * operator sees; whitespace is folded to one line.
 */
export function inertText(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .replace(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
