// The monitoring pipeline on in-memory stores, as the unit tests drive it: processTransaction's
// dependencies over given customers, rules, opening AUM and tier thresholds at a fixed moment, and a
// trigger rule built from its condition.
import type { Customer } from '#shared/customers/customer.js';
import { fixedClock } from '#shared/clock.js';
import { DEFAULT_RULES } from '#shared/monitoring/default-rules.js';
import type { TriggerRule } from '#shared/monitoring/rule.js';
import type { Condition } from '#shared/monitoring/condition.js';
import {
  MemoryAlerts,
  MemoryMonitoringState,
  fixedRules,
  fixedThresholds,
  memoryAumSource,
  memoryCustomers,
} from '#shared/monitoring/memory.js';

/** Standard, gold from ¥50,000, platinum from ¥500,000. */
export const THREE_TIERS = [
  { tier: 'standard' as const, minFen: 0 },
  { tier: 'gold' as const, minFen: 5_000_000 },
  { tier: 'platinum' as const, minFen: 50_000_000 },
];
export const OWN_BANKS = new Set(['本行']);

export const monitoringWorld = ({
  customers,
  now,
  rules = DEFAULT_RULES,
  openings = new Map(),
  thresholds = THREE_TIERS,
}: {
  customers: Iterable<Customer>;
  now: string;
  rules?: readonly TriggerRule[];
  openings?: ReadonlyMap<string, number>;
  thresholds?: Parameters<typeof fixedThresholds>[0];
}) => {
  const state = new MemoryMonitoringState();
  const alerts = new MemoryAlerts();
  const deps = {
    customers: memoryCustomers(customers),
    rules: fixedRules(rules),
    state,
    aum: memoryAumSource(state, openings),
    thresholds: fixedThresholds(thresholds),
    alerts,
    clock: fixedClock(now),
    ownBanks: OWN_BANKS,
  };
  return { state, alerts, deps };
};

/** A low-severity rule of one condition, one-day dedup. */
export const triggerRule = (ruleId: string, when: Condition): TriggerRule => ({
  ruleId,
  version: 1,
  name: ruleId,
  enabled: true,
  severity: 'low',
  when,
  dedup: { windowDays: 1 },
  alert: { title: 'x', slaHours: 1, escalate: false },
  updatedAt: '',
  updatedBy: '',
});
