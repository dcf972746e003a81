import type { GuardedRule } from './guarded-rule.js';
import { literalGate } from './literal-gate.js';

// Dates as articles write them ("March 16", "16 March 2026", "Jan. 27 to Feb. 6, 2025", "last Friday", "the 2015
// breach"). A regex pass does the common forms, and weekday-relative phrases are resolved against the publication
// date by arithmetic: a date parser on every sentence would cost more than all the rest of detection.

export interface FoundDate {
  year: number | null;
  month: number | null;
  day: number | null;
  /** Offset in the sentence. */
  index: number;
  text: string;
}

const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
// English plus the common other-language month names (translations of the same story appear in feeds).
const MONTH_WORDS: Record<string, number> = {};
for (const [i, name] of MONTH_NAMES.entries()) {
  MONTH_WORDS[name] = i + 1;
  MONTH_WORDS[name.slice(0, 3)] = i + 1;
}
MONTH_WORDS.sept = 9;
const FOREIGN_MONTHS: [string, number][] = [
  ['enero', 1],
  ['febrero', 2],
  ['marzo', 3],
  ['abril', 4],
  ['mayo', 5],
  ['junio', 6],
  ['julio', 7],
  ['agosto', 8],
  ['septiembre', 9],
  ['octubre', 10],
  ['noviembre', 11],
  ['diciembre', 12],
  ['janvier', 1],
  ['février', 2],
  ['mars', 3],
  ['avril', 4],
  ['mai', 5],
  ['juin', 6],
  ['juillet', 7],
  ['août', 8],
  ['septembre', 9],
  ['octobre', 10],
  ['novembre', 11],
  ['décembre', 12],
  ['januar', 1],
  ['februar', 2],
  ['märz', 3],
  ['juni', 6],
  ['juli', 7],
  ['oktober', 10],
  ['dezember', 12],
  ['gennaio', 1],
  ['febbraio', 2],
  ['aprile', 4],
  ['maggio', 5],
  ['giugno', 6],
  ['luglio', 7],
  ['settembre', 9],
  ['ottobre', 10],
  ['dicembre', 12],
];
for (const [name, n] of FOREIGN_MONTHS) MONTH_WORDS[name] ??= n;

const MONTH_ALT = Object.keys(MONTH_WORDS)
  .sort((a, b) => b.length - a.length)
  .join('|');

const DATE_SOURCE = [
  // 2026-03-16
  String.raw`\b(?<isoY>(?:19|20)\d{2})-(?<isoM>0[1-9]|1[0-2])-(?<isoD>0[1-9]|[12]\d|3[01])\b`,
  // 11-06-2025, 11.06.2025 or 11/06/2025: which number is the month is decided where it is read (numericDate)
  String.raw`\b(?<dmyD>0?[1-9]|[12]\d|3[01])(?<dmySep>[-/.])(?<dmyM>0?[1-9]|[12]\d|3[01])[-/.](?<dmyY>(?:19|20)\d{2})\b`,
  // March 16, 2026 | Mar. 16 | March 16th
  String.raw`\b(?<mdM>${MONTH_ALT})\.?\s+(?<mdD>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b(?:,?\s+(?<mdY>(?:19|20)\d{2})\b)?`,
  // 16 March 2026 | 16 March
  String.raw`\b(?<dmD>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s+(?:de\s+)?(?<dmM>${MONTH_ALT})\.?(?:,?\s+(?:de\s+)?(?<dmY>(?:19|20)\d{2})\b)?`,
  // March 2026 | in May
  String.raw`\b(?<mM>${MONTH_ALT})\.?(?:\s+(?:of\s+|de\s+)?(?<mY>(?:19|20)\d{2}))?\b`,
  // 2015
  String.raw`\b(?<y>(?:19|20)\d{2})\b`,
].join('|');
// V8 runs this pattern several times slower with the unicode flag. Case-insensitive, it matches exactly as the
// plain one except for the two characters that case-fold to an ASCII letter only under unicode rules, the long s
// ("ſ" is "s") and the Kelvin sign ("K" is "k"), in month names and in what \b counts as a word: only a sentence
// holding one of them needs the unicode pattern.
const DATE_RE = new RegExp(DATE_SOURCE, 'gi');
const DATE_RE_UNICODE = new RegExp(DATE_SOURCE, 'giu');
const FOLDS_ONLY_UNDER_UNICODE = /[\u017f\u212a]/;

// "May" is also a verb: only a month when a day/year follows or a preposition precedes.
const MAY_AS_MONTH = /\b(?:in|since|until|by|early|mid|late|of|during|from|to|between|and|through|last|this|next)\s+$/i;

