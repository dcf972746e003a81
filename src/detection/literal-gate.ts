// A cheap test that tells when a pattern cannot match: the words a pattern needs, read from its source. V8 scans
// case-insensitive unicode patterns (the `iu` flags: role phrases, other-language terms) many times slower than
// plain ones, and most of them fail on most sentences; one plain scan of the lower-cased sentence for the words they
// need rules most of them out first. (A plain `i` pattern is about as fast as its gate: gate only `iu` ones.)
// A sequence needs a word of each of its parts ("<org> said its systems were not…" needs "said", "its", "system"
// and "not"), and the gate tests the rarest few of those sets, so a sentence with "said" alone skips the pattern.
// The gate never changes a result: it only says "cannot match" when every possible match would contain one of its
// words, and it says "may match" whenever the source uses anything it does not understand.
//
//   const gate = literalGate(/\b(?:santé|hôpital)\b/iu);        // needs "santé" or "hôpital"
//   if (gate.mayMatch(sentence.toLowerCase(), sentence) && pattern.test(sentence)) …

export interface LiteralGate {
  /** Words one of which every match contains (lower case), the rarest such set; null when the pattern gives none. */
  readonly words: readonly string[] | null;
  /** Every set of words the pattern requires one of, rarest first: a match holds one word of each. */
  readonly wordSets: readonly (readonly string[])[];
  /** False only when the pattern cannot match `text`; `lower` is `text.toLowerCase()`. */
  mayMatch(lower: string, text: string): boolean;
  /** The same answer from the text alone, for callers that hold no lower-case copy. */
  mayMatchText(text: string): boolean;
  /** The pattern has the i and u flags: a long s ("ſ") matches "s", and it stays "ſ" in lower case. */
  readonly foldsLongS: boolean;
  /** The pattern has the u flag: case folding follows unicode rules (the Kelvin sign is a k). */
  readonly unicode: boolean;
}

/** More exact strings than this and a node is only known by the words it needs. */
const MAX_EXACT = 24;
/** A gate of more words than this costs about what the pattern does: such a gate always says "may match". */
const MAX_WORDS = 48;

/**
 * What a piece of a pattern can match: `exact` lists every string it can match (lower case) when they are few,
 * otherwise `all` lists sets of words such that every match contains one word of each set (empty: nothing known).
 */
interface Info {
  exact: Set<string> | null;
  all: Set<string>[];
}

const ANY: Info = { exact: null, all: [] };
const EMPTY = (): Info => ({ exact: new Set(['']), all: [] });
/** Sets a gate tests at most: the rarest few rule out nearly everything the rest would. */
const MAX_SETS = 4;

/**
 * The gate of `re`; build it once, beside the pattern. `ignoring` names literal text the caller knows every tested
 * string holds (a placeholder), so the gate does not rely on it.
 */
export function literalGate(re: RegExp, ignoring?: string): LiteralGate {
  return gateOfSets(requiredWordSets(re, MAX_WORDS, ignoring), re.flags.includes('i') && re.flags.includes('u'), re.unicode);
}

/** A gate that says "may match" where one of `gates` does: one set, all of their rarest words. */
export function unionGate(gates: readonly LiteralGate[]): LiteralGate {
  const all = new Set<string>();
  for (const gate of gates) {
    if (gate.words === null) return gateOfSets([], false, false);
    for (const w of gate.words) all.add(w);
  }
  return gateOfSets(
    [shortestCover(all)],
    gates.some((g) => g.foldsLongS),
    gates.some((g) => g.unicode),
  );
}

function gateOfSets(sets: readonly (readonly string[])[], foldsLongS: boolean, unicode: boolean): LiteralGate {
  // Each set as one plain alternation: a case-sensitive, non-unicode scan of literals, which V8 runs far faster
  // than one includes() per word or than a case-insensitive unicode pattern.
  const scans = sets.map((words) => new RegExp(words.map(escapeRe).join('|')));
  // Without the u flag a case-insensitive pattern folds case exactly as a case-insensitive scan of its words does,
  // so the text needs no lower-case copy; with it, the Kelvin sign and the long s fold too, and only the lower-case
  // copy (plus the long-s test) is sound.
  const scansIgnoringCase = unicode ? null : sets.map((words) => new RegExp(words.map(escapeRe).join('|'), 'i'));
  const mayMatch = (lower: string, text: string): boolean => {
    if (foldsLongS && text.includes('ſ')) return true;
    for (let i = 0; i < scans.length; i += 1) if (!scans[i]!.test(lower)) return false;
    return true;
  };
  return {
    words: sets[0] ?? null,
    wordSets: sets,
    foldsLongS,
    unicode,
    mayMatch,
    mayMatchText(text) {
      if (scansIgnoringCase === null) return scans.length === 0 || mayMatch(text.toLowerCase(), text);
      for (let i = 0; i < scansIgnoringCase.length; i += 1) if (!scansIgnoringCase[i]!.test(text)) return false;
      return true;
    },
  };
}

