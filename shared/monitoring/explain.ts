// Why a rule fires or not (for an admin testing a rule): every node of its condition tree with
// whether it holds, and each predicate's fact value. Each node is tested by the compiler the stream
// uses (compile.ts), on the facts the stream computes — no second evaluator, so the explanation
// cannot drift from what the stream decides. Pure.
import { compileRule, compileRuleSet } from './compile.js';
import type { Facts } from './facts.js';
import { isAll, isAny, isNot, type Condition, type Predicate } from './condition.js';
import type { TriggerRule } from './rule.js';

export type FactValue = string | number | boolean;

export interface ConditionLine {
  /** where the node sits in the rule, as in a problem+json path: `when.all.1` */
  path: string;
  depth: number;
  kind: 'all' | 'any' | 'not' | 'predicate';
  matched: boolean;
  /** predicates: the predicate as written */
  predicate?: Predicate;
  /** predicates: the facts it reads (its own, and a referenced one) with their values; an unknown fact is absent */
  values?: Record<string, FactValue>;
}

export interface Explanation {
  /** the stream would raise an alert for this rule on these facts: enabled, and the conditions hold */
  fires: boolean;
  /** the conditions hold, enabled or not */
  matched: boolean;
  conditions: ConditionLine[];
  /** every fact the rule reads, with its value */
  evidence: Record<string, FactValue>;
}

const children = (c: Condition): [string, Condition][] => {
  if (isAll(c)) return c.all.map((x, i) => [`all.${i}`, x]);
  if (isAny(c)) return c.any.map((x, i) => [`any.${i}`, x]);
  if (isNot(c)) return [['not', c.not]];
  return [];
};

const kindOf = (c: Condition): ConditionLine['kind'] =>
  isAll(c) ? 'all' : isAny(c) ? 'any' : isNot(c) ? 'not' : 'predicate';

export const explainRule = (rule: TriggerRule, facts: Facts): Explanation => {
  const lines: ConditionLine[] = [];
  const walk = (condition: Condition, path: string, depth: number) => {
    const node = compileRule({ ...rule, when: condition });
    const line: ConditionLine = { path, depth, kind: kindOf(condition), matched: node.test(facts) };
    if (line.kind === 'predicate') {
      line.predicate = condition as Predicate;
      // labelled as in an alert's evidence: `absAmountFen`, `outflowFen:7d`
      line.values = node.evidence(facts);
    }
    lines.push(line);
    for (const [key, child] of children(condition)) walk(child, `${path}.${key}`, depth + 1);
  };
  walk(rule.when, 'when', 0);
  const compiled = compileRule(rule);
  // the stream's decision itself: the rule set of this one rule (a disabled rule is left out)
  const fires = compileRuleSet([rule]).set.evaluate(facts).length > 0;
  return { fires, matched: compiled.test(facts), conditions: lines, evidence: compiled.evidence(facts) };
};
