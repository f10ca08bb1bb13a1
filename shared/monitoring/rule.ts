// Trigger rules (关键交易触发规则) as data: the zod schema is the API contract of PUT /v1/trigger-rules.
// A condition is a tree of all / any / not over predicates `{ fact, operator, value }`; every
// predicate is checked against its fact's type here, so a stored rule always compiles.
//
// Conditions are parsed by hand-dispatch (on the keys, then on the fact and operator) rather than by
// a zod union, so a mistake is reported at its own path (`when.all.1.value`) with its own message
// instead of a union's "Invalid input".
import { serviceTemplateProblems } from '#shared/sms/service-gate.js';
import * as z from 'zod';
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
import { patternProblem } from './pattern.js';

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const COMPARISONS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte'] as const;
export type Comparison = (typeof COMPARISONS)[number];
export const OPERATORS = [...COMPARISONS, 'in', 'notIn', 'matches', 'exists'] as const;
export type Operator = (typeof OPERATORS)[number];

export type FactGroup = 'number' | 'window' | 'payer' | 'enum' | 'tier' | 'string' | 'boolean';

const has = (list: readonly string[], value: unknown): boolean =>
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

// ------------------------------------------------------------------------------------------------
// Values

const WholeNumber = z
  .number()
  .refine(Number.isSafeInteger, 'must be a whole number (fen, days or a count)')
  .refine((n) => Math.abs(n) <= Number.MAX_SAFE_INTEGER, 'is too large');

const Times = z
  .number()
  .positive('must be greater than 0')
  .max(1000, 'must be at most 1000')
  .refine((n) => Math.abs(n * 10_000 - Math.round(n * 10_000)) < 1e-6, 'has more than four decimals');

const NumberRefSchema = z.strictObject({
  fact: z.enum(NUMBER_FACTS, { error: `must be a number fact: ${NUMBER_FACTS.join(', ')}` }),
  times: Times.default(1),
});

/** A number, or a scaled reference to another number fact. */
const NumberOrRef = z.unknown().transform((input, ctx) => {
  const schema = typeof input === 'object' && input !== null ? NumberRefSchema : WholeNumber;
  return relay(schema, input, ctx);
});

/** Parses with `schema` and relays its issues at their own paths (used by the hand-dispatch). */
const relay = <S extends z.ZodType>(schema: S, input: unknown, ctx: z.RefinementCtx): z.output<S> => {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  }
  return z.NEVER;
};

const Pattern = z.string().superRefine((pattern, ctx) => {
  const problem = patternProblem(pattern);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const Text = z.string().min(1).max(128);

const WindowDays = z
  .number({ error: 'is required: the rolling window in business days' })
  .int('must be a whole number of days')
  .min(1, 'must be at least 1 day')
  .max(MAX_WINDOW_DAYS, `must be at most ${MAX_WINDOW_DAYS} days`);
const LookbackDays = z
  .number({ error: 'is required: days back from the transaction' })
  .int('must be a whole number of days')
  .min(1, 'must be at least 1 day (earlier days only, so delivery order within a day cannot matter)')
  .max(MAX_PAYER_LOOKBACK_DAYS, `must be at most ${MAX_PAYER_LOOKBACK_DAYS} days`);

// ------------------------------------------------------------------------------------------------
// Predicates, per fact group and operator

const predicateSchema = (group: FactGroup, fact: string, operator: Operator): z.ZodType => {
  const base = { fact: z.literal(fact), operator: z.literal(operator) };
  if (operator === 'exists') return z.strictObject({ ...base, value: z.boolean() });
  switch (group) {
    case 'number':
      return z.strictObject({ ...base, value: NumberOrRef });
    case 'window':
      return z.strictObject({ ...base, windowDays: WindowDays, value: NumberOrRef });
    case 'payer':
      return z
        .strictObject({ ...base, fromDays: LookbackDays, toDays: LookbackDays, value: NumberOrRef })
        .refine((p) => p.fromDays <= p.toDays, {
          message: 'must not be before fromDays (the range is fromDays..toDays days back)',
          path: ['toDays'],
        });
    case 'enum':
    case 'tier': {
      const values = ENUM_FACTS[fact as keyof typeof ENUM_FACTS];
      const one = z.enum(values, { error: `must be one of ${values.join(', ')}` });
      return z.strictObject({
        ...base,
        value: operator === 'in' || operator === 'notIn' ? z.array(one).min(1).max(values.length) : one,
      });
    }
    case 'string':
      if (operator === 'matches') {
        return z.strictObject({ ...base, value: Pattern, ignoreCase: z.boolean().optional() });
      }
      return z.strictObject({
        ...base,
        value: operator === 'in' || operator === 'notIn' ? z.array(Text).min(1).max(100) : Text,
      });
    case 'boolean':
      return z.strictObject({ ...base, value: z.boolean() });
  }
};

const parsePredicate = (input: Record<string, unknown>, ctx: z.RefinementCtx): Predicate => {
  const group = typeof input.fact === 'string' ? factGroup(input.fact) : undefined;
  if (!group) {
    ctx.addIssue({
      code: 'custom',
      path: ['fact'],
      message: `is not a fact: one of ${ALL_FACTS.join(', ')}`,
    });
    return z.NEVER;
  }
  const operators = OPERATORS_OF[group];
  if (!has(operators, input.operator)) {
    ctx.addIssue({
      code: 'custom',
      path: ['operator'],
      message: `is not an operator for ${String(input.fact)}: one of ${operators.join(', ')}`,
    });
    return z.NEVER;
  }
  return relay(
    predicateSchema(group, input.fact as string, input.operator as Operator),
    input,
    ctx,
  ) as Predicate;
};

const Conditions = (): z.ZodType<Condition[]> => z.array(ConditionSchema).min(1).max(MAX_PREDICATES);

export const ConditionSchema: z.ZodType<Condition> = z
  .unknown()
  .transform((input, ctx): Condition => {
    // parsing is synchronous, so a counter bounds the recursion a hostile body could ask for
    if (nesting >= MAX_CONDITION_DEPTH) {
      ctx.addIssue({ code: 'custom', message: `nests deeper than ${MAX_CONDITION_DEPTH} levels` });
      return z.NEVER;
    }
    nesting++;
    try {
      return parseCondition(input, ctx);
    } finally {
      nesting--;
    }
  })
  .describe(
    'all / any / not over predicates { fact, operator, value } (see GET /v1/trigger-rules for the facts)',
  );

let nesting = 0;

const parseCondition = (input: unknown, ctx: z.RefinementCtx): Condition => {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    ctx.addIssue({
      code: 'custom',
      message:
        'must be a condition: { all: [...] }, { any: [...] }, { not: {...} } or { fact, operator, value }',
    });
    return z.NEVER;
  }
  const object = input as Record<string, unknown>;
  if ('all' in object) return relay(z.strictObject({ all: Conditions() }), input, ctx);
  if ('any' in object) return relay(z.strictObject({ any: Conditions() }), input, ctx);
  if ('not' in object) return relay(z.strictObject({ not: ConditionSchema }), input, ctx);
  return parsePredicate(object, ctx);
};

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

// ------------------------------------------------------------------------------------------------
// Templates: `{placeholder}` from a fixed list, filled in when the alert is raised.

export const PLACEHOLDERS = [
  'ruleName',
  'customerId',
  'customerName',
  'customerTier',
  'amountYuan',
  'absAmountYuan',
  'amountFen',
  'direction',
  'assetClass',
  'channel',
  'category',
  'counterpartyBank',
  'counterpartyName',
  'businessDate',
  'aumYuan',
  'monthStartAumYuan',
  'crossedTier',
  'daysSinceLastActivity',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

export const placeholdersIn = (template: string): string[] =>
  [...template.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]!);

const Template = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .superRefine((template, ctx) => {
      for (const name of placeholdersIn(template)) {
        if (!has(PLACEHOLDERS, name)) {
          ctx.addIssue({
            code: 'custom',
            message: `{${name}} is not a placeholder: one of ${PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}`,
          });
        }
      }
    });

// ------------------------------------------------------------------------------------------------
// The rule

export const RuleId = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{1,47}$/,
    'lower-case letters, digits and -, 2 to 48, starting with a letter or digit',
  );