function monthOf(word: string | undefined): number | null {
  if (!word) return null;
  return MONTH_WORDS[word.toLowerCase().replace(/\.$/, '')] ?? null;
}

/**
 * Dates found in sentences and publication dates parsed, kept for a while: facts and grouping read the same
 * sentences, and every date of an article is resolved against the same publication date. One per detector.
 */
export class DateReader {
  private readonly found = new Map<string, FoundDate[]>();
  /** The last publication date parsed. */
  private lastIso: { date: string; parsed: Date | null } | null = null;

  /** Every date a sentence writes, in order. Callers only read them. */
  find(sentence: string): FoundDate[] {
    const hit = this.found.get(sentence);
    if (hit) return hit;
    const found = scanDates(sentence);
    if (this.found.size > 4000) this.found.clear();
    this.found.set(sentence, found);
    return found;
  }

  /** `found` as a date value, its year filled from the publication date when missing (see resolveDate). */
  resolve(found: FoundDate, published: string | null): ResolvedDate | null {
    return resolveDate(found, this.parseIso(published));
  }

  /** Dates like "last Friday" or "earlier this month", resolved against the publication date. */
  relative(sentence: string, published: string | null): ResolvedDate[] {
    return findRelativeDates(sentence, this.parseIso(published));
  }

  /** The publication date at noon UTC; callers only read it. */
  private parseIso(date: string | null | undefined): Date | null {
    if (!date) return null;
    if (this.lastIso?.date === date) return this.lastIso.parsed;
    const d = /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(`${date}T12:00:00Z`) : null;
    const parsed = d && !Number.isNaN(d.getTime()) ? d : null;
    this.lastIso = { date, parsed };
    return parsed;
  }
}

function scanDates(sentence: string): FoundDate[] {
  const out: FoundDate[] = [];
  const re = FOLDS_ONLY_UNDER_UNICODE.test(sentence) ? DATE_RE_UNICODE : DATE_RE;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(sentence)) !== null) {
    const g = m.groups ?? {};
    let found: FoundDate | null = null;
    if (g.isoY) found = { year: +g.isoY, month: +g.isoM!, day: +g.isoD!, index: m.index, text: m[0] };
    else if (g.dmyY) {
      const order = numericOrder(+g.dmyD!, +g.dmyM!, g.dmySep!, sentence);
      if (!order) continue;
      found = { year: +g.dmyY, month: order.month, day: order.day, index: m.index, text: m[0] };
    } else if (g.mdM) {
      found = { year: g.mdY ? +g.mdY : null, month: monthOf(g.mdM), day: +g.mdD!, index: m.index, text: m[0] };
    } else if (g.dmM) {
      found = { year: g.dmY ? +g.dmY : null, month: monthOf(g.dmM), day: +g.dmD!, index: m.index, text: m[0] };
    } else if (g.mM) {
      const word = g.mM.toLowerCase();
      // Short or ambiguous month words ("may", "mar", "mai", "march" as a verb) need a year or a preposition.
      const ambiguous = word.length <= 4 || word === 'march';
      if (!g.mY && ambiguous && !MAY_AS_MONTH.test(sentence.slice(Math.max(0, m.index - 12), m.index))) continue;
      if (!g.mY && /^[a-z]/.test(g.mM) && word.length <= 4) continue;
      found = { year: g.mY ? +g.mY : null, month: monthOf(g.mM), day: null, index: m.index, text: m[0] };
    } else if (g.y) {
      // A year inside a money amount or a count ("$2015", "2015 patients") is not a date.
      const before = sentence.slice(Math.max(0, m.index - 1), m.index);
      const after = sentence.slice(m.index + 4, m.index + 16);
      if (/[$€£\d,.]/.test(before) || /^\s*(?:patients|people|individuals|records|customers|employees|million|[,.]\d)/i.test(after))
        continue;
      found = { year: +g.y, month: null, day: null, index: m.index, text: m[0] };
    }
    if (found && found.month !== null && (found.month < 1 || found.month > 12)) continue;
    if (found) out.push(found);
  }
  // "between July 14 and July 23, 2023": the year written once belongs to every date of the range.
  for (let i = out.length - 2; i >= 0; i -= 1) {
    const cur = out[i]!;
    const next = out[i + 1]!;
    if (cur.year === null && next.year !== null && cur.month !== null && next.index - cur.index < 40) cur.year = next.year;
  }
  return out;
}

// Words only an English sentence holds: a regulator's form or a US page writes dates month first ("01/06/2025" is
// January 6), where pages in the other languages we read write the day first.
const ENGLISH_WORDS = /\b(?:the|and|of|was|were|date|dates|breach|occurred|discovered|notified|notice|between|through|on|from|to)\b/i;

