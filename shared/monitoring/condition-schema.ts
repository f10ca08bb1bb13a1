// The zod schema of a trigger rule's condition: every predicate is checked against its fact's type, so
// a stored rule always compiles.
//
// Conditions are parsed by hand-dispatch (on the keys, then on the fact and operator) rather than by
// a zod union, so a mistake is reported at its own path (`when.all.1.value`) with its own message
// instead of a union's "Invalid input".
import * as z from 'zod';
import {
  ALL_FACTS,
  factGroup,
  has,
  MAX_CONDITION_DEPTH,
  MAX_PREDICATES,
  OPERATORS_OF,
  type Condition,
  type FactGroup,
  type Operator,
  type Predicate,
} from './condition.js';
import { ENUM_FACTS, MAX_PAYER_LOOKBACK_DAYS, MAX_WINDOW_DAYS, NUMBER_FACTS } from './facts.js';
import { patternProblem } from './pattern.js';

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
