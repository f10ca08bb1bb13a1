// The trigger-rule screens' types, from the zod contracts (types only: nothing of the server is bundled).
import type * as z from 'zod';
import type {
  RuleTestBody,
  RuleTestResult,
  TriggerRuleChange,
  TriggerRuleList,
} from '#shared/monitoring/api.js';
import type { TriggerRuleInput } from '#shared/monitoring/rule.js';
import type { Condition, Predicate } from '#shared/monitoring/condition.js';

export type RuleList = z.output<typeof TriggerRuleList>;
export type RuleItem = RuleList['items'][number];
export type FactInfo = RuleList['facts'][number];
export type RuleChange = z.output<typeof TriggerRuleChange>;
/** What PUT /v1/trigger-rules/{ruleId} takes (and a test's `rule`). */
export type RuleDraft = z.input<typeof TriggerRuleInput>;
export type RuleTest = z.input<typeof RuleTestBody>;
export type RuleTestAnswer = z.output<typeof RuleTestResult>;
export type { Condition, Predicate };
