// Text normalisation for vendor matching. Feed text and watchlist terms go through the same function, so
// "CareCloud’s", "CARECLOUD", "Care\u200bCloud" and "carecloud" all become the same code sequence, while an offset
// map keeps every normalised code pointing back at the original characters (alerts quote the original).
//
// Output shape: a leading space, tokens of lowercase letters/digits separated by single spaces, a trailing space.
// Bounding spaces make every pattern carry its own word boundaries: " epic " can never match inside "epicure".

const SPACE = 0x20;

/** Characters removed outright (not turned into a space): they hide inside words to dodge matching. */
function isInvisible(code: number): boolean {
  return (
    code === 0x00ad || // soft hyphen
    code === 0x034f || // combining grapheme joiner
    code === 0x061c || // arabic letter mark
    code === 0x180e || // mongolian vowel separator
    (code >= 0x200b && code <= 0x200f) || // zero-width space/joiners, LRM/RLM
    (code >= 0x202a && code <= 0x202e) || // bidi embeddings and overrides
    (code >= 0x2060 && code <= 0x2064) || // word joiner, invisible operators
    (code >= 0x2066 && code <= 0x2069) || // bidi isolates
    code === 0xfeff // BOM / zero-width no-break space
  );
}

function isApostrophe(code: number): boolean {
  return code === 0x27 || code === 0x2019 || code === 0x02bc || code === 0x2018 || code === 0x60 || code === 0xb4;
}

// ASCII fast path: 0 = separator, 1 = keep (lowercased), 2 = '&', 3 = apostrophe.
const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if ((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) ASCII_CLASS[c] = 1;
}
ASCII_CLASS[0x26] = 2;
ASCII_CLASS[0x27] = 3;
ASCII_CLASS[0x60] = 3;

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const COMBINING_MARK = /\p{M}/gu;

/** Non-ASCII code unit -> its folded letters ('' = separator). Cached: feeds repeat the same few characters. */
const foldCache = new Map<number, string>();

function foldNonAscii(code: number): string {
  const cached = foldCache.get(code);
  if (cached !== undefined) return cached;
  const decomposed = String.fromCharCode(code).normalize('NFKD').replace(COMBINING_MARK, '').toLowerCase();
  let out = '';
  let pendingSpace = false;
  for (const ch of decomposed) {
    if (LETTER_OR_DIGIT.test(ch)) {
      if (pendingSpace && out.length > 0) out += ' ';
      pendingSpace = false;
      out += ch;
    } else {
      pendingSpace = true;
    }
  }
  if (foldCache.size < 4096) foldCache.set(code, out);
  return out;
}

export interface NormalisedText {
  /** Normalised UTF-16 codes; only the first `length` are meaningful. */
  codes: Uint16Array;
  length: number;
  /** For each normalised code, the original offset of the character it came from. */
  starts: Int32Array;
  /** For each normalised code, the original offset just after the character it came from. */
  ends: Int32Array;
}

class CodeBuffer {
  codes: Uint16Array;
  starts: Int32Array;
  ends: Int32Array;
  length = 0;

  constructor(capacity: number) {
    this.codes = new Uint16Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
  }

  push(code: number, start: number, end: number): void {
    if (this.length === this.codes.length) this.grow();
    this.codes[this.length] = code;
    this.starts[this.length] = start;
    this.ends[this.length] = end;
    this.length++;
  }

  /** A separator: one space however many separators follow each other. */
  space(start: number, end: number): void {
    if (this.length > 0 && this.codes[this.length - 1] === SPACE) return;
    this.push(SPACE, start, end);
  }

  /** Empties the buffer and makes sure it holds `capacity` codes without growing (old contents are dropped). */
  clear(capacity: number): void {
    this.length = 0;
    if (this.codes.length >= capacity) return;
    this.codes = new Uint16Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
  }

  /** Replaces the arrays with smaller empty ones (a text that expanded in normalising grew them). */
  shrink(capacity: number): void {
    this.length = 0;
    this.codes = new Uint16Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
  }

  /** Makes room for `extra` more codes. */
  reserve(extra: number): void {
    if (this.length + extra + 8 >= this.codes.length) this.grow();
  }

  private grow(): void {
    const size = this.codes.length * 2 + 16;
    const codes = new Uint16Array(size);
    codes.set(this.codes);
    const starts = new Int32Array(size);
    starts.set(this.starts);
    const ends = new Int32Array(size);
    ends.set(this.ends);
    this.codes = codes;
    this.starts = starts;
    this.ends = ends;
  }
}

