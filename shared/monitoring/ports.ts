// What the monitoring use cases are given: small interfaces, with DynamoDB adapters in dynamo-*.ts and
// in-memory ones in memory.ts (unit tests, the property test, the evaluation benchmark).
import type { Customer } from '#shared/customers/customer.js';
import type { Clock } from '#shared/clock.js';
import type { AuditEntry } from '#shared/audit/audit.js';
import type { Page, PageKey } from '#shared/http/pagination.js';
import type { DecisionOutcome } from '#shared/maker-checker/ports.js';
import type { ChangeStore } from '#shared/maker-checker/ports.js';
import type { Change } from '#shared/maker-checker/ports.js';
import type { Alert, AlertStatus } from './alert.js';
import type { CompiledRuleSet } from './compile.js';
import type { FlowCellRecord, OrgFlowRecord } from './fund-flows.js';
import type { Counters, OutcomeCell } from './outcomes.js';
import type { HitCell } from './rule-hits.js';
import type { TriggerRule } from './rule.js';
import type { TransactionEffects } from './effects.js';
import type { AumInput, DayTotals, TierThreshold } from './facts.js';

export interface MonitoringStateStore {
  /** Writes the effects with the transaction's claim marker, both or neither; `duplicate` when claimed before. */
  apply(effects: TransactionEffects): Promise<'applied' | 'duplicate'>;
  /** The customer's day totals over [from, to], both included (days without movements are absent). */
  days(customerId: string, from: string, to: string): Promise<DayTotals[]>;
  /** The customer's latest active day strictly before `before`, not earlier than `notBefore`. */
  lastActiveDayBefore(customerId: string, before: string, notBefore: string): Promise<string | undefined>;
  /** How many inflows the customer had from this payer over [from, to]. */
  payerInflows(customerId: string, payer: string, from: string, to: string): Promise<number>;
}

/** A customer's AUM (all asset classes) at the close of the day before, and at the month's start. */
export interface AumSource {
  balances(customerId: string, businessDate: string): Promise<AumInput>;
}

/** The tier thresholds in force on a business date (from the tier policy). */
export interface ThresholdSource {
  thresholds(businessDate: string): Promise<TierThreshold[]>;
}

/** The compiled rules in force: the last good set, however the stored rules change. */
export interface RuleSetSource {
  current(): Promise<CompiledRuleSet>;
}

export type RaiseOutcome = 'raised' | 'exists' | 'retriggered';

export interface AlertSink {
  /** Puts the alert if its id is new; an earlier trigger replaces a later one on an open alert. */
  raise(alert: Alert): Promise<RaiseOutcome>;
}

export interface CustomerSource {
  get(customerId: string): Promise<Customer | undefined>;
}

export interface MonitoringDeps {
  customers: CustomerSource;
  rules: RuleSetSource;
  state: MonitoringStateStore;
  aum: AumSource;
  thresholds: ThresholdSource;
  alerts: AlertSink;
  clock: Clock;
  ownBanks: ReadonlySet<string>;
}

export interface AlertFilter {
  status?: AlertStatus;
  escalated?: boolean;
  /** only alerts whose org path starts with this */
  orgPath?: string;
}

/** The alerts table's one owner: every capability reads and moves alerts through this. */
export interface AlertStore extends AlertSink {
  get(alertId: string): Promise<Alert | undefined>;
  /** Replaces the alert read at `expectedVersion`, with its aggregate ADDs and audit entry; false when it changed meanwhile. */
  save(
    next: Alert,
    expectedVersion: number,
    effects: { counters?: Counters; audit?: AuditEntry },
  ): Promise<boolean>;
  byManager(managerId: string, filter: AlertFilter, limit: number, cursor?: PageKey): Promise<Page<Alert>>;
  /** A subtree: one branch's index range, or every branch for the head office. */
  inScope(orgPath: string, filter: AlertFilter, limit: number, cursor?: PageKey): Promise<Page<Alert>>;
  byCustomer(customerId: string, filter: AlertFilter, limit: number, cursor?: PageKey): Promise<Page<Alert>>;
  /** Alerts awaiting escalation whose due time is before `asOf`, oldest first. */
  due(asOf: string, limit: number): Promise<Alert[]>;

  // What other capabilities read and move (allocations, the workbench, the timeline, campaign
  // audiences, service SMS): through these, never through the table's keys.

  /**
   * Moves the customer's not-closed alerts held by another RM to `toManagerId` (the previous RM is
   * kept), each on the version read: an alert worked meanwhile is read again. How many moved.
   */
  reassignOpen(customerId: string, toManagerId: string): Promise<number>;
  /** How many not-closed alerts these customers have, all together. */
  openCount(customerIds: readonly string[]): Promise<number>;
  /** Whether the customer has an alert not closed. */
  hasOpen(customerId: string): Promise<boolean>;
  /** The RM's open and acknowledged alerts, soonest due first, at most `limit`. */
  openOfManager(managerId: string, limit: number): Promise<Alert[]>;
  /** The customers with an alert not closed in an org subtree, a page of ids at a time (ids may repeat). */
  customersWithOpen(orgPath: string): AsyncIterable<string[]>;
  /** A customer's alerts newest first, each with the key its page continues after (the timeline). */
  history(customerId: string, limit: number, after?: PageKey): Promise<KeyedPage<Alert>>;
  /** Writes `next` on the alert's service SMS if it is still in state `from`; false otherwise. */
  moveServiceSms(alertId: string, from: string, next: ServiceSmsMove): Promise<boolean>;
  /** Alerts whose service SMS was deferred to a time at or before `asOf`, soonest first, at most `limit`. */
  deferredServiceSms(asOf: string, limit: number): Promise<Alert[]>;
}

/** Items, each with the key a read continues after, and where the next page starts when there may be more. */
export interface KeyedPage<T> {
  items: { value: T; key: PageKey }[];
  next?: PageKey;
}

/** Fields written on an alert's service SMS (`sms`) as it moves on; undefined ones are left as they are. */
export type ServiceSmsMove = { status: string } & Readonly<Record<string, unknown>>;

export interface RuleStore {
  /** Every stored version of every rule (raw items: a stored rule may no longer parse). */
  all(): Promise<Record<string, unknown>[]>;
  /** Every stored version of one rule, newest first. */
  versions(ruleId: string): Promise<Record<string, unknown>[]>;
  /** The revision of the whole set (0 before the first PUT). */
  revision(): Promise<number>;
}

/** Proposed rule versions, and the approval that stores one. */
export interface RuleChanges extends ChangeStore {
  /** Stores the version (and moves the revision), the change as approved and the audit entry; 'stale' when the version exists. */
  approve(rule: TriggerRule, approved: Change, audit: AuditEntry): Promise<DecisionOutcome>;
}

export interface RuleHitStore {
  /** The cells of every rule over [from, to] (business dates). */
  between(from: string, to: string): Promise<HitCell[]>;
}

export interface ReportStore {
  customerFlows(customerId: string, fromMonth: string, toMonth: string): Promise<FlowCellRecord[]>;
  orgFlows(branchId: string, month: string, orgPath: string): Promise<OrgFlowRecord[]>;
  outcomeCells(branchId: string, month: string, orgPath: string): Promise<OutcomeCell[]>;
}
