import { CUES, HEALTH_TERMS } from './cues.js';
import { DateReader } from './dates.js';
import { ATTACK_TYPES, DATA_TYPES, FILINGS, STATUS, SYSTEMS } from './facts.js';
import type { GuardedRule } from './guarded-rule.js';
import { OrganisationMemo } from './organisations.js';
import { WEAK_WORDS } from './summary.js';
import { WordGateTable } from './word-gates.js';

// What one detector keeps between articles: which rule patterns a word or a sentence can match (word-gates.ts),
// dates found in sentences, organisation keys. All of it only saves work and never changes a result, and none of
// it lives in a module: two detectors (two watchlists, a reload) never share it.

/** The rule families gated by the words of a sentence, all in one table so a sentence's words are looked up once. */
const GATED_FAMILIES = {
  cues: CUES.map((cue) => cue.pattern),
  health: HEALTH_TERMS.map((term) => term.pattern),
  attackTypes: ATTACK_TYPES.map((rule) => rule.pattern),
  systems: SYSTEMS.map((rule) => rule.pattern),
  dataTypes: DATA_TYPES.map((rule) => rule.pattern),
  filings: FILINGS.map((rule) => rule.pattern),
  status: STATUS.map((rule) => rule.pattern),
  weakSummary: [WEAK_WORDS],
};
const GATE_TABLE = new WordGateTable(GATED_FAMILIES);

export type RuleGates = ReturnType<typeof GATE_TABLE.open>;

export interface DetectionState {
  readonly gates: RuleGates;
  readonly dates: DateReader;
  readonly organisations: OrganisationMemo;
}

export function createDetectionState(): DetectionState {
  return { gates: GATE_TABLE.open(), dates: new DateReader(), organisations: new OrganisationMemo() };
}

/** Every rule gated by words, with its gate (one detector's), for the test that pre-filters change nothing. */
export function wordGatedRules(): GuardedRule[] {
  const gates = createDetectionState().gates;
  return (Object.keys(GATED_FAMILIES) as (keyof typeof GATED_FAMILIES)[]).flatMap((family) =>
    GATED_FAMILIES[family].map((re, i) => ({
      name: `${family} #${i}`,
      matches: (text: string) => {
        re.lastIndex = 0;
        return re.test(text);
      },
      mayMatch: (text: string) => gates[family].mayMatch(text)[i]!,
    })),
  );
}
