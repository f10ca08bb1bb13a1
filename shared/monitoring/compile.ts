// Rules → plain functions, once per rule-set revision. A rule's condition becomes the source of one
// JavaScript expression over the facts object (`f.absAmountFen >= 50000000 && k[0].has(f.channel)`),
// built with `new Function`: property reads and comparisons, no interpretation of the JSON and no
// allocation per transaction. A rule set becomes one function that tests every rule in turn.
//
// Safety of the generated source: only validated rules reach here. Fact names come from the fixed
// catalogue and numbers must be safe integers (both are checked again here); every string, Set,
// pattern and helper is passed in the constants array `k`, never spliced into the source. Patterns
// are RE2's (./pattern.ts): linear time, so no rule can backtrack for ever on a crafted name.
//
// Semantics (the reference evaluator implements the same, independently):
//  - a missing fact (undefined) makes every operator false, except `exists`;
//  - a reference `{ fact, times }` to a missing, zero or negative fact makes the comparison false
//    (30% of no AUM is not 0);
//  - tiers compare by rank (standard < gold < platinum < diamond < private_banking).
import { TIERS } from '#shared/customers/customer.js';
import { compilePattern } from './pattern.js';
import { noNeeds, payerWindowKey, type FactNeeds, type Facts } from './facts.js';
import {
  ALL_FACTS,
  factGroup,
  isAll,
  isAny,
  isNot,
  type Comparison,
  type Condition,
  type NumberRef,
  type Predicate,
} from './condition.js';
import type { TriggerRule } from './rule.js';

export type FactTest = (facts: Facts) => boolean;

export interface CompiledRule {
  rule: TriggerRule;
  test: FactTest;
  /** The facts the rule looked at, with their values: why the alert was raised. */
  evidence: (facts: Facts) => Record<string, string | number | boolean>;
  needs: FactNeeds;
}

export interface CompiledRuleSet {
  rules: CompiledRule[];
  /** What gathering facts has to read, for all the enabled rules together. */
  needs: FactNeeds;
  /** The rules that fire on these facts. */
  evaluate(facts: Facts): CompiledRule[];
}

export interface RuleProblem {
  ruleId: string;
  version: number;
  problem: string;
}

const SCALE = 10_000;
// no prototype: a value that is not a tier finds no rank, not an Object method
const TIER_RANK: Record<string, number> = Object.assign(
  Object.create(null) as Record<string, number>,
  Object.fromEntries(TIERS.map((t, i) => [t, i])),
);

const compare = (op: Comparison, a: number, b: number): boolean => {
  switch (op) {
    case 'eq':
      return a === b;
    case 'ne':
      return a !== b;
    case 'gt':
      return a > b;
    case 'gte':
      return a >= b;
    case 'lt':
      return a < b;
    case 'lte':
      return a <= b;
  }
};

/** a ⋚ times × b, exactly: in doubles while the products are exact integers, else in bigints. */
export const compareScaled = (op: Comparison, a: number, b: number, timesScaled: number): boolean => {
  const left = a * SCALE;
  const right = b * timesScaled;
  if (Number.isSafeInteger(left) && Number.isSafeInteger(right)) return compare(op, left, right);
  const l = BigInt(a) * BigInt(SCALE);
  const r = BigInt(b) * BigInt(timesScaled);
  return compare(op, l < r ? -1 : l > r ? 1 : 0, 0);
};

export const scaledTimes = (times: number): number => Math.round(times * SCALE);

const JS_OPERATOR: Record<Comparison, string> = {
  eq: '===',
  ne: '!==',
  gt: '>',
  gte: '>=',
  lt: '<',
  lte: '<=',
};

/** Builds one expression's source; constants go to `k`, labels of the facts read to `labels`. */
class Emitter {
  readonly constants: unknown[] = [];
  readonly labels: string[] = [];

  constant(value: unknown): string {
    this.constants.push(value);
    return `k[${this.constants.length - 1}]`;
  }

