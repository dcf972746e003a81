import type { RuleGates } from './detection-state.js';
import { type PreparedArticle, repeatTest, type Sentence } from './text.js';
import { SUMMARY } from './weights.js';

// Two or three sentences lifted from the story: the most informative early sentences about the incident. Nothing is
// generated, so nothing can be invented; teasers and boilerplate were removed before this point.

const MAX_SUMMARY_CHARS = 600;

const INFORMATIVE =
  /\b(\d[\d,.]*\s*(?:million|billion)?|january|february|march|april|may|june|july|august|september|october|november|december|ransomware|unauthori[sz]ed|hackers?|breach|attack|stolen|exposed|accessed|exfiltrat\w+|notif\w+|filed|disclosed|detected|discovered|lawsuit|settlement|social security|medical|health|patients?|customers|records)\b/gi;
// A quote on its own or a question, or a sentence with call-to-action words: the words are looked for only in
// sentences holding one of them (see word-gates.ts), the shape is one anchored test.
const WEAK_SHAPE = /^(?:["“].*["”]$|.*\?$)/;
export const WEAK_WORDS = /\b(click|subscribe|follow|share|photo|image|read more|sign up|newsletter)\b/i;
const isWeak = (text: string, gates: RuleGates) => WEAK_SHAPE.test(text) || (gates.weakSummary.mayMatch(text)[0]! && WEAK_WORDS.test(text));

export interface SummaryInput {
  prepared: PreparedArticle;
  incidentSentences: Set<number>;
  /** Forms of the primary organisation's name, to prefer sentences about it. */
  subjectForms: string[];
  gates: RuleGates;
  /** Only these sentences (their `order`): a roundup's separate incident is told by its own sentences. */
  only?: ReadonlySet<number>;
}

export function summarise({ prepared, incidentSentences, subjectForms, gates, only }: SummaryInput): string {
  const forms = subjectForms.filter((f) => f.length >= 2).map((f) => f.toLowerCase());
  const isTitleRepeat = repeatTest(prepared.title);
  const pool = prepared.sentences.filter(
    (s) =>
      (!only || only.has(s.order)) &&
      s.zone !== 'title' &&
      !s.heading &&
      s.text.length >= SUMMARY.minSentenceChars &&
      !isTitleRepeat(s.text) &&
      !isWeak(s.text, gates),
  );
  const scored = pool.map((s) => ({ s, score: scoreSentence(s, incidentSentences, forms) }));
  const picked = scored
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.s.order - b.s.order)
    .slice(0, SUMMARY.sentences)
    .sort((a, b) => a.s.order - b.s.order)
    .map((x) => x.s.text);
  if (picked.length === 0) {
    const fallback = pool[0]?.text ?? prepared.title;
    return clip(fallback);
  }
  let out = '';
  // Bullet lines often lack a full stop; joined as they are they would read as one run-on sentence.
  for (const text of picked.map((t) => (/[.!?…"”’):;]$/.test(t) ? t : `${t}.`))) {
    const next = out ? `${out} ${text}` : text;
    if (next.length > MAX_SUMMARY_CHARS) {
      if (!out) out = clip(text);
      break;
    }
    out = next;
  }
  return out;
}

function scoreSentence(s: Sentence, incidentSentences: Set<number>, forms: string[]): number {
  const lower = s.text.toLowerCase();
  let score = 0;
  if (incidentSentences.has(s.order)) score += SUMMARY.incidentSentence;
  if (includesAny(lower, forms)) score += SUMMARY.namesSubject;
  score += Math.min(distinctInformativeWords(s.text), SUMMARY.informativeCap) * SUMMARY.perInformativeWord;
  // Earlier is better: stories lead with what happened.
  score += Math.max(0, SUMMARY.earlyBonus - s.order * SUMMARY.perSentenceOrder);
  if (s.text.length > SUMMARY.longSentenceChars) score -= SUMMARY.longSentencePenalty;
  if (s.text.length < SUMMARY.shortSentenceChars) score -= SUMMARY.shortSentencePenalty;
  return score;
}

// Plain loops: these run for every sentence of every article, and the array methods' compiled code was thrown
// away each time a new kind of array (an empty one, say) came by.

function includesAny(lower: string, forms: string[]): boolean {
  for (const f of forms) if (lower.includes(f)) return true;
  return false;
}

/** How many different informative words (case-folded) the sentence uses. */
function distinctInformativeWords(text: string): number {
  const seen = new Set<string>();
  INFORMATIVE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = INFORMATIVE.exec(text)) !== null) seen.add(m[0].toLowerCase());
  return seen.size;
}

function clip(text: string): string {
  if (text.length <= MAX_SUMMARY_CHARS) return text;
  const cut = text.slice(0, MAX_SUMMARY_CHARS - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), MAX_SUMMARY_CHARS / 2))}…`;
}
