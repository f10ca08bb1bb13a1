// Trigger rules (关键交易触发规则) as data: the zod schema is the API contract of PUT /v1/trigger-rules.
// A rule's condition is checked by condition-schema.ts (see condition.ts for its vocabulary); here the
// severity, the templates with their placeholders, the rule, its view and the reading of a stored one.
import { serviceTemplateProblems } from '#shared/sms/service-gate.js';
import * as z from 'zod';
import { conditionShape, has, MAX_CONDITION_DEPTH, MAX_PREDICATES } from './condition.js';
import { ConditionSchema } from './condition-schema.js';
import { SEVERITIES } from './severity.js';

export { SEVERITIES, type Severity } from './severity.js';

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