function isWordCode(code: number): boolean {
  if (code < 128) return ASCII_CLASS[code] === 1;
  if (code >= 0xd800 && code <= 0xdfff) return false;
  return foldNonAscii(code).length > 0;
}

/**
 * Normalises text for matching: NFKD with diacritics stripped, case-folded, invisible characters removed,
 * punctuation, hyphens, line breaks and whitespace folded to single spaces, possessive 's dropped, `&` spelled
 * `and`. Offsets in `starts`/`ends` point into `text`.
 */
export function normaliseForMatching(text: string): NormalisedText {
  const borrowed = normaliseTransient(text);
  const { length } = borrowed;
  return { codes: borrowed.codes.slice(0, length), length, starts: borrowed.starts.slice(0, length), ends: borrowed.ends.slice(0, length) };
}

/**
 * Texts are normalised one at a time (matching is synchronous), into one grow-only scratch buffer: three typed
 * arrays sized to every text, allocated zeroed and left to the GC, cost more than the normalisation itself.
 */
const textScratch = new CodeBuffer(8192);
/** Codes the text scratch may keep between calls: one hostile 1 MB entry must not pin 10 MB for good. */
const TEXT_SCRATCH_RETAINED = 1 << 18;

/**
 * Like `normaliseForMatching`, but the arrays are the shared scratch buffer's: valid only until the next call of
 * either function. For a caller that reads them at once and copies out what it keeps (the matcher's `find`).
 */
export function normaliseTransient(text: string): NormalisedText {
  const estimate = text.length + (text.length >> 4) + 64;
  let buffer = textScratch;
  if (estimate > TEXT_SCRATCH_RETAINED) buffer = new CodeBuffer(estimate);
  else if (textScratch.codes.length > TEXT_SCRATCH_RETAINED) textScratch.shrink(TEXT_SCRATCH_RETAINED);
  buffer.clear(estimate);
  normaliseInto(text, buffer);
  return { codes: buffer.codes, length: buffer.length, starts: buffer.starts, ends: buffer.ends };
}

/** Terms are normalised by the ten thousand when a watchlist loads: they share one scratch buffer. */
const scratch = new CodeBuffer(4096);

function normaliseToString(text: string): string {
  const buffer = normaliseInto(text, scratch);
  let out = '';
  const chunk = 8192;
  for (let i = 0; i < buffer.length; i += chunk) {
    out += String.fromCharCode(...buffer.codes.subarray(i, Math.min(buffer.length, i + chunk)));
  }
  return out;
}

function normaliseInto(text: string, buffer: CodeBuffer): CodeBuffer {
  const n = text.length;
  buffer.length = 0;
  buffer.push(SPACE, 0, 0);
  // Hot path inlined on local views of the buffer: plain ASCII letters, digits and separators need no calls.
  let codes = buffer.codes;
  let starts = buffer.starts;
  let ends = buffer.ends;
  let length = buffer.length;
  let limit = codes.length - 32;
  for (let i = 0; i < n; i++) {
    if (length >= limit) {
      buffer.length = length;
      buffer.reserve(32);
      codes = buffer.codes;
      starts = buffer.starts;
      ends = buffer.ends;
      limit = codes.length - 32;
    }
    const code = text.charCodeAt(i);
    if (code < 128) {
      const cls = ASCII_CLASS[code];
      if (cls === 1) {
        codes[length] = code >= 0x41 && code <= 0x5a ? code + 32 : code;
        starts[length] = i;
        ends[length] = i + 1;
        length++;
        continue;
      }
      if (cls === 0) {
        if (codes[length - 1] !== SPACE) {
          codes[length] = SPACE;
          starts[length] = i;
          ends[length] = i + 1;
          length++;
        }
        continue;
      }
    }
    buffer.length = length;
    i = foldSpecial(text, i, code, buffer);
    length = buffer.length;
    codes = buffer.codes;
    starts = buffer.starts;
    ends = buffer.ends;
    limit = codes.length - 32;
  }
  buffer.length = length;
  buffer.space(n, n);
  return buffer;
}

