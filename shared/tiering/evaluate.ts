// Real-time evaluation (实时评级) after an AUM change: re-read the customer's counters, decide with
// the policy in force today, and commit the new standing (outlook, and a tier change if any) on the
// version read. Reading the state before the counters makes the last commit reflect the last change:
// a decision that read older counters can only commit on an older version, and then loses.
import type { Clock } from '#shared/clock.js';
import { businessDateOf } from '#shared/clock.js';
import type { Customer } from '#shared/customers/customer.js';
import type { CustomerStore } from '#shared/customers/ports.js';
import { dayOf, lastDayOf, monthOf } from './calendar.js';
import { monthAum } from './aum.js';
import { decideRealtime, type RealtimeDecision, type TierOutlook } from './decide-realtime.js';
import { policyInForce } from './policy.js';
import type { TierChange } from './tier-change.js';
import { changeId } from './ids.js';
import type {
  CounterStore,
  PolicyStore,
  TierChangeRecord,
  TierChangeTrigger,
  TierStateRecord,
  TierStore,
} from './ports.js';

export interface TieringDeps {
  counters: CounterStore;
  tiers: TierStore;
  policies: PolicyStore;
  customers: Pick<CustomerStore, 'get'>;
  clock: Clock;
}

const MAX_ATTEMPTS = 10;

export class TierDecisionContended extends Error {
  override name = 'TierDecisionContended';
}

export const tierChangeRecord = (
  customerId: string,
  version: number,
  index: number,
  change: TierChange,
  trigger: TierChangeTrigger,
  customer: { managerId?: string; orgId?: string; orgPath?: string } | undefined,
  at: Date,
): TierChangeRecord => ({
  customerId,
  changeId: changeId(version, index),
  at: at.toISOString(),
  businessDate: businessDateOf(at),
  fromTier: change.from,
  toTier: change.to,
  direction: change.direction,
  reason: change.reason,
  month: change.month,
  avgAumFen: change.avgAumFen,
  thresholdFen: change.thresholdFen,
  policyVersion: change.policyVersion,
  explanation: change.explanation,
  trigger,
  ...(customer?.managerId ? { managerId: customer.managerId } : {}),
  ...(customer?.orgId ? { orgId: customer.orgId } : {}),
  ...(customer?.orgPath ? { orgPath: customer.orgPath } : {}),
});

const sameOutlook = (a: TierOutlook | undefined, b: TierOutlook): boolean =>
  JSON.stringify(a) === JSON.stringify(b);

export const evaluateCustomer = async (
  deps: TieringDeps,
  customerId: string,
  trigger: TierChangeTrigger,
): Promise<RealtimeDecision> => {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const state = await deps.tiers.getState(customerId);
    const counters = await deps.counters.read(customerId);
    const policies = await deps.policies.list();
    const now = deps.clock.now();
    const today = businessDateOf(now);
    const month = monthOf(today);
    let customer: Customer | undefined;
    if (!state) customer = await deps.customers.get(customerId);
    const tier = state?.tier ?? customer?.tier ?? 'standard';
    const lastClosed = state?.closedThrough && state.closedThrough < month ? state.closedThrough : undefined;
    const decision = decideRealtime({
      tier,
      policy: policyInForce(policies, today),
      mtd: monthAum(counters, month, dayOf(today)),
      asOf: today,
      ...(lastClosed
        ? {
            lastClosed: {
              aum: monthAum(counters, lastClosed),
              policy: policyInForce(policies, lastDayOf(lastClosed)),
            },
          }
        : {}),
    });
    // a replayed change leaves nothing new to say
    if (state && !decision.change && sameOutlook(state.outlook, decision.outlook)) return decision;

    const version = (state?.version ?? 0) + 1;
    const next: TierStateRecord = {
      ...(state ?? { customerId }),
      tier: decision.tier,
      version,
      outlook: decision.outlook,
      updatedAt: now.toISOString(),
    };
    if (decision.change) customer ??= await deps.customers.get(customerId);
    const committed = await deps.tiers.commit({
      state: next,
      ...(state ? { expectedVersion: state.version } : {}),
      changes: decision.change
        ? [tierChangeRecord(customerId, version, 0, decision.change, trigger, customer, now)]
        : [],
      ...(decision.change && customer
        ? { customerTier: { customerId, tier: decision.tier, at: now.toISOString() } }
        : {}),
    });
    if (committed === 'committed') return decision;
  }
  throw new TierDecisionContended(`tier of ${customerId}: still contended after ${MAX_ATTEMPTS} attempts`);
};
