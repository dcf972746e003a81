// Every detection rule has one shape: what it recognises (its label, which `why` quotes), the pattern, a sentence it
// must match and a sentence it must not. test/detection/rule-tables.test.ts runs every example and counter-example,
// so a rule and the reason it exists never drift apart, and changing a pattern shows at once what it now catches.

export interface Rule {
  /** What the rule recognises, as `why` names it; unique within its table. */
  label: string;
  pattern: RegExp;
  /** A sentence the pattern matches. In a table read with the organisation's name masked, `<org>` stands for it. */
  example: string;
  /** A sentence the pattern must not match: what the rule is written not to catch. */
  counterExample: string;
}

/** A table of rules, as the table test reads it. */
export interface RuleTable {
  name: string;
  rules: readonly Rule[];
  /** The placeholder the rules' patterns use for the organisation's name, which `<org>` in examples stands for. */
  nameSlot?: string;
}

/** Where `<org>` stands in an example, the placeholder a table's patterns read. */
export const ORG_IN_EXAMPLES = '<org>';
