import { requiredWords } from './literal-gate.js';

// Which patterns of a family can match a sentence, from the words the sentence holds. Most pattern families (cue
// phrases, health terms, attack types, data types…) fail on most sentences, and each failing pattern costs a full
// regex scan. Here each sentence is cut into lower-case words once, and each distinct word is looked up once in a
// table of "which patterns need a word found inside this one": a pattern is run only when the sentence holds one of
// the words literal-gate.ts says every match of it contains.
//
// Why words are enough: a required word that has no separator character (below) in it can only occur inside one
// word of the sentence, so "some word of the sentence contains it" is the same as "the sentence contains it". A
// required word with separators in it ("such as", "8-k") is looked for by its longest piece (not "the" when there is another), which any occurrence
// also contains. Like literal-gate, this never changes a result: it only skips patterns that cannot match.
//
// The patterns and the pieces they are looked up by are a table built once from the rules (WordGateTable); the
// words and sentences met so far are state of one detector (WordGates, from table.open()), so two detectors never
// share them.
//
//   const TABLE = new WordGateTable({ dataTypes: DATA_TYPES.map((rule) => rule.pattern) });
//   const gates = TABLE.open();                              // one per detector
//   const may = gates.dataTypes.mayMatch(sentence.text);     // may[i]: pattern i can match
//   if (may[i] && DATA_TYPES[i].pattern.test(clause)) …       // any part of the sentence, too

/** ASCII characters other than lower-case letters and digits cut words; every other character belongs to one. */
const SEPARATORS = /[^a-z0-9\u0080-\uffff]+/;

/** Words in nearly every sentence: any piece of a gate word is sound, but these would let everything through. */
const COMMON = new Set(['a', 'an', 'the', 'of', 'to', 'in', 'on', 'at', 'by', 'for', 'and', 'or', 'is', 'was', 'with', 'its', 'it', 's']);

/** The piece a gate word is looked for by: its longest uncommon piece between separators ("" when it has none). */
function bestPiece(word: string): string {
  let best = '';
  let bestCommon = true;
  for (const piece of word.split(SEPARATORS)) {
    if (piece === '') continue;
    const common = COMMON.has(piece);
    if (best === '' || (bestCommon && !common) || (bestCommon === common && piece.length > best.length)) {
      best = piece;
      bestCommon = common;
    }
  }
  return best;
}

/** The shortest piece a pattern is gated by: "a", "of", "to", most words of a sentence, are never looked up. */
const MIN_PIECE = 3;
/** Words are looked up, not scanned for: a long list costs only when a new word of a sentence is first met. */
const MAX_GATE_WORDS = 400;

/**
 * The words one of which every match of `re` contains, as the word gates use them (lower case); null when the
 * pattern is always run: it gives no words, or one too short to look up ("8-k").
 */
export function gateWords(re: RegExp): string[] | null {
  const needs = requiredWords(re, MAX_GATE_WORDS);
  return needs && piecesOf(needs).every((p) => p.length >= MIN_PIECE) ? needs : null;
}

function piecesOf(words: readonly string[]): string[] {
  return [...new Set(words.map(bestPiece))];
}

export interface GateFamily {
  /** Per pattern, the words one of which every match contains (lower case); null when it is always run. */
  readonly words: readonly (readonly string[] | null)[];
  /**
   * One flag per pattern, in the order given: false only when that pattern cannot match `text`, nor any part of it
   * (a clause of a sentence can be tested with the sentence's flags).
   */
  mayMatch(text: string): boolean[];
}

/** One GateFamily per family name, all reading one set of word and sentence tables. */
export type WordGates<F extends string> = { readonly [K in F]: GateFamily };

/**
 * The patterns of every family, each with the pieces it is looked up by: built once from the rules, never changed.
 * Families share it so that a sentence's words are looked up once for all of them (cues, health terms and facts
 * read the same sentences).
 */
export class WordGateTable<F extends string> {
  /** Pieces one of which every match contains, by pattern id; null when the pattern is always run. */
  private readonly pieces: (readonly string[] | null)[] = [];
  /** Patterns that are always run. */
  readonly ungated: readonly number[];
  /** Case-insensitive unicode patterns, which match a long s ("ſ") as "s"; it stays "ſ" in lower case. */
  readonly foldingLongS: readonly number[];
  private readonly families: { name: F; ids: number[]; words: (string[] | null)[] }[] = [];