  private access(p: Predicate): string {
    if (!(ALL_FACTS as readonly string[]).includes(p.fact)) throw new Error(`${p.fact} is not a fact`);
    const group = factGroup(p.fact);
    const fact = `f[${JSON.stringify(p.fact)}]`;
    if (group === 'window') {
      if (!Number.isSafeInteger(p.windowDays)) throw new Error('windowDays must be a whole number');
      this.labels.push(`${p.fact}:${p.windowDays}d`);
      return `${fact}[${p.windowDays}]`;
    }
    if (group === 'payer') {
      const key = payerWindowKey(p.fromDays!, p.toDays!);
      this.labels.push(`${p.fact}:${key}d`);
      return `${fact}[${JSON.stringify(key)}]`;
    }
    this.labels.push(p.fact);
    return fact;
  }

  private number(n: unknown): string {
    if (typeof n !== 'number' || !Number.isSafeInteger(n))
      throw new Error(`${String(n)} is not a whole number`);
    return `(${n})`;
  }

  predicate(p: Predicate): string {
    const v = this.access(p);
    const group = factGroup(p.fact);
    if (p.operator === 'exists') return p.value === true ? `(${v} !== undefined)` : `(${v} === undefined)`;
    switch (group) {
      case 'number':
      case 'window':
      case 'payer': {
        const op = p.operator as Comparison;
        if (typeof p.value === 'object') {
          const ref = p.value as NumberRef;
          if (factGroup(ref.fact) !== 'number') throw new Error(`${ref.fact} is not a number fact`);
          this.labels.push(ref.fact);
          const times = scaledTimes(ref.times);
          const scaled = this.constant((a: number | undefined, b: number | undefined) =>
            a !== undefined && b !== undefined && b > 0 ? compareScaled(op, a, b, times) : false,
          );
          return `${scaled}(${v}, f[${JSON.stringify(ref.fact)}])`;
        }
        // undefined compares false with > >= < <= ===; ≠ needs saying
        const test = `(${v} ${JS_OPERATOR[op]} ${this.number(p.value)})`;
        return op === 'ne' ? `(${v} !== undefined && ${test})` : test;
      }
      case 'tier':
        if (p.operator !== 'in' && p.operator !== 'notIn') {
          const rank = TIER_RANK[p.value as string];
          if (rank === undefined) throw new Error(`${String(p.value)} is not a tier`);
          const ranks = this.constant(TIER_RANK);
          const test = `(${ranks}[${v}] ${JS_OPERATOR[p.operator as Comparison]} ${rank})`;
          return p.operator === 'ne' ? `(${v} !== undefined && ${test})` : test;
        }
      // in / notIn as for any enum: fall through
      case 'enum':
      case 'string':
      case 'boolean':
        switch (p.operator) {
          case 'eq':
            return `(${v} === ${this.constant(p.value)})`;
          case 'ne':
            return `(${v} !== undefined && ${v} !== ${this.constant(p.value)})`;
          case 'in':
            return `${this.constant(new Set(p.value as string[]))}.has(${v})`;
          case 'notIn':
            return `(${v} !== undefined && !${this.constant(new Set(p.value as string[]))}.has(${v}))`;
          case 'matches': {
            const pattern = compilePattern(p.value as string, p.ignoreCase === true);
            return `(typeof ${v} === 'string' && ${this.constant(pattern)}.test(${v}))`;
          }
        }
    }
    throw new Error(`operator ${p.operator} does not apply to ${p.fact}`);
  }

  condition(c: Condition): string {
    if (isAll(c)) return `(${c.all.map((x) => this.condition(x)).join(' && ')})`;
    if (isAny(c)) return `(${c.any.map((x) => this.condition(x)).join(' || ')})`;
    if (isNot(c)) return `!${this.condition(c.not)}`;
    return this.predicate(c);
  }
}

const build = <T>(source: string, constants: unknown[]): T =>
  // the point of compiling: each rule becomes code once, not data read per transaction
  new Function('k', `'use strict'; return ${source};`)(constants) as T;

/** The source of a rule's test, and what it needs: for the compiler, and to show an admin. */
export const ruleSource = (rule: Pick<TriggerRule, 'when'>) => {
  const emitter = new Emitter();
  const expression = emitter.condition(rule.when);
  return { expression, constants: emitter.constants, labels: [...new Set(emitter.labels)] };
};