/** Which of two numbers of a numeric date is the month: whichever can be, else by the separator and the language. */
function numericOrder(first: number, second: number, separator: string, sentence: string): { month: number; day: number } | null {
  if (first > 12 && second > 12) return null;
  if (first > 12) return { month: second, day: first };
  if (second > 12) return { month: first, day: second };
  // "11.06.2025" is German or Dutch, day first; "01/06/2025" in an English sentence is American, month first.
  if (separator === '/' && ENGLISH_WORDS.test(sentence)) return { month: first, day: second };
  return { month: second, day: first };
}

export interface ResolvedDate {
  /** YYYY-MM-DD, YYYY-MM or YYYY: as precise as the article is. */
  value: string;
  year: number | null;
  month: number | null;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * Fills a missing year from the publication date (a date after publication means the year before), and renders the
 * most precise value the text supports. Without a year or publication date the month alone is not a date.
 */
function resolveDate(found: FoundDate, ref: Date | null): ResolvedDate | null {
  let year = found.year;
  if (year === null && found.month !== null && ref) {
    year = ref.getUTCFullYear();
    const candidate = Date.UTC(year, found.month - 1, found.day ?? 1);
    if (candidate > ref.getTime() + 7 * 86_400_000) year -= 1;
  }
  if (year === null) {
    return found.month !== null ? { value: `????-${pad(found.month)}`, year: null, month: found.month } : null;
  }
  if (found.month === null) return { value: String(year), year, month: null };
  if (found.day === null) return { value: `${year}-${pad(found.month)}`, year, month: found.month };
  return { value: `${year}-${pad(found.month)}-${pad(found.day)}`, year, month: found.month };
}

const RELATIVE =
  /\b(yesterday|today|(?:last|this|on|past)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|earlier this (?:month|year|week)|last (?:month|year|week)|this (?:month|year))\b/i;

const RELATIVE_GATE = literalGate(RELATIVE);

/** Every pattern of this module run behind a pre-filter, with its filter. */
export const GUARDED_RULES: GuardedRule[] = [
  { name: 'relative dates', matches: (text) => RELATIVE.test(text), mayMatch: (text) => RELATIVE_GATE.mayMatchText(text) },
];

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

function dayValue(d: Date): ResolvedDate {
  return {
    value: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
  };
}

function findRelativeDates(sentence: string, ref: Date | null): ResolvedDate[] {
  // Most sentences hold none of the words every phrase needs: they are out after one plain scan.
  if (!ref || !RELATIVE_GATE.mayMatchText(sentence)) return [];
  const m = RELATIVE.exec(sentence);
  if (!m) return [];
  const phrase = m[1]!.toLowerCase();
  const y = ref.getUTCFullYear();
  const mo = ref.getUTCMonth() + 1;
  if (phrase.endsWith('year')) {
    const year = phrase.startsWith('last') ? y - 1 : y;
    return [{ value: String(year), year, month: null }];
  }
  if (phrase.endsWith('month')) {
    const back = phrase.startsWith('last') ? 1 : 0;
    const d = new Date(Date.UTC(y, mo - 1 - back, 1));
    return [{ value: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 }];
  }
  if (phrase.endsWith('week')) return [];
  if (phrase === 'today' || phrase === 'yesterday') {
    const d = new Date(ref.getTime() - (phrase === 'yesterday' ? 86_400_000 : 0));
    return [dayValue(d)];
  }
  // "last Friday", "on Tuesday": the latest such weekday on or before publication.
  const weekday = WEEKDAYS.indexOf(phrase.split(/\s+/).pop() ?? '');
  if (weekday < 0) return [];
  const back = (ref.getUTCDay() - weekday + 7) % 7 || (phrase.startsWith('last') ? 7 : 0);
  return [dayValue(new Date(ref.getTime() - back * 86_400_000))];
}

// Class 3: "expects to identify affected practices by early April" dates a plan still to come, not the incident.
const FUTURE_PLAN = /\b(?:expects?|expected|will|plans?|planned|intends?|aims?|hopes?|should|(?:is|are) due)\b/i;
const DEADLINE_BEFORE = /\b(?:by|before|until|no later than)\s+(?:(?:early|mid|late|the end of|the middle of)[\s-]+)?$/i;

/** Whether the date at `at` is a deadline the sentence sets for something still to come. */
export function isDeadline(text: string, at: number): boolean {
  return DEADLINE_BEFORE.test(text.slice(Math.max(0, at - 40), at)) && FUTURE_PLAN.test(text);
}
