// HTTP contracts of key-transaction monitoring: trigger rules (admin), alerts (RMs and branch
// managers), a customer's fund flows, and the two reports (net outflow to other banks, alert outcomes).
import * as z from 'zod';
import { BalanceFen } from '#shared/validation/amount.js';
import { ReportFormat } from '#shared/reports/reply.js';
import { defineRoute } from '#shared/http/contract.js';
import { ChangeListQuery, ChangeParams, changeView, RejectBody } from '#shared/maker-checker/change.js';
import { PageQuery } from '#shared/http/pagination.js';
import { CustomerId } from '#shared/customers/customer.js';
import { OrgId } from '#shared/org/org-unit.js';
import { StaffId } from '#shared/staff/staff.js';
import { ALERT_STATUSES, OUTCOMES } from './alert.js';
import { RuleId, SEVERITIES, TriggerRuleInput, TriggerRuleView } from './rule.js';
import { SampleCustomer } from './sample-customer.js';
import { TransactionInput } from '#shared/transactions/transaction.js';

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month, YYYY-MM');
const AlertId = z.string().regex(/^AL[0-9A-F]{24}$/, 'is not an alert id');
const Bool = z.enum(['true', 'false']).transform((v) => v === 'true');

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

// ------------------------------------------------------------------------------------------------
// Alerts

export const AlertView = z.object({
  alertId: z.string(),
  ruleId: z.string(),
  ruleVersion: z.number(),
  ruleName: z.string(),
  severity: z.enum(SEVERITIES),
  title: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  managerId: z.string(),
  orgId: z.string(),
  window: z.object({ key: z.string(), start: z.string(), end: z.string() }),
  trigger: z.object({
    transactionId: z.string(),
    bookedAt: z.string(),
    businessDate: z.string(),
    amountFen: z.number(),
    direction: z.enum(['in', 'out']),
    assetClass: z.string(),
    channel: z.string(),
    category: z.string().optional(),
    counterpartyBank: z.string().optional(),
    counterpartyName: z.string().optional(),
  }),
  amountAtRiskFen: z.number(),
  evidence: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  status: z.enum(ALERT_STATUSES),
  raisedAt: z.string(),
  slaHours: z.number(),
  dueAt: z.string(),
  escalate: z.boolean(),
  acknowledgedAt: z.string().optional(),
  acknowledgedBy: z.string().optional(),
  escalatedAt: z.string().optional(),
  escalatedTo: z.string().optional(),
  closedAt: z.string().optional(),
  closedBy: z.string().optional(),
  outcome: z.enum(OUTCOMES).optional(),
  note: z.string().optional(),
  retainedFen: z.number().optional(),
  sms: z.object({ status: z.string(), kind: z.string(), text: z.string() }).optional(),
  version: z.number(),
});

const AlertParams = z.object({ alertId: AlertId });
const WORKERS = ['rm', 'branch_manager'] as const;

export const listAlerts = defineRoute({
  method: 'GET',
  path: '/v1/alerts',
  summary: 'Alerts in the caller’s scope: an RM’s own, a branch subtree’s; by customer for the timeline',
  auth: 'jwt',
  roles: ['rm', 'branch_manager', 'admin'],
  query: PageQuery.extend({
    status: z.enum(ALERT_STATUSES).optional(),
    managerId: StaffId.optional(),
    customerId: CustomerId.optional(),
    escalated: Bool.optional(),
  }),
  response: z.object({ items: z.array(AlertView), nextCursor: z.string().optional() }),
});

export const getAlert = defineRoute({
  method: 'GET',
  path: '/v1/alerts/{alertId}',
  summary: 'One alert',
  auth: 'jwt',
  roles: ['rm', 'branch_manager', 'admin'],
  params: AlertParams,
  response: AlertView,
});

export const acknowledgeAlert = defineRoute({
  method: 'POST',
  path: '/v1/alerts/{alertId}/ack',
  summary: 'Acknowledge an alert (stops its escalation); again is a no-op',
  auth: 'jwt',
  roles: WORKERS,
  params: AlertParams,
  response: AlertView,
});

