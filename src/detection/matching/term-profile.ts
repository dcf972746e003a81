import { isCommonWord, wordRank } from './common-words.js';
import { tokeniseTerm, trailingLegalSuffix } from './normalise-text.js';

// What kind of evidence a watchlist term is, decided from its shape alone (never from a list of vendor names):
// "Welltok" and "MyChart" identify their vendor wherever they appear; "Epic", "Quest", "Premier" and "ADP" are
// everyday words, other companies or short acronyms, and need corroboration before a match counts.

export type CaseRule =
  /** Any casing: coined words and domains. */
  | 'any'
  /** The text must not spell it all-lowercase: "epic" mid-sentence is the adjective. */
  | 'not-lowercase'
  /** The text must spell it in capitals, as the watchlist does: "ADP", not "adp" or "Adp". */
  | 'upper'
  /** Exactly as the watchlist spells it (mixed-case acronyms such as "eCW"), or all capitals. */
  | 'exact';

export interface TermProfile {
  tokens: string[];
  weak: boolean;
  caseRule: CaseRule;
  /** Why the term is weak, for `reason` ('' when strong). */
  ambiguity: string;
}

/** Tokens this short are acronyms or fragments with many meanings ("HEC", "DAX", "3M"). */
const SHORT_TOKEN = 3;
/** Title-case single words this short with no distinctive shape ("Luma", "Okta") are likely other things too. */
const SHORT_PLAIN_WORD = 4;

/** Shape that marks a coined brand: an inner capital ("CareCloud", "eClinicalWorks") or letters mixed with digits. */
function hasDistinctiveShape(spelling: string): boolean {
  return /\p{Ll}\p{Lu}/u.test(spelling) || (/\p{L}/u.test(spelling) && /\p{N}/u.test(spelling));
}

function isAllCaps(spelling: string): boolean {
  return /\p{Lu}/u.test(spelling) && !/\p{Ll}/u.test(spelling);
}

/** The watchlist spelling of the matchable part: the term without a trailing legal suffix. */
function coreSpelling(term: string): string {
  const words = term
    .trim()
    .split(/[\s,]+/u)
    .filter((w) => w.length > 0);
  while (words.length > 1) {
    const tokens = tokeniseTerm(words.join(' '));
    const cut = trailingLegalSuffix(tokens);
    if (cut === 0) break;
    const last = tokeniseTerm(words[words.length - 1] as string).length;
    if (last === 0 || last > cut) break;
    words.pop();
  }
  return words.join(' ');
}

export function profileTerm(term: string, kind: 'name' | 'alias' | 'product'): TermProfile {
  const spelling = coreSpelling(term);
  const tokens = tokeniseTerm(spelling);
  const hasUpper = /\p{Lu}/u.test(spelling);
  const letters = spelling.replace(/[^\p{L}\p{N}]/gu, '');

  if (tokens.length === 1) {
    const token = tokens[0] as string;
    const acronymLike = isAllCaps(letters) && letters.length <= 5;
    const caseRule: CaseRule = acronymLike
      ? 'upper'
      : /\p{Ll}\p{Lu}/u.test(letters) && letters.length <= 5
        ? 'exact'
        : hasUpper && (isCommonWord(token) || token.length <= SHORT_PLAIN_WORD)
          ? 'not-lowercase'
          : 'any';
    if (token.length <= SHORT_TOKEN) return { tokens, weak: true, caseRule, ambiguity: 'short acronym' };
    if (isCommonWord(token)) return { tokens, weak: true, caseRule, ambiguity: 'everyday word' };
    // A product named by capitals ("CPAP", "PACS") is as often the kind of device or system as the product.
    if (kind === 'product' && acronymLike) return { tokens, weak: true, caseRule, ambiguity: 'product acronym' };
    if (!hasDistinctiveShape(letters) && !acronymLike && token.length <= SHORT_PLAIN_WORD) {
      return { tokens, weak: true, caseRule, ambiguity: 'short plain name' };
    }
    return { tokens, weak: false, caseRule, ambiguity: '' };
  }

  const allCommon = tokens.every((t) => isCommonWord(t) || t.length <= 2);
  const caseRule: CaseRule = hasUpper && allCommon ? 'not-lowercase' : 'any';
  // A product named with everyday words ("Health Cloud", "Care Everywhere") is a phrase as often as a product.
  // Two everyday words ("Health Cloud", "Care Everywhere") make a phrase as often as a product; three
  // capitalised in a row ("Dragon Medical One") are a name.
  const plainPair = tokens.length === 2 && tokens.every((t) => t.length >= 3 && !/\d/.test(t));
  // So is a short name made of two everyday words ("Second Wind", "Open Door"): other businesses take it too.
  if (allCommon && plainPair && kind !== 'name') return { tokens, weak: true, caseRule, ambiguity: 'everyday phrase' };
  return { tokens, weak: false, caseRule, ambiguity: '' };
}

/** Whether a word is too frequent to say anything about a vendor when seen near a mention ("data", "systems"). */
export function isBackgroundWord(token: string): boolean {
  if (token.length < 3) return true;
  const rank = wordRank(token);
  return rank !== null && rank < 3000;
}

/** Whether the matched text satisfies the term's case rule. */
export function satisfiesCase(rule: CaseRule, surface: string, spelling: string): boolean {
  switch (rule) {
    case 'any':
      return true;
    case 'not-lowercase':
      return /\p{Lu}/u.test(surface);
    case 'upper':
      return isAllCaps(surface.replace(/[^\p{L}]/gu, '')) || !/\p{L}/u.test(surface);
    case 'exact': {
      const letters = surface.replace(/[^\p{L}\p{N}]/gu, '');
      return letters === spelling.replace(/[^\p{L}\p{N}]/gu, '') || isAllCaps(letters);
    }
  }
}
