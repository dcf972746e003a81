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
//   const family = gateFamily(DATA_TYPES.map(([re]) => re));
//   const may = family.mayMatch(sentence.text);   // may[i]: pattern i can match
//   if (may[i] && DATA_TYPES[i][0].test(clause)) …   // any part of the sentence, too

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

interface Registered {
  /** Pieces one of which every match contains; null when the pattern gives none (it is always run). */
  pieces: string[] | null;
}

const patterns: Registered[] = [];
/** Patterns that are always run. */
const ungated: number[] = [];
/** Case-insensitive unicode patterns, which match a long s ("ſ") as "s"; it stays "ſ" in lower case. */
const foldingLongS: number[] = [];
/** The shortest piece a pattern is gated by: "a", "of", "to", most words of a sentence, are never looked up. */
const MIN_PIECE = 3;

/** For each word met: the patterns that need a word found inside it. Built as words come, bounded. */
const byWord = new Map<string, readonly number[]>();
const MAX_WORDS = 50_000;
const NONE: readonly number[] = [];

function patternsInside(word: string): readonly number[] {
  let ids: number[] | null = null;
  for (let id = 0; id < patterns.length; id += 1) {
    const pieces = patterns[id]!.pieces;
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

/**
 * What a sentence may match, by its text: computed on first use and shared by every family that asks (cues,
 * health terms and facts read the same sentences), kept for a while like found dates.
 */
const byText = new Map<string, Uint8Array>();
const MAX_TEXTS = 4000;

/** The last sentence asked about: the fact families ask about one sentence in a row. */
let lastText: string | null = null;
let lastMay: Uint8Array = new Uint8Array(0);

function mayMatchAll(text: string): Uint8Array {
  if (text === lastText) return lastMay;
  const may = byText.get(text) ?? lookAt(text);
  lastText = text;
  lastMay = may;
  return may;
}

function lookAt(text: string): Uint8Array {
  const may = new Uint8Array(patterns.length);
  for (const id of ungated) may[id] = 1;
  const lower = text.toLowerCase();
  if (lower.includes('ſ')) for (const id of foldingLongS) may[id] = 1;
  for (const word of lower.split(SEPARATORS)) {
    // A word shorter than every piece cannot contain one.
    if (word.length < MIN_PIECE) continue;
    let ids = byWord.get(word);
    if (ids === undefined) {
      if (byWord.size >= MAX_WORDS) byWord.clear();
      ids = patternsInside(word);
      byWord.set(word, ids);
    }
    for (let i = 0; i < ids.length; i += 1) may[ids[i]!] = 1;
  }
  if (byText.size >= MAX_TEXTS) byText.clear();
  byText.set(text, may);
  return may;
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

/** Words are looked up, not scanned for: a long list costs only when a new word of a sentence is first met. */
const MAX_GATE_WORDS = 400;

/** A family of patterns gated together; build it once, at module load. */
export function gateFamily(res: readonly RegExp[]): GateFamily {
  const words: (string[] | null)[] = [];
  const ids = res.map((re) => {
    const needs = requiredWords(re, MAX_GATE_WORDS);
    const pieces = needs ? [...new Set(needs.map(bestPiece))] : null;
    const id = patterns.length;
    // A gate word of one or two characters between separators ("8-k") would have every short word of every
    // sentence looked up: such a pattern is always run instead, and words shorter than MIN_PIECE are never looked up.
    const usable = pieces && pieces.every((p) => p.length >= MIN_PIECE) ? pieces : null;
    words.push(usable ? needs : null);
    patterns.push({ pieces: usable });
    if (!usable) ungated.push(id);
    if (re.ignoreCase && re.unicode) foldingLongS.push(id);
    return id;
  });
  // Words and sentences already looked at did not know this family's patterns.
  byWord.clear();
  byText.clear();
  lastText = null;
  return {
    words,
    mayMatch(text) {
      const may = mayMatchAll(text);
      const out = new Array<boolean>(ids.length);
      for (let i = 0; i < ids.length; i += 1) out[i] = may[ids[i]!] === 1;
      return out;
    },
  };
}