/** Everything but plain ASCII letters, digits and separators. Returns the last index used. */
function foldSpecial(text: string, i: number, code: number, buffer: CodeBuffer): number {
  if (code === 0x26) {
    buffer.space(i, i + 1);
    buffer.push(0x61, i, i + 1);
    buffer.push(0x6e, i, i + 1);
    buffer.push(0x64, i, i + 1);
    buffer.push(SPACE, i, i + 1);
    return i;
  }
  if (isApostrophe(code)) return skipApostrophe(text, i, buffer);
  if (isInvisible(code)) return i;
  if (code >= 0xd800 && code <= 0xdfff) {
    // Astral characters are emoji and symbols in news text: separators.
    buffer.space(i, i + 1);
    return i;
  }
  const folded = foldNonAscii(code);
  if (folded.length === 0) buffer.space(i, i + 1);
  for (let k = 0; k < folded.length; k++) {
    const f = folded.charCodeAt(k);
    if (f === SPACE) buffer.space(i, i + 1);
    else buffer.push(f, i, i + 1);
  }
  return i;
}

/**
 * An apostrophe at `i`: a possessive `'s` after a word is dropped with it ("CareCloud's" -> "carecloud"),
 * any other apostrophe is removed without splitting the word ("O'Neil" -> "oneil"). Returns the last index used.
 */
function skipApostrophe(text: string, i: number, buffer: CodeBuffer): number {
  const prevIsWord = buffer.length > 0 && buffer.codes[buffer.length - 1] !== SPACE;
  const next = text.charCodeAt(i + 1);
  if (prevIsWord && (next === 0x73 || next === 0x53)) {
    const after = i + 2 < text.length ? text.charCodeAt(i + 2) : SPACE;
    if (!isWordCode(after)) {
      buffer.space(i, i + 2);
      return i + 1;
    }
  }
  return i;
}

/** The normalised codes as a string (bounding spaces included). */
export function toNormalisedString(normalised: NormalisedText): string {
  let out = '';
  const chunk = 8192;
  for (let i = 0; i < normalised.length; i += chunk) {
    out += String.fromCharCode(...normalised.codes.subarray(i, Math.min(normalised.length, i + chunk)));
  }
  return out;
}

/** Legal-form words that may follow a company name or be left out: "CareCloud, Inc." is CareCloud. */
export const LEGAL_SUFFIXES: readonly (readonly string[])[] = [
  ['inc'],
  ['incorporated'],
  ['llc'],
  ['l', 'l', 'c'],
  ['llp'],
  ['l', 'l', 'p'],
  ['lp'],
  ['l', 'p'],
  ['ltd'],
  ['limited'],
  ['corp'],
  ['corporation'],
  ['co'],
  ['plc'],
  ['pllc'],
  ['gmbh'],
  ['ag'],
  ['s', 'a'],
  ['n', 'v'],
  ['b', 'v'],
];

/** Length in tokens of a legal suffix that ends `tokens` (0 when none). */
export function trailingLegalSuffix(tokens: readonly string[]): number {
  for (const suffix of LEGAL_SUFFIXES) {
    if (suffix.length >= tokens.length) continue;
    const offset = tokens.length - suffix.length;
    if (suffix.every((word, k) => tokens[offset + k] === word)) return suffix.length;
  }
  return 0;
}

/** Length in tokens of a legal suffix that starts `tokens` (0 when none). */
export function leadingLegalSuffix(tokens: readonly string[]): number {
  let best = 0;
  for (const suffix of LEGAL_SUFFIXES) {
    if (suffix.length > tokens.length || suffix.length <= best) continue;
    if (suffix.every((word, k) => tokens[k] === word)) best = suffix.length;
  }
  return best;
}

/** The normalised tokens of a term. */
export function tokeniseTerm(term: string): string[] {
  let tokens = termCache.get(term);
  if (tokens === undefined) {
    tokens = normaliseToString(term)
      .split(' ')
      .filter((t) => t.length > 0);
    // Building a matcher tokenises each term several times (profile, context, lookup): remember recent ones.
    if (termCache.size >= TERM_CACHE_SIZE) termCache.clear();
    termCache.set(term, tokens);
  }
  return tokens.slice();
}

const TERM_CACHE_SIZE = 50_000;
const termCache = new Map<string, string[]>();

/**
 * A watchlist term as the automaton stores it: normalised tokens with trailing legal suffixes removed
 * ("Epic Systems Corporation" -> "epic systems"), or '' when nothing matchable is left.
 */
export function normaliseTerm(term: string): string {
  const tokens = tokeniseTerm(term);
  let cut = trailingLegalSuffix(tokens);
  while (cut > 0) {
    tokens.length -= cut;
    // "Smith & Co." leaves a dangling "and".
    if (tokens.length > 1 && tokens[tokens.length - 1] === 'and') tokens.length -= 1;
    cut = trailingLegalSuffix(tokens);
  }
  return tokens.join(' ');
}
