// Every detection rule carries a sentence it must match and one it must not (src/detection/rule.ts). This runs them
// all: change a pattern and the rule's own example says at once whether it still does its job.

import { describe, expect, it } from 'vitest';
import { RULE_TABLES as CUE_TABLES } from '../../src/detection/cues.js';
import { RULE_TABLES as DECISION_TABLES } from '../../src/detection/detector.js';
import { RULE_TABLES as FACT_TABLES } from '../../src/detection/facts.js';
import { RULE_TABLES as PHRASE_TABLES } from '../../src/detection/organisation-rules.js';
import { RULE_TABLES as NAME_TABLES } from '../../src/detection/organisations.js';
import { ORG_IN_EXAMPLES, type RuleTable } from '../../src/detection/rule.js';

const tables: RuleTable[] = [...CUE_TABLES, ...FACT_TABLES, ...PHRASE_TABLES, ...NAME_TABLES, ...DECISION_TABLES];

function matches(table: RuleTable, pattern: RegExp, sentence: string): boolean {
  const text = table.nameSlot ? sentence.split(ORG_IN_EXAMPLES).join(table.nameSlot) : sentence;
  pattern.lastIndex = 0;
  const found = pattern.test(text);
  pattern.lastIndex = 0;
  return found;
}

describe('rule tables', () => {
  it('give every rule a label unique in its table, an example and a counter-example', () => {
    for (const table of tables) {
      // `why` quotes labels: two rules with one label could not be told apart there.
      const labels = table.rules.map((r) => r.label);
      expect(
        labels.filter((l, i) => labels.indexOf(l) !== i),
        table.name,
      ).toEqual([]);
      for (const rule of table.rules) {
        expect(rule.example.trim(), `${table.name} › ${rule.label}`).not.toBe('');
        expect(rule.counterExample.trim(), `${table.name} › ${rule.label}`).not.toBe('');
        if (table.nameSlot)
          expect(rule.example, `${table.name} › ${rule.label}: the example names the organisation as ${ORG_IN_EXAMPLES}`).toContain(
            ORG_IN_EXAMPLES,
          );
      }
    }
  });

  for (const table of tables) {
    describe(table.name, () => {
      for (const rule of table.rules) {
        it(`${rule.label}: matches its example, not its counter-example`, () => {
          expect({ example: rule.example, matches: matches(table, rule.pattern, rule.example) }).toEqual({
            example: rule.example,
            matches: true,
          });
          expect({ counterExample: rule.counterExample, matches: matches(table, rule.pattern, rule.counterExample) }).toEqual({
            counterExample: rule.counterExample,
            matches: false,
          });
        });
      }
    });
  }
});
