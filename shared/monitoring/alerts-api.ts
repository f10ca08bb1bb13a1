// HTTP contracts of alerts (RMs and branch managers): the list, one alert, acknowledging and closing.
import * as z from 'zod';
import { BalanceFen } from '#shared/validation/amount.js';
import { defineRoute } from '#shared/http/contract.js';
import { PageQuery, pageOf } from '#shared/http/pagination.js';
import { CustomerId } from '#shared/customers/customer.js';
import { StaffId } from '#shared/staff/staff.js';
import { ALERT_STATUSES, OUTCOMES } from './alert.js';
import { SEVERITIES } from './severity.js';

const AlertId = z.string().regex(/^AL[0-9A-F]{24}$/, 'is not an alert id');
const Bool = z.enum(['true', 'false']).transform((v) => v === 'true');

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
  response: pageOf(AlertView),
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
