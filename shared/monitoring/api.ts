// HTTP contracts of the trigger rules (admin): the list, one rule, the maker-checker changes that
// propose, approve or reject a version, and the test of a draft. Alerts are in alerts-api.ts, fund
// flows and the reports in reports-api.ts.
import * as z from 'zod';
import { defineRoute } from '#shared/http/contract.js';
import { ChangeListQuery, ChangeParams, changeView, RejectBody } from '#shared/maker-checker/change.js';
import { RuleId, SEVERITIES, TriggerRuleInput, TriggerRuleView } from './rule.js';
import { SampleCustomer } from './sample-customer.js';
import { TransactionInput } from '#shared/transactions/transaction.js';

// ------------------------------------------------------------------------------------------------
// Trigger rules

const RuleParams = z.object({ ruleId: RuleId });

export const TriggerRuleList = z.object({
  items: z.array(
    TriggerRuleView.extend({
      hits30d: z
        .number()
        .int()
        .describe('alerts the rule raised over hitsWindow (counted as they are raised, never a scan)'),
    }),
  ),
  hitsWindow: z
    .object({ from: z.string(), to: z.string() })
    .describe('the last 30 days, today included (business dates, Asia/Shanghai)'),
  revision: z.number(),
  skipped: z
    .array(z.object({ ruleId: z.string(), version: z.number(), problem: z.string() }))
    .optional()
    .describe('stored versions that no longer parse: the version before them is in force'),
  facts: z
    .array(
      z.object({
        fact: z.string(),
        type: z.string(),
        operators: z.array(z.string()),
        parameters: z.record(z.string(), z.string()).optional(),
        values: z.array(z.string()).optional(),
      }),
    )
    .describe('what conditions can test'),
  placeholders: z.array(z.string()).describe('what titles and SMS templates can say, as {name}'),
});

export const listTriggerRules = defineRoute({
  method: 'GET',
  path: '/v1/trigger-rules',
  summary:
    'The trigger rules in force (stored versions over the built-in defaults), each with its hits in the last 30 days',
  auth: 'jwt',
  roles: ['admin'],
  response: TriggerRuleList,
});

export const getTriggerRule = defineRoute({
  method: 'GET',
  path: '/v1/trigger-rules/{ruleId}',
  summary: 'One trigger rule in force, with every version',
  auth: 'jwt',
  roles: ['admin'],
  params: RuleParams,
  response: TriggerRuleView.extend({ versions: z.array(z.unknown()) }),
});

// Maker-checker: a PUT proposes, another admin approves (the next version is stored) or rejects.
export const TriggerRuleChange = changeView(
  TriggerRuleView.omit({ ruleId: true, version: true, updatedAt: true, updatedBy: true }),
).describe('a proposed version of the rule `subject`');

export const putTriggerRule = defineRoute({
  method: 'PUT',
  path: '/v1/trigger-rules/{ruleId}',
  summary:
    'Propose a new version of a trigger rule (validated and compiled first; in force once another admin approves it). 202 with the change; the same content as in force: 200 with the rule, nothing proposed',
  auth: 'jwt',
  roles: ['admin'],
  params: RuleParams,
  body: TriggerRuleInput,
  response: z.union([TriggerRuleChange, TriggerRuleView]),
  successStatus: 202,
});

export const listTriggerRuleChanges = defineRoute({
  method: 'GET',
  path: '/v1/trigger-rule-changes',
  summary: 'Proposed trigger rule changes (pending by default), newest first',
  auth: 'jwt',
  roles: ['admin'],
  query: ChangeListQuery,
  response: z.object({ items: z.array(TriggerRuleChange) }),
});

export const approveTriggerRuleChange = defineRoute({
  method: 'POST',
  path: '/v1/trigger-rule-changes/{changeId}/approve',
  summary:
    'Another admin than the maker approves: the proposal is stored as the rule’s next version, in force for the next transaction (409 if a newer version was stored since it was proposed)',
  auth: 'jwt',
  roles: ['admin'],
  params: ChangeParams,
  response: TriggerRuleView,
});

export const rejectTriggerRuleChange = defineRoute({
  method: 'POST',
  path: '/v1/trigger-rule-changes/{changeId}/reject',
  summary: 'Another admin than the maker rejects the proposal, with a reason',
  auth: 'jwt',
  roles: ['admin'],
  params: ChangeParams,
  body: RejectBody,
  response: TriggerRuleChange,
});

// Testing a draft (预警规则试算): the rule as a PUT would propose it, against a transaction as
// POST /v1/transactions takes it, on the real customer of transaction.customerId or sample facts.
export const RuleTestBody = z.strictObject({
  rule: TriggerRuleInput,
  transaction: TransactionInput,
  customer: SampleCustomer.optional(),
});

const FactValue = z.union([z.string(), z.number(), z.boolean()]);

export const RuleTestResult = z.object({
  ruleId: z.string(),
  fires: z
    .boolean()
    .describe(
      'the stream would raise this rule’s alert on this transaction: enabled and the conditions hold',
    ),
  matched: z.boolean().describe('the conditions hold, whether or not the rule is enabled'),
  enabled: z.boolean(),
  conditions: z
    .array(
      z.object({
        path: z.string().describe('the node in the rule: when, when.all.1, …'),
        depth: z.number(),
        kind: z.enum(['all', 'any', 'not', 'predicate']),
        matched: z.boolean(),
        predicate: z.unknown().optional(),
        values: z
          .record(z.string(), FactValue)
          .optional()
          .describe('the facts a predicate reads, with their values (an unknown fact is absent)'),
      }),
    )
    .describe('every node of the condition tree, in order, and whether it holds'),
  facts: z.record(z.string(), FactValue).describe('every fact the rule reads, as the stream computes it'),
  customer: z.object({
    source: z.enum(['customer', 'sample']),
    customerId: z.string(),
    name: z.string(),
    tier: z.string(),
  }),
  alert: z
    .object({
      alertId: z.string(),
      windowKey: z.string(),
      title: z.string(),
      severity: z.enum(SEVERITIES),
      slaHours: z.number(),
      alreadyRaised: z
        .boolean()
        .describe('the real customer has this rule’s alert of this window already: no new one'),
    })
    .optional()
    .describe('when it fires: the alert the stream would raise'),
});

export const testTriggerRule = defineRoute({
  method: 'POST',
  path: '/v1/trigger-rules/{ruleId}/test',
  summary:
    'Test a draft of a rule against a sample transaction, on the real customer of transaction.customerId (in the caller’s scope, else 404) or on sample facts: whether it fires and which conditions hold, decided by the stream’s own fact gathering and compiled rule. Writes nothing.',
  auth: 'jwt',
  roles: ['admin'],
  params: RuleParams,
  body: RuleTestBody,
  response: RuleTestResult,
  successStatus: 200,
});