  constructor(families: Record<F, readonly RegExp[]>) {
    const ungated: number[] = [];
    const foldingLongS: number[] = [];
    for (const name of Object.keys(families) as F[]) {
      const words: (string[] | null)[] = [];
      const ids = families[name].map((re) => {
        const id = this.pieces.length;
        // A gate word of one or two characters between separators ("8-k") would have every short word of every
        // sentence looked up: such a pattern is always run instead, and words shorter than MIN_PIECE are never looked up.
        const usable = gateWords(re);
        words.push(usable);
        this.pieces.push(usable ? piecesOf(usable) : null);
        if (!usable) ungated.push(id);
        if (re.ignoreCase && re.unicode) foldingLongS.push(id);
        return id;
      });
      this.families.push({ name, ids, words });
    }
    this.ungated = ungated;
    this.foldingLongS = foldingLongS;
  }

  get size(): number {
    return this.pieces.length;
  }

  /** The patterns that need a piece found inside `word`, by id. */
  patternsInside(word: string): readonly number[] {
    let ids: number[] | null = null;
    for (let id = 0; id < this.pieces.length; id += 1) {
      const pieces = this.pieces[id];
      if (!pieces) continue;
      for (const piece of pieces) {
        if (word.includes(piece)) {
          (ids ??= []).push(id);
          break;
        }
      }
    }
    return ids ?? NONE;
  }

  /** Fresh word and sentence tables over these patterns, with one GateFamily per family: one set per detector. */
  open(): WordGates<F> {
    const lookup = new WordLookup(this);
    const out = {} as Record<F, GateFamily>;
    for (const { name, ids, words } of this.families) {
      out[name] = {
        words,
        mayMatch(text) {
          const may = lookup.mayMatchAll(text);
          const flags = new Array<boolean>(ids.length);
          for (let i = 0; i < ids.length; i += 1) flags[i] = may[ids[i]!] === 1;
          return flags;
        },
      };
    }
    return out;
  }
}

const NONE: readonly number[] = [];
/** Words met, kept at most this many before the table starts over. */
const MAX_WORDS = 50_000;
/** Sentences met, likewise. */
const MAX_TEXTS = 4000;

/** The words and sentences one detector has met, with what each may match. */
class WordLookup {
  /** For each word met: the patterns that need a word found inside it. Built as words come, bounded. */
  private readonly byWord = new Map<string, readonly number[]>();
  /** What a sentence may match, by its text: computed on first use and shared by every family that asks. */
  private readonly byText = new Map<string, Uint8Array>();
  /** The last sentence asked about: the fact families ask about one sentence in a row. */
  private lastText: string | null = null;
  private lastMay: Uint8Array = new Uint8Array(0);

  constructor(private readonly table: WordGateTable<string>) {}

  mayMatchAll(text: string): Uint8Array {
    if (text === this.lastText) return this.lastMay;
    const may = this.byText.get(text) ?? this.lookAt(text);
    this.lastText = text;
    this.lastMay = may;
    return may;
  }

  private lookAt(text: string): Uint8Array {
    const table = this.table;
    const may = new Uint8Array(table.size);
    for (const id of table.ungated) may[id] = 1;
    const lower = text.toLowerCase();
    if (lower.includes('ſ')) for (const id of table.foldingLongS) may[id] = 1;
    for (const word of lower.split(SEPARATORS)) {
      // A word shorter than every piece cannot contain one.
      if (word.length < MIN_PIECE) continue;
      let ids = this.byWord.get(word);
      if (ids === undefined) {
        if (this.byWord.size >= MAX_WORDS) this.byWord.clear();
        ids = table.patternsInside(word);
        this.byWord.set(word, ids);
      }
      for (let i = 0; i < ids.length; i += 1) may[ids[i]!] = 1;
    }
    if (this.byText.size >= MAX_TEXTS) this.byText.clear();
    this.byText.set(text, may);
    return may;
  }
}

/** One family with tables of its own: for a caller with a single family (and for tests). */
export function gateFamily(res: readonly RegExp[]): GateFamily {
  return new WordGateTable({ family: res }).open().family;
}
