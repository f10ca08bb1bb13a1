// What the monitoring use cases are given: small interfaces, with DynamoDB adapters in *-store.ts and
// in-memory ones in memory.ts (unit tests, the property test, the evaluation benchmark).
import type { Customer } from '#shared/customers/customer.js';
import type { Clock } from '#shared/adapters/clock.js';
import type { Alert } from './alert.js';
import type { CompiledRuleSet } from './compile.js';
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
