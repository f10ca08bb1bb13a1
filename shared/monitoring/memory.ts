// In-memory adapters of the monitoring ports: the unit and property tests run the real use cases on
// them, and the benchmark measures rule evaluation without DynamoDB. Same contracts as the stores.
import type { Customer } from '#shared/customers/customer.js';
import { earlierTrigger, type Alert } from './alert.js';
import { compileRuleSet, type CompiledRuleSet } from './compile.js';
import { firstDayOfMonth } from './days.js';
import type { FlowCell, OrgFlowCell, TransactionEffects } from './effects.js';
import type { AumInput, DayTotals, TierThreshold } from './facts.js';
import type {
  AlertSink,
  AumSource,
  CustomerSource,
  MonitoringStateStore,
  RaiseOutcome,
  RuleSetSource,
  ThresholdSource,
} from './ports.js';
import type { TriggerRule } from './rule.js';

export interface AppliedTransaction {
  customerId: string;
  transactionId: string;
  amountFen: number;
  businessDate: string;
}

export class MemoryMonitoringState implements MonitoringStateStore {
  readonly applied = new Map<string, AppliedTransaction>();
  readonly dayTotals = new Map<string, DayTotals>();
  readonly payerCounts = new Map<string, number>();
  readonly flows = new Map<string, FlowCell & { count: number }>();
  readonly orgFlows = new Map<string, OrgFlowCell & { count: number }>();

  async apply(e: TransactionEffects): Promise<'applied' | 'duplicate'> {
    const claim = `${e.customerId}#${e.transactionId}`;
    if (this.applied.has(claim)) return 'duplicate';
    this.applied.set(claim, {
      customerId: e.customerId,
      transactionId: e.transactionId,
      amountFen: e.claim.amountFen,
      businessDate: e.businessDate,
    });
    const dayKey = `${e.customerId}#${e.businessDate}`;
    const day = this.dayTotals.get(dayKey) ?? { businessDate: e.businessDate, outFen: 0, inFen: 0 };
    this.dayTotals.set(dayKey, { ...day, outFen: day.outFen + e.day.outFen, inFen: day.inFen + e.day.inFen });
    if (e.payer) {
      const key = `${e.customerId}#${e.payer}#${e.businessDate}`;
      this.payerCounts.set(key, (this.payerCounts.get(key) ?? 0) + 1);
    }
    const f = e.flow;
    const flowKey = `${e.customerId}#${f.month}#${f.direction}#${f.bank}#${f.category}`;
    const flow = this.flows.get(flowKey) ?? { ...f, amountFen: 0, count: 0 };
    this.flows.set(flowKey, { ...flow, amountFen: flow.amountFen + f.amountFen, count: flow.count + 1 });
    if (e.orgFlow) {
      const o = e.orgFlow;
      const key = `${o.orgPath}#${o.month}#${o.bank}#${o.direction}`;
      const cell = this.orgFlows.get(key) ?? { ...o, amountFen: 0, count: 0 };
      this.orgFlows.set(key, { ...cell, amountFen: cell.amountFen + o.amountFen, count: cell.count + 1 });
    }
    return 'applied';
  }

  async days(customerId: string, from: string, to: string): Promise<DayTotals[]> {
    const out: DayTotals[] = [];
    for (const [key, day] of this.dayTotals) {
      if (key.startsWith(`${customerId}#`) && day.businessDate >= from && day.businessDate <= to)
        out.push(day);
    }
    return out;
  }

  async lastActiveDayBefore(customerId: string, before: string, notBefore: string) {
    let last: string | undefined;
    for (const [key, day] of this.dayTotals) {
      const date = day.businessDate;
      if (key.startsWith(`${customerId}#`) && date < before && date >= notBefore && (!last || date > last)) {
        last = date;
      }
    }
    return last;
  }

  async payerInflows(customerId: string, payer: string, from: string, to: string): Promise<number> {
    let count = 0;
    const prefix = `${customerId}#${payer}#`;
    for (const [key, n] of this.payerCounts) {
      const date = key.slice(prefix.length);
      if (key.startsWith(prefix) && date >= from && date <= to) count += n;
    }
    return count;
  }
}

/** AUM as a tiering store would have it: opening balances plus every transaction applied so far. */
export const memoryAumSource = (
  state: MemoryMonitoringState,
  openings: ReadonlyMap<string, number> = new Map(),
): AumSource => ({
  async balances(customerId, businessDate): Promise<AumInput> {
    const monthStart = firstDayOfMonth(businessDate);
    let previousCloseFen = openings.get(customerId) ?? 0;
    let monthStartFen = previousCloseFen;
    for (const t of state.applied.values()) {
      if (t.customerId !== customerId) continue;
      if (t.businessDate < businessDate) previousCloseFen += t.amountFen;
      if (t.businessDate < monthStart) monthStartFen += t.amountFen;
    }
    return { previousCloseFen, monthStartFen };
  },
});

export const fixedThresholds = (thresholds: TierThreshold[]): ThresholdSource => ({
  thresholds: async () => thresholds,
});

export const fixedRules = (rules: readonly TriggerRule[]): RuleSetSource & { set: CompiledRuleSet } => {
  const { set } = compileRuleSet(rules);
  return { set, current: async () => set };
};

export const memoryCustomers = (customers: Iterable<Customer>): CustomerSource => {
  const byId = new Map([...customers].map((c) => [c.customerId, c]));
  return { get: async (id) => byId.get(id) };
};

export class MemoryAlerts implements AlertSink {
  readonly alerts = new Map<string, Alert>();
  async raise(alert: Alert): Promise<RaiseOutcome> {
    const existing = this.alerts.get(alert.alertId);
    if (!existing) {
      this.alerts.set(alert.alertId, alert);
      return 'raised';
    }
    const earlier = earlierTrigger(existing, alert);
    if (!earlier) return 'exists';
    this.alerts.set(alert.alertId, { ...existing, ...earlier, version: existing.version + 1 });
    return 'retriggered';
  }
}
