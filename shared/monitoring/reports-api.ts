// HTTP contracts of a customer's fund flows and the two monitoring reports (net outflow to other
// banks, alert outcomes).
import * as z from 'zod';
import { ReportFormat } from '#shared/reports/reply.js';
import { REPORT_READERS } from '#shared/reports/scope.js';
import { defineRoute } from '#shared/http/contract.js';
import { CustomerParams } from '#shared/customers/api.js';
import { OrgId } from '#shared/org/org-unit.js';
import { OUTCOMES } from './alert.js';

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month, YYYY-MM');

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
  params: CustomerParams,
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

/** A report over an org subtree (default: the caller's unit) and a month range. */
const OrgMonthsQuery = MonthRange.extend({ orgId: OrgId.optional(), format: ReportFormat });
const OrgMonthsReport = z.object({
  orgId: z.string(),
  orgName: z.string(),
  from: z.string(),
  to: z.string(),
});

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
  query: OrgMonthsQuery,
  response: OrgMonthsReport.extend({
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
  query: OrgMonthsQuery,
  response: OrgMonthsReport.extend({
    rows: z.array(OutcomeRow),
    total: OutcomeRow,
  }),
});