/** The words without those that contain a shorter one (which they imply). */
function shortestCover(words: Iterable<string>): string[] {
  const list = [...words].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  return list.filter((w, i) => !list.slice(0, i).some((shorter) => w.includes(shorter)));
}

/**
 * The words (lower case) one of which every match of `re` contains, at most `maxWords` of them; null when the
 * pattern gives none or needs more. word-gates.ts looks words up in a table, where many words cost no more than a
 * few, so it asks for more than a scanning gate can use.
 */
export function requiredWords(re: RegExp, maxWords: number, ignoring?: string): string[] | null {
  const info = parse(re, ignoring);
  return info ? finalWords(info, maxWords) : null;
}

/**
 * Every set of words the pattern requires one of (a match holds a word of each), at most `maxWords` words a set,
 * the rarest first and at most a few: "<org> said its systems were not…" needs "said" and "not" and "system".
 */
function requiredWordSets(re: RegExp, maxWords: number, ignoring?: string): string[][] {
  const info = parse(re, ignoring);
  if (!info) return [];
  const sets = allOf(info).filter((set) => set.size <= maxWords);
  const ranked: Set<string>[] = [];
  for (const set of sets) {
    // Rarest first, by the same preference that picks one set; a set equal to one already kept adds nothing.
    if (ranked.some((kept) => sameWords(kept, set))) continue;
    const at = ranked.findIndex((kept) => better(set, kept) === set && better(kept, set) !== kept);
    if (at < 0) ranked.push(set);
    else ranked.splice(at, 0, set);
  }
  return ranked.slice(0, MAX_SETS).map((set) => shortestCover(set));
}

function parse(re: RegExp, ignoring?: string): Info | null {
  try {
    const source = ignoring ? re.source.split(ignoring).join('.') : re.source;
    return new Parser(source, re.flags.includes('u')).parse();
  } catch {
    return null;
  }
}