export const TriggerRuleInput = z.strictObject({
  name: z.string().trim().min(1).max(64),
  description: z.string().trim().max(500).optional(),
  enabled: z.boolean().default(true),
  severity: z.enum(SEVERITIES),
  when: ConditionSchema.superRefine((condition, ctx) => {
    const { depth, predicates } = conditionShape(condition);
    if (depth > MAX_CONDITION_DEPTH) {
      ctx.addIssue({ code: 'custom', message: `nests ${depth} deep; at most ${MAX_CONDITION_DEPTH}` });
    }
    if (predicates > MAX_PREDICATES) {
      ctx.addIssue({ code: 'custom', message: `has ${predicates} predicates; at most ${MAX_PREDICATES}` });
    }
  }),
  dedup: z
    .strictObject({
      windowDays: z
        .number()
        .int('must be a whole number of days')
        .min(1, 'must be at least 1 day')
        .max(366, 'must be at most 366 days'),
    })
    .describe('one alert per customer and window (windows of this many business days, from Mondays)'),
  alert: z.strictObject({
    title: Template(200),
    slaHours: z.number().int().min(1).max(720).describe('hours the RM has to acknowledge the alert'),
    escalate: z
      .boolean()
      .default(true)
      .describe('escalate to the branch manager when not acknowledged within slaHours'),
  }),
  serviceSms: z
    .strictObject({
      // no marketing wording, the 【signature】 first: the service SMS gate (shared/sms/service-gate.ts)
      template: Template(300).superRefine((template, ctx) => {
        for (const message of serviceTemplateProblems(template)) ctx.addIssue({ code: 'custom', message });
      }),
    })
    .optional()
    .describe('a service SMS (通知短信) to the customer, requested with the alert'),
});
export type TriggerRuleInput = z.output<typeof TriggerRuleInput>;

/** A stored version of a rule. */
export interface TriggerRule extends TriggerRuleInput {
  ruleId: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

/** The view of a rule (the stored one, or a built-in default at version 0). */
export const TriggerRuleView = z.object({
  ruleId: z.string(),
  version: z.number(),
  name: z.string(),
  description: z.string().optional(),
  enabled: z.boolean(),
  severity: z.enum(SEVERITIES),
  when: z.unknown(),
  dedup: z.object({ windowDays: z.number() }),
  alert: z.object({ title: z.string(), slaHours: z.number(), escalate: z.boolean() }),
  serviceSms: z.object({ template: z.string() }).optional(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});

/** Parses a stored rule (which may predate today's schema): the rule, or the problems with it. */
export const parseStoredRule = (
  item: Record<string, unknown>,
): { ok: true; rule: TriggerRule } | { ok: false; problems: string[] } => {
  const { ruleId, version, updatedAt, updatedBy, ...input } = item;
  const parsed = TriggerRuleInput.safeParse(input);
  if (!parsed.success || typeof ruleId !== 'string' || typeof version !== 'number') {
    return {
      ok: false,
      problems: parsed.success
        ? ['ruleId or version missing']
        : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
    };
  }
  return {
    ok: true,
    rule: {
      ...parsed.data,
      ruleId,
      version,
      updatedAt: String(updatedAt ?? ''),
      updatedBy: String(updatedBy ?? ''),
    },
  };
};