const AUM_FACTS = new Set(['aumFen', 'aumAfterFen', 'monthStartAumFen']);

/** What the facts of these labels need gathered. */
const needsOf = (labels: string[]): FactNeeds => {
  const needs = noNeeds();
  for (const label of labels) {
    const [fact, parameter] = label.split(':') as [string, string | undefined];
    if (AUM_FACTS.has(fact)) needs.aum = true;
    if (fact === 'crossedTier') needs.aum = needs.thresholds = true;
    if (fact === 'daysSinceLastActivity') needs.activity = true;
    const days = parameter?.slice(0, -1);
    if (fact === 'outflowFen') needs.outflowWindows.push(Number(days));
    if (fact === 'inflowFen') needs.inflowWindows.push(Number(days));
    if (fact === 'payerInflowCount') {
      const [from, to] = days!.split('-').map(Number) as [number, number];
      needs.payerWindows.push([from, to]);
    }
  }
  return needs;
};

export const mergeNeeds = (all: FactNeeds[]): FactNeeds => {
  const needs = noNeeds();
  const payer = new Map<string, [number, number]>();
  for (const n of all) {
    needs.aum ||= n.aum;
    needs.thresholds ||= n.thresholds;
    needs.activity ||= n.activity;
    needs.outflowWindows.push(...n.outflowWindows);
    needs.inflowWindows.push(...n.inflowWindows);
    for (const w of n.payerWindows) payer.set(payerWindowKey(...w), w);
  }
  needs.outflowWindows = [...new Set(needs.outflowWindows)].sort((a, b) => a - b);
  needs.inflowWindows = [...new Set(needs.inflowWindows)].sort((a, b) => a - b);
  needs.payerWindows = [...payer.values()];
  return needs;
};

const valueOfLabel = (label: string, f: Facts): unknown => {
  const [fact, parameter] = label.split(':') as [keyof Facts, string | undefined];
  if (!parameter) return f[fact];
  const key = parameter.slice(0, -1);
  if (fact === 'payerInflowCount') return f.payerInflowCount[key];
  return (f[fact] as Record<number, number>)[Number(key)];
};

export const compileRule = (rule: TriggerRule): CompiledRule => {
  const { expression, constants, labels } = ruleSource(rule);
  return {
    rule,
    test: build<FactTest>(`(f) => ${expression}`, constants),
    needs: needsOf(labels),
    evidence: (f) => {
      const out: Record<string, string | number | boolean> = {};
      for (const label of labels) {
        const value = valueOfLabel(label, f);
        if (value !== undefined) out[label] = value as string | number | boolean;
      }
      return out;
    },
  };
};

/** Compiles every enabled rule; a rule that does not compile is left out and reported. */
export const compileRuleSet = (
  rules: readonly TriggerRule[],
): { set: CompiledRuleSet; problems: RuleProblem[] } => {
  const compiled: CompiledRule[] = [];
  const problems: RuleProblem[] = [];
  for (const rule of rules) {
    if (!rule.enabled) continue;
    try {
      compiled.push(compileRule(rule));
    } catch (error) {
      problems.push({ ruleId: rule.ruleId, version: rule.version, problem: (error as Error).message });
    }
  }
  compiled.sort((a, b) => (a.rule.ruleId < b.rule.ruleId ? -1 : 1));
  // one function for the set: each rule's expression in turn, the hits collected
  const emitter = new Emitter();
  const rulesConstant = emitter.constant(compiled);
  const tests = compiled.map(
    (c, i) => `  if (${emitter.condition(c.rule.when)}) h.push(${rulesConstant}[${i}]);`,
  );
  const evaluate = build<(f: Facts) => CompiledRule[]>(
    `(f) => {\n  const h = [];\n${tests.join('\n')}\n  return h;\n}`,
    emitter.constants,
  );
  return {
    problems,
    set: { rules: compiled, needs: mergeNeeds(compiled.map((c) => c.needs)), evaluate },
  };
};