export const CloseAlertBody = z.strictObject({
  outcome: z.enum(OUTCOMES),
  note: z.string().trim().min(2, 'say what happened, in a few words').max(500),
  retainedFen: BalanceFen.optional().describe(
    'with retained or partially_retained: how much the customer kept with us',
  ),
});

export const closeAlert = defineRoute({
  method: 'POST',
  path: '/v1/alerts/{alertId}/close',
  summary: 'Close an alert with its outcome and a note; the same close again is a no-op, another one 409',
  auth: 'jwt',
  roles: WORKERS,
  params: AlertParams,
  body: CloseAlertBody,
  response: AlertView,
});

// ------------------------------------------------------------------------------------------------
// Fund flows and reports

const MonthRange = z.object({
  from: Month.optional().describe('first month, YYYY-MM (default: two months before `to`)'),
  to: Month.optional().describe('last month, YYYY-MM (default: this month)'),
});

const FlowLine = z.object({
  inflowFen: z.number(),
  outflowFen: z.number(),
  netInflowFen: z.number(),
  count: z.number(),
});
const ByBank = z.array(FlowLine.extend({ counterpartyBank: z.string().nullable() }));
const ByCategory = z.array(FlowLine.extend({ category: z.string() }));

export const getFundFlows = defineRoute({
  method: 'GET',
  path: '/v1/customers/{customerId}/fund-flows',
  summary: 'A customer’s inflows and outflows per month, by counterparty bank and by category (资金流向)',
  auth: 'jwt',
  roles: ['rm', 'branch_manager', 'marketing', 'admin', 'auditor'],
  params: z.object({ customerId: CustomerId }),
  query: MonthRange,
  response: z.object({
    customerId: z.string(),
    from: z.string(),
    to: z.string(),
    totals: FlowLine,
    otherBanks: FlowLine,
    byCounterpartyBank: ByBank,
    byCategory: ByCategory,
    months: z.array(
      FlowLine.extend({ month: z.string(), byCounterpartyBank: ByBank, byCategory: ByCategory }),
    ),
  }),
});

const REPORT_READERS = ['branch_manager', 'marketing', 'admin', 'auditor'] as const;

const NetLine = z.object({
  outflowFen: z.number(),
  inflowFen: z.number(),
  netOutflowFen: z.number(),
  outCount: z.number(),
  inCount: z.number(),
});

export const getNetOutflowReport = defineRoute({
  method: 'GET',
  path: '/v1/reports/net-outflow',
  summary:
    'Net outflow to other banks (他行净流出) of an org subtree, by bank, by unit below it and by month',
  auth: 'jwt',
  roles: REPORT_READERS,
  query: MonthRange.extend({ orgId: OrgId.optional(), format: ReportFormat }),
  response: z.object({
    orgId: z.string(),
    orgName: z.string(),
    from: z.string(),
    to: z.string(),
    totals: NetLine,
    byCounterpartyBank: z.array(NetLine.extend({ counterpartyBank: z.string() })),
    byOrg: z.array(NetLine.extend({ orgId: z.string() })),
    byMonth: z.array(NetLine.extend({ month: z.string() })),
  }),
});

const OutcomeRow = z.object({
  ruleId: z.string(),
  raised: z.number(),
  atRiskFen: z.number(),
  escalated: z.number(),
  open: z.number(),
  closed: z.number(),
  closedWithinSla: z.number(),
  outcomes: z.record(z.enum(OUTCOMES), z.object({ count: z.number(), atRiskFen: z.number() })),
  retainedFen: z.number(),
  retentionRate: z.number().optional(),
  averageHoursToClose: z.number().optional(),
});

export const getAlertOutcomeReport = defineRoute({
  method: 'GET',
  path: '/v1/reports/alert-outcomes',
  summary:
    'Alerts raised in an org subtree per rule: escalated, closed by outcome, money kept (by trigger month)',
  auth: 'jwt',
  roles: REPORT_READERS,
  query: MonthRange.extend({ orgId: OrgId.optional(), format: ReportFormat }),
  response: z.object({
    orgId: z.string(),
    orgName: z.string(),
    from: z.string(),
    to: z.string(),
    rows: z.array(OutcomeRow),
    total: OutcomeRow,
  }),
});
