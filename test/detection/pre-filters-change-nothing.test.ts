// Pre-filters (word gates, literal gates, the digit test before counts…) only save work: a rule run behind its filter
// must give what it gives alone, on every sentence of our corpora. Each module lists the rules it runs behind a
// filter (GUARDED_RULES); every word-gated family comes from the detector's own gate table. The texts are every
// sentence of our corpora and every rule's example and counter-example, so each rule matches somewhere.

import { describe, expect, it } from 'vitest';
import { GUARDED_RULES as CUE_RULES, RULE_TABLES as CUE_TABLES } from '../../src/detection/cues.js';
import { GUARDED_RULES as DATE_RULES } from '../../src/detection/dates.js';
import { wordGatedRules } from '../../src/detection/detection-state.js';
import { RULE_TABLES as DECISION_TABLES } from '../../src/detection/detector.js';
import { GUARDED_RULES as FACT_RULES, RULE_TABLES as FACT_TABLES } from '../../src/detection/facts.js';
import type { GuardedRule } from '../../src/detection/guarded-rule.js';
import { RULE_TABLES as PHRASE_TABLES } from '../../src/detection/organisation-rules.js';
import { RULE_TABLES as NAME_TABLES, GUARDED_RULES as ORGANISATION_RULES } from '../../src/detection/organisations.js';
import { ORG_IN_EXAMPLES } from '../../src/detection/rule.js';
import { prepareArticle } from '../../src/detection/text.js';
import { ownCorpora } from './support/corpora.js';

/** Every story sentence of our corpora, as detection reads them, once each. */
function corpusSentences(): string[] {
  const texts = new Set<string>();
  for (const corpus of ownCorpora()) {
    for (const line of corpus.lines) {
      const article = JSON.parse(line) as { id: string; title: string; text: string; published?: string | null; source?: string | null };
      for (const s of prepareArticle(article).sentences) texts.add(s.text);
    }
  }
  return [...texts];
}

// Facts test parts of a sentence (clauses) with the sentence's gate flags.
const CLAUSE = /[;:]|,\s*(?:but|while|though|although)\b|\bbut\b|\bwhile\b|\bthough\b/i;

const CAPITALISED = /\p{Lu}[\p{L}\p{N}&'’.-]*(?:\s+\p{Lu}[\p{L}\p{N}&'’.-]*)*/gu;

/** The sentence with one capitalised name at a time replaced by the placeholder, as organisation rules read it. */
function maskedVariants(sentence: string, placeholder: string): string[] {
  const out: string[] = [];
  for (const m of sentence.matchAll(CAPITALISED)) {
    out.push(sentence.slice(0, m.index) + placeholder + sentence.slice(m.index + m[0].length));
    if (out.length >= 6) break;
  }
  return out;
}

interface Check {
  /** Rule and text where the filter said "cannot match" and the rule matched. */
  differences: string[];
  /** How many (rule, text) pairs matched: the check is about something. */
  matched: number;
  /** Rules that matched at least once. */
  rulesMatched: Set<string>;
}

/** Runs every rule with and without its filter over the texts; `filterText` gives the text the filter reads. */
function compare(rules: GuardedRule[], texts: { text: string; filterText: string }[]): Check {
  const check: Check = { differences: [], matched: 0, rulesMatched: new Set() };
  for (const rule of rules) {
    for (const { text, filterText } of texts) {
      const alone = rule.matches(text);
      const behindFilter = rule.mayMatch(filterText) && rule.matches(text);
      if (alone) {
        check.matched += 1;
        check.rulesMatched.add(rule.name);
      }
      if (alone !== behindFilter) check.differences.push(`${rule.name}: ${text}`);
    }
  }
  return check;
}

/** Every rule's example and counter-example: each rule matches at least its own example. */
function ruleSentences(): { plain: string[]; masked: string[] } {
  const plain: string[] = [];
  const masked: string[] = [];
  for (const table of [...CUE_TABLES, ...FACT_TABLES, ...PHRASE_TABLES, ...NAME_TABLES, ...DECISION_TABLES]) {
    for (const rule of table.rules) {
      for (const text of [rule.example, rule.counterExample]) {
        if (table.nameSlot) masked.push(text.split(ORG_IN_EXAMPLES).join(table.nameSlot));
        else plain.push(text);
      }
    }
  }
  return { plain, masked };
}

const examples = ruleSentences();
const sentences = [...corpusSentences(), ...examples.plain];

describe('pre-filters change no result', () => {
  it('reads enough sentences to mean something', () => {
    expect(sentences.length).toBeGreaterThanOrEqual(800);
  });

  it('word-gated families (cues, health terms, fact families, summary) on every sentence and clause', () => {
    const texts = sentences.flatMap((s) => [
      { text: s, filterText: s },
      ...s.split(CLAUSE).map((clause) => ({ text: clause, filterText: s })),
    ]);
    const check = compare(wordGatedRules(), texts);
    expect(check.differences).toEqual([]);
    expect(check.matched).toBeGreaterThanOrEqual(3000);
    const rules = wordGatedRules();
    expect(
      rules.filter((r) => !check.rulesMatched.has(r.name)).map((r) => r.name),
      'rules never exercised',
    ).toEqual([]);
  });

  it('literal gates and hints of the fact, date and cue rules on every sentence', () => {
    const texts = sentences.map((s) => ({ text: s, filterText: s }));
    const check = compare([...FACT_RULES, ...DATE_RULES, ...CUE_RULES], texts);
    expect(check.differences).toEqual([]);
    expect(
      [...FACT_RULES, ...DATE_RULES, ...CUE_RULES].filter((r) => !check.rulesMatched.has(r.name)).map((r) => r.name),
      'rules never exercised',
    ).toEqual([]);
  });

  it('organisation phrase gates on every sentence with a name masked', () => {
    const plain = ORGANISATION_RULES.filter((r) => !r.placeholder);
    const masked = ORGANISATION_RULES.filter((r) => r.placeholder);
    const plainCheck = compare(
      plain,
      sentences.map((s) => ({ text: s, filterText: s })),
    );
    const placeholder = masked[0]!.placeholder!;
    const maskedTexts = [...sentences.flatMap((s) => maskedVariants(s, placeholder)), ...examples.masked].map((t) => ({
      text: t,
      filterText: t,
    }));
    expect(maskedTexts.length).toBeGreaterThanOrEqual(1500);
    const maskedCheck = compare(masked, maskedTexts);
    expect([...plainCheck.differences, ...maskedCheck.differences]).toEqual([]);
    expect(maskedCheck.matched).toBeGreaterThanOrEqual(300);
    // Every rule is exercised: the binds, the comparison, each platform and affected phrase, the actor names.
    const matched = new Set([...plainCheck.rulesMatched, ...maskedCheck.rulesMatched]);
    expect(
      ORGANISATION_RULES.filter((r) => !matched.has(r.name)).map((r) => r.name),
      'rules never exercised',
    ).toEqual([]);
  });
});
