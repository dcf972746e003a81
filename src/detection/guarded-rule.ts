// A pre-filter beside the rule it guards, as the test that pre-filters never change a result reads them
// (test/detection/pre-filters-change-nothing.test.ts). Each module that runs a rule behind a filter lists the pair.

export interface GuardedRule {
  /** Family and rule, for a failure message. */
  name: string;
  /** The rule's own answer, filter or no filter. */
  matches(text: string): boolean;
  /** The filter's: it may be true where the rule is false, and must never be false where the rule is true. */
  mayMatch(text: string): boolean;
  /** The rule reads sentences with a candidate organisation's name replaced by this placeholder. */
  placeholder?: string;
}