function sameWords(a: Set<string>, b: Set<string>): boolean {
  if (a.size !== b.size) return false;
  for (const w of a) if (!b.has(w)) return false;
  return true;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function finalWords(info: Info, maxWords: number): string[] | null {
  const needs = needsOf(info);
  if (!needs || needs.size > maxWords) return null;
  // A word that contains another is implied by it.
  const list = [...needs].sort((a, b) => a.length - b.length);
  return list.filter((w, i) => !list.slice(0, i).some((shorter) => w.includes(shorter)));
}

/** The sets of words every match holds one of each. */
function allOf(info: Info): Set<string>[] {
  if (info.exact) return info.exact.has('') ? [] : [info.exact];
  return info.all;
}

/** The one set of `info` a single-set gate uses: the rarest. */
function needsOf(info: Info): Set<string> | null {
  let best: Set<string> | null = null;
  for (const set of allOf(info)) best = better(best, set);
  return best;
}

/** The better of two requirements: the one whose shortest word is longer, then the one with fewer words. */
function better(a: Set<string> | null, b: Set<string> | null): Set<string> | null {
  if (!a) return b;
  if (!b) return a;
  // A set holding a word of nearly every sentence ("its", "said") lets nearly every sentence through.
  const ca = holdsEverydayWord(a);
  const cb = holdsEverydayWord(b);
  if (ca !== cb) return ca ? b : a;
  const shortest = (s: Set<string>) => Math.min(...[...s].map((w) => w.length));
  const sa = shortest(a);
  const sb = shortest(b);
  if (sa !== sb) return sa > sb ? a : b;
  return a.size <= b.size ? a : b;
}

/** Words found in most sentences of news prose: a requirement made of them rules little out. */
const EVERYDAY = new Set(
  'a an the of in on at to and or for by with from as into than that which who this these those it its their they them he she his her is was were are be been has have had not no also said says say told data'.split(
    ' ',
  ),
);

function holdsEverydayWord(words: Set<string>): boolean {
  for (const w of words) if (EVERYDAY.has(w.trim())) return true;
  return false;
}

function sequence(parts: Info[]): Info {
  let run: Set<string> = new Set(['']);
  const all: Set<string>[] = [];
  let exactSoFar = true;
  const closeRun = () => {
    if (!run.has('')) all.push(run);
    run = new Set(['']);
  };
  for (const part of parts) {
    if (part.exact) {
      const product = new Set<string>();
      for (const a of run) for (const b of part.exact) product.add(a + b);
      if (product.size <= MAX_EXACT) {
        run = product;
        continue;
      }
      exactSoFar = false;
      closeRun();
      run = part.exact;
      continue;
    }
    exactSoFar = false;
    closeRun();
    all.push(...part.all);
  }
  if (exactSoFar) return { exact: run, all: [] };
  closeRun();
  return { exact: null, all };
}

function alternation(options: Info[]): Info {
  if (options.length === 1) return options[0]!;
  if (options.every((o) => o.exact)) {
    const union = new Set<string>();
    for (const o of options) for (const s of o.exact!) union.add(s);
    if (union.size <= MAX_EXACT) return { exact: union, all: [] };
  }
  // One set from each option, joined: every match of the alternation holds a word of the union.
  const needs = new Set<string>();
  for (const o of options) {
    const n = needsOf(o);
    if (!n) return ANY;
    for (const w of n) needs.add(w);
  }
  return { exact: null, all: [needs] };
}

function repeated(info: Info, min: number, max: number): Info {
  if (min === 1 && max === 1) return info;
  if (min === 0) {
    if (max === 1 && info.exact) return { exact: new Set([...info.exact, '']), all: [] };
    return ANY;
  }
  return { exact: null, all: allOf(info) };
}

/** A literal character as lower-case text, or null when case mapping makes it unsafe to compare that way. */
function literal(char: string): Info {
  const lower = char.toLowerCase();
  if (lower.length !== 1 || !isComparableLower(lower.charCodeAt(0))) return ANY;
  return { exact: new Set([lower]), all: [] };
}

/**
 * Characters whose case-insensitive matches all lower-case to them: ASCII, Latin-1 and Latin Extended letters and
 * typographic punctuation. Outside these (Greek, Cyrillic, the micro sign, the long s) a letter can match one whose
 * lower case differs, so it is compared as anything.
 */
function isComparableLower(code: number): boolean {
  if (code < 0x80) return true;
  if (code >= 0xa0 && code <= 0x24f) return code !== 0xb5 && code !== 0x17f;
  return code >= 0x2010 && code <= 0x2027;
}

/** Recursive-descent reader of the regex syntax detection uses; anything else throws, and the gate opens. */
class Parser {
  private at = 0;

  constructor(
    private readonly source: string,
    private readonly unicode: boolean,
  ) {}

  parse(): Info {
    const info = this.alternatives();
    if (this.at !== this.source.length) throw new Error('unbalanced');
    return info;
  }

  private peek(): string {
    return this.source[this.at] ?? '';
  }

  private alternatives(): Info {
    const options = [this.sequence()];
    while (this.peek() === '|') {
      this.at += 1;
      options.push(this.sequence());
    }
    return alternation(options);
  }

  private sequence(): Info {
    const parts: Info[] = [];
    while (this.at < this.source.length && this.peek() !== '|' && this.peek() !== ')') {
      parts.push(this.quantified(this.atom()));
    }
    return sequence(parts);
  }

  private quantified(info: Info): Info {
    const c = this.peek();
    let min = 1;
    let max = 1;
    if (c === '?' || c === '*' || c === '+') {
      this.at += 1;
      min = c === '+' ? 1 : 0;
      max = c === '?' ? 1 : Infinity;
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.at));
      if (!m) throw new Error('brace');
      this.at += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    } else return info;
    if (this.peek() === '?') this.at += 1; // lazy
    return repeated(info, min, max);
  }

  private atom(): Info {
    const c = this.peek();
    if (c === '(') return this.group();
    if (c === '[') return this.charClass();
    if (c === '\\') return this.escape();
    this.at += 1;
    if (c === '.') return ANY;
    if (c === '^' || c === '$') return EMPTY();
    if (c === '*' || c === '+' || c === '?' || c === '{' || c === '}' || c === ']') throw new Error('syntax');
    return literal(c);
  }

  private group(): Info {
    const rest = this.source.slice(this.at);
    const lookaround = /^\(\?(?:=|!|<=|<!)/.exec(rest);
    const opener = lookaround ?? /^\(\?:|^\(\?<[A-Za-z_$][\w$]*>|^\(/.exec(rest);
    if (!opener) throw new Error('group');
    this.at += opener[0].length;
    const inner = this.alternatives();
    if (this.peek() !== ')') throw new Error('unclosed');
    this.at += 1;
    // A lookaround matches no text of its own.
    return lookaround ? EMPTY() : inner;
  }

  private escape(): Info {
    const next = this.source[this.at + 1] ?? '';
    this.at += 2;
    if (next === 'b' || next === 'B') return EMPTY();
    if ('dDwWsS'.includes(next)) return ANY;
    if (next === 'p' || next === 'P') {
      const m = /^\{[^}]*\}/.exec(this.source.slice(this.at));
      if (!m) throw new Error('property');
      this.at += m[0].length;
      return ANY;
    }
    if (next === 'u' || next === 'x') return literal(this.codeEscape(next));
    if (next === 'n') return literal('\n');
    if (next === 't') return literal('\t');
    if (next === 'r') return literal('\r');
    if (/[\^$\\.*+?()[\]{}|/\-'’"“”&,:;!#%=<>@`~ ]/.test(next)) return literal(next);
    // Back-references, control escapes, \0, \k<name>: not understood.
    throw new Error('escape');
  }

  private codeEscape(kind: string): string {
    const rest = this.source.slice(this.at);
    const m =
      kind === 'x'
        ? /^[0-9a-fA-F]{2}/.exec(rest)
        : this.unicode && rest.startsWith('{')
          ? /^\{([0-9a-fA-F]+)\}/.exec(rest)
          : /^[0-9a-fA-F]{4}/.exec(rest);
    if (!m) throw new Error('code escape');
    this.at += m[0].length;
    return String.fromCodePoint(parseInt(m[1] ?? m[0], 16));
  }

  /** A class of a few plain characters ("[sz]", "[’']") is those characters; ranges and negations are anything. */
  private charClass(): Info {
    this.at += 1;
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.at += 1;
    }
    const chars: string[] = [];
    let plain = !negated;
    while (this.peek() !== ']') {
      if (this.at >= this.source.length) throw new Error('unclosed class');
      let c = this.peek();
      this.at += 1;
      if (c === '\\') {
        const next = this.source[this.at] ?? '';
        this.at += 1;
        if (next === 'p' || next === 'P') {
          const m = /^\{[^}]*\}/.exec(this.source.slice(this.at));
          if (!m) throw new Error('property');
          this.at += m[0].length;
          plain = false;
          continue;
        }
        if (next === 'u' || next === 'x') c = this.codeEscape(next);
        else if (/[\]\\\-^./'’"&()|[{}*+?$ ]/.test(next)) c = next;
        else {
          plain = false; // \w, \s, \d, \b (backspace) and the rest
          continue;
        }
      } else if (c === '-' && chars.length > 0 && this.peek() !== ']') {
        plain = false; // a range
        continue;
      }
      chars.push(c);
    }
    this.at += 1;
    if (!plain || chars.length === 0 || chars.length > 8) return ANY;
    const exact = new Set<string>();
    for (const c of chars) {
      const info = literal(c);
      if (!info.exact) return ANY;
      for (const s of info.exact) exact.add(s);
    }
    return { exact, all: [] };
  }
}

export interface GatedPattern {
  re: RegExp;
  gate: LiteralGate;
}

/** Patterns tried in turn, each behind its own gate, and all of them behind the union of their gates. */
export interface GatedAlternatives {
  members: GatedPattern[];
  /** "May match" where some member's gate does: a sentence holding none of the members' words skips them all. */
  gate: LiteralGate;
}

/** Each pattern with its gate, and their union; `ignoring` as for literalGate. */
export function gatedAlternatives(patterns: readonly RegExp[], ignoring?: string): GatedAlternatives {
  const members = patterns.map((re) => {
    if (re.global || re.sticky) throw new Error(`gated patterns are tested with test(), so never global: /${re.source}/${re.flags}`);
    return { re, gate: literalGate(re, ignoring) };
  });
  return { members, gate: unionGate(members.map((m) => m.gate)) };
}

/** The index of the first alternative that matches `text`, or -1; `lower` is `text.toLowerCase()`. */
export function firstMatching(alternatives: GatedAlternatives, text: string, lower: string): number {
  if (!alternatives.gate.mayMatch(lower, text)) return -1;
  const members = alternatives.members;
  for (let i = 0; i < members.length; i += 1) {
    const { re, gate } = members[i]!;
    if (gate.mayMatch(lower, text) && re.test(text)) return i;
  }
  return -1;
}
