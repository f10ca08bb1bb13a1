// An alert (预警/商机/任务) raised by a trigger rule: assigned to the customer's RM at the time, due
// within the rule's SLA, escalated to the branch manager when ignored, closed with an outcome.
// Pure: building the alert (its words from alert-text.ts) and its transitions. The store adds its index keys.
import { purposeOfRule, type ServiceSmsPurpose } from '#shared/sms/service-gate.js';
import type { Customer } from '#shared/customers/customer.js';
import type { TransactionRecord } from '#shared/transactions/transaction.js';
import { maskPersonalData } from '#shared/validation/personal-data.js';
import { Conflict, ValidationFailed } from '#shared/errors.js';
import { monthOf } from './days.js';
import { alertIdOf, dedupWindow, type DedupWindow } from './dedup.js';
import type { Facts } from './facts.js';
import type { CompiledRule } from './compile.js';
import type { Severity } from './severity.js';
import { renderTemplate, type TemplateContext } from './alert-text.js';

export const ALERT_STATUSES = ['open', 'acknowledged', 'closed'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export const OUTCOMES = ['retained', 'partially_retained', 'lost', 'not_applicable'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface AlertTrigger {
  transactionId: string;
  bookedAt: string;
  businessDate: string;
  amountFen: number;
  direction: 'in' | 'out';
  assetClass: TransactionRecord['assetClass'];
  channel: TransactionRecord['channel'];
  category?: TransactionRecord['category'];
  counterpartyBank?: string;
  counterpartyName?: string;
}

export interface ServiceSmsRequest {
  /**
   * `requested`: for the service SMS sender (functions/sms/service.ts, on the alerts stream) to pass
   * through the service SMS gate and send, once, keyed by alertId; it records what became of it.
   */
  status: 'requested';
  kind: 'service';
  text: string;
  /** the rule's template: the gate judges the wording there (a placeholder's value is data) */
  template: string;
  /** what the notice is about: whether a refusal holds, whether the send window applies */
  purpose: ServiceSmsPurpose;
  idempotencyKey: string;
}

export interface Alert {
  alertId: string;
  ruleId: string;
  ruleVersion: number;
  ruleName: string;
  severity: Severity;
  title: string;
  customerId: string;
  customerName: string;
  /** the customer's RM when the alert was raised */
  managerId: string;
  orgId: string;
  orgPath: string;
  branchId: string;
  window: DedupWindow;
  /** the month the alert counts in, for the outcome report (the first trigger's business month) */
  cohortMonth: string;
  trigger: AlertTrigger;
  /** bookedAt#transactionId of the trigger: the earliest trigger in the window wins */
  triggerKey: string;
  amountAtRiskFen: number;
  evidence: Record<string, string | number | boolean>;
  status: AlertStatus;
  raisedAt: string;
  slaHours: number;
  dueAt: string;
  escalate: boolean;
  acknowledgedAt?: string;
  acknowledgedBy?: string;
  escalatedAt?: string;
  /** the branch manager it went to (absent when none was found up the org tree) */
  escalatedTo?: string;
  closedAt?: string;
  closedBy?: string;
  outcome?: Outcome;
  note?: string;
  retainedFen?: number;
  sms?: ServiceSmsRequest;
  version: number;
}

// ------------------------------------------------------------------------------------------------
// Raising

export const HOUR_MS = 3_600_000;

export const dueAtOf = (raisedAt: string, slaHours: number): string =>
  new Date(Date.parse(raisedAt) + slaHours * HOUR_MS).toISOString();

/** Whom an alert is about and whose work it is: the customer, their RM and unit as they stand at raising. */
export const alertCustomer = (customer: Customer) => ({
  customerId: customer.customerId,
  customerName: customer.name,
  managerId: customer.managerId,
  orgId: customer.orgId,
  orgPath: customer.orgPath,
  branchId: customer.branchId,
});

export const buildAlert = (input: {
  hit: CompiledRule;
  txn: TransactionRecord;
  customer: Customer;
  facts: Facts;
  raisedAt: string;
}): Alert => {
  const { hit, txn, customer, facts, raisedAt } = input;
  const { rule } = hit;
  const window = dedupWindow(txn.businessDate, rule.dedup.windowDays);
  const alertId = alertIdOf(rule.ruleId, customer.customerId, window.key);
  const context: TemplateContext = { ruleName: rule.name, customer, txn, facts };
  const trigger: AlertTrigger = {
    transactionId: txn.transactionId,
    bookedAt: txn.bookedAt,
    businessDate: txn.businessDate,
    amountFen: txn.amountFen,
    direction: txn.direction,
    assetClass: txn.assetClass,
    channel: txn.channel,
    ...(txn.category ? { category: txn.category } : {}),
    ...(txn.counterpartyBank ? { counterpartyBank: txn.counterpartyBank } : {}),
    ...(txn.counterpartyName ? { counterpartyName: txn.counterpartyName } : {}),
  };
  return {
    alertId,
    ruleId: rule.ruleId,
    ruleVersion: rule.version,
    ruleName: rule.name,
    severity: rule.severity,
    title: renderTemplate(rule.alert.title, context),
    ...alertCustomer(customer),
    window,
    cohortMonth: monthOf(txn.businessDate),
    trigger,
    triggerKey: txn.bookedKey,
    amountAtRiskFen: Math.abs(txn.amountFen),
    evidence: hit.evidence(facts),
    status: 'open',
    raisedAt,
    slaHours: rule.alert.slaHours,
    dueAt: dueAtOf(raisedAt, rule.alert.slaHours),
    escalate: rule.alert.escalate,
    ...(rule.serviceSms
      ? {
          sms: {
            status: 'requested' as const,
            kind: 'service' as const,
            text: renderTemplate(rule.serviceSms.template, context),
            template: rule.serviceSms.template,
            purpose: purposeOfRule(rule.ruleId),
            idempotencyKey: `alert#${alertId}`,
          },
        }
      : {}),
    version: 1,
  };
};

/** What replaces the trigger when an earlier transaction of the same window arrives late. */
export const earlierTrigger = (
  existing: Alert,
  candidate: Alert,
): Pick<Alert, 'trigger' | 'triggerKey' | 'title' | 'evidence' | 'amountAtRiskFen'> | undefined =>
  candidate.triggerKey < existing.triggerKey && existing.status === 'open' && !existing.acknowledgedAt
    ? {
        trigger: candidate.trigger,
        triggerKey: candidate.triggerKey,
        title: candidate.title,
        evidence: candidate.evidence,
        amountAtRiskFen: candidate.amountAtRiskFen,
      }
    : undefined;

// ------------------------------------------------------------------------------------------------
// Working an alert

export interface CloseInput {
  outcome: Outcome;
  note: string;
  retainedFen?: number;
}

/** The acknowledged alert, or undefined when it is acknowledged already (nothing to write). */
export const acknowledge = (alert: Alert, by: string, at: string): Alert | undefined => {
  if (alert.status === 'closed') throw new Conflict(`Alert ${alert.alertId} is closed.`);
  if (alert.status === 'acknowledged') return undefined;
  return {
    ...alert,
    status: 'acknowledged',
    acknowledgedAt: at,
    acknowledgedBy: by,
    version: alert.version + 1,
  };
};

/** The closed alert, or undefined when it was closed the same way already (a retried request). */
export const close = (alert: Alert, by: string, at: string, input: CloseInput): Alert | undefined => {
  if (
    input.retainedFen !== undefined &&
    input.outcome !== 'retained' &&
    input.outcome !== 'partially_retained'
  ) {
    throw new ValidationFailed([
      { path: 'body.retainedFen', message: 'goes only with retained or partially_retained' },
    ]);
  }
  // 挽留金额 cannot exceed what was at risk: retention above 100% would inflate the outcome reports
  if (input.retainedFen !== undefined && input.retainedFen > alert.amountAtRiskFen) {
    throw new ValidationFailed([
      {
        path: 'body.retainedFen',
        message: `must be at most the amount at risk (${alert.amountAtRiskFen} fen)`,
      },
    ]);
  }
  if (alert.status === 'closed') {
    if (
      alert.outcome === input.outcome &&
      alert.note === input.note &&
      alert.retainedFen === input.retainedFen
    ) {
      return undefined;
    }
    throw new Conflict(`Alert ${alert.alertId} is closed already with outcome ${alert.outcome}.`);
  }
  return {
    ...alert,
    status: 'closed',
    closedAt: at,
    closedBy: by,
    outcome: input.outcome,
    note: input.note,
    ...(input.retainedFen !== undefined ? { retainedFen: input.retainedFen } : {}),
    version: alert.version + 1,
  };
};

/** Still waiting to be escalated: open (not acknowledged), escalating, not escalated yet. */
export const awaitsEscalation = (alert: Pick<Alert, 'status' | 'escalate' | 'escalatedAt'>): boolean =>
  alert.status === 'open' && alert.escalate && !alert.escalatedAt;

/** What a reader sees: the alert without the keys only the store and the reports use. */
export const alertView = (alert: Alert) => {
  const {
    orgPath: _orgPath,
    branchId: _branchId,
    triggerKey: _triggerKey,
    cohortMonth: _cohort,
    ...view
  } = alert;
  // an account in the evidence (a rule on `accountId`), a phone typed into the note: masked, as on the timeline
  return maskPersonalData(view);
};
