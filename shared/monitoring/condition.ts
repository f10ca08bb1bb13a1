// The vocabulary of a trigger rule's condition (关键交易触发规则): the facts a predicate can test, the
// operators each kind of fact takes, and the condition tree — all / any / not over predicates
// `{ fact, operator, value }` — with its shape (depth, predicate count). The schema that parses one
// is condition-schema.ts.
import {
  BOOLEAN_FACTS,
  ENUM_FACTS,
  MAX_PAYER_LOOKBACK_DAYS,
  MAX_WINDOW_DAYS,
  NUMBER_FACTS,
  PAYER_FACTS,
  STRING_FACTS,
  TIER_FACTS,
  WINDOW_FACTS,
  type NumberFact,
} from './facts.js';

export const COMPARISONS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte'] as const;
export type Comparison = (typeof COMPARISONS)[number];
export const OPERATORS = [...COMPARISONS, 'in', 'notIn', 'matches', 'exists'] as const;
export type Operator = (typeof OPERATORS)[number];

export type FactGroup = 'number' | 'window' | 'payer' | 'enum' | 'tier' | 'string' | 'boolean';

/** Whether `value` is one of the strings of `list`. */
export const has = (list: readonly string[], value: unknown): boolean =>
  typeof value === 'string' && list.includes(value);

export const factGroup = (fact: string): FactGroup | undefined => {
  if (has(NUMBER_FACTS, fact)) return 'number';
  if (has(WINDOW_FACTS, fact)) return 'window';
  if (has(PAYER_FACTS, fact)) return 'payer';
  if (has(TIER_FACTS, fact)) return 'tier';
  if (fact in ENUM_FACTS) return 'enum';
  if (has(STRING_FACTS, fact)) return 'string';
  if (has(BOOLEAN_FACTS, fact)) return 'boolean';
  return undefined;
};

export const ALL_FACTS = [
  ...NUMBER_FACTS,
  ...WINDOW_FACTS,
  ...PAYER_FACTS,
  ...Object.keys(ENUM_FACTS),
  ...STRING_FACTS,
  ...BOOLEAN_FACTS,
] as const;

export const OPERATORS_OF: Record<FactGroup, readonly Operator[]> = {
  number: [...COMPARISONS, 'exists'],
  window: COMPARISONS,
  payer: COMPARISONS,
  enum: ['eq', 'ne', 'in', 'notIn', 'exists'],
  tier: [...COMPARISONS, 'in', 'notIn', 'exists'],
  string: ['eq', 'ne', 'in', 'notIn', 'matches', 'exists'],
  boolean: ['eq', 'ne'],
};

/** What an admin can write conditions with: every fact, its type, parameters, operators and values. */
export const factCatalogue = () =>
  ALL_FACTS.map((fact) => {
    const group = factGroup(fact)!;
    return {
      fact,
      type: group,
      operators: OPERATORS_OF[group],
      ...(group === 'window' ? { parameters: { windowDays: `1..${MAX_WINDOW_DAYS}` } } : {}),
      ...(group === 'payer'
        ? {
            parameters: {
              fromDays: `1..${MAX_PAYER_LOOKBACK_DAYS}`,
              toDays: `fromDays..${MAX_PAYER_LOOKBACK_DAYS}`,
            },
          }
        : {}),
      ...(fact in ENUM_FACTS ? { values: ENUM_FACTS[fact as keyof typeof ENUM_FACTS] } : {}),
    };
  });

/** Another numeric fact, scaled: `{ fact: 'aumFen', times: 0.3 }` is 30% of AUM. */
export interface NumberRef {
  fact: NumberFact;
  times: number;
}

export interface Predicate {
  fact: string;
  operator: Operator;
  value: number | string | boolean | string[] | NumberRef;
  /** window facts */
  windowDays?: number;
  /** payer facts */
  fromDays?: number;
  toDays?: number;
  /** `matches` */
  ignoreCase?: boolean;
}

export type Condition = Predicate | { all: Condition[] } | { any: Condition[] } | { not: Condition };

export const isAll = (c: Condition): c is { all: Condition[] } => 'all' in c;
export const isAny = (c: Condition): c is { any: Condition[] } => 'any' in c;
export const isNot = (c: Condition): c is { not: Condition } => 'not' in c;

export const MAX_CONDITION_DEPTH = 6;
export const MAX_PREDICATES = 64;

export const conditionShape = (condition: Condition): { depth: number; predicates: number } => {
  if (isAll(condition) || isAny(condition)) {
    const children = (isAll(condition) ? condition.all : condition.any).map(conditionShape);
    return {
      depth: 1 + Math.max(0, ...children.map((c) => c.depth)),
      predicates: children.reduce((sum, c) => sum + c.predicates, 0),
    };
  }
  if (isNot(condition)) {
    const child = conditionShape(condition.not);
    return { depth: 1 + child.depth, predicates: child.predicates };
  }
  return { depth: 1, predicates: 1 };
};
