// Real-time evaluation (实时评级) after an AUM change: re-read the customer's counters, decide with
// the policy in force today, and commit the new standing (outlook, and a tier change if any) on the
// version read. Reading the state before the counters makes the last commit reflect the last change:
// a decision that read older counters can only commit on an older version, and then loses.
import type { Clock } from '#shared/clock.js';
import { businessDateOf } from '#shared/clock.js';
import type { Customer } from '#shared/customers/customer.js';
import type { CustomerStore } from '#shared/customers/ports.js';
import { dayOf, lastDayOf, monthOf } from './calendar.js';
import { monthAum, withoutTerms, type CounterTerms } from './aum.js';
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

/** One change to evaluate after: what triggered it, and its terms if this call's caller added them. */
export interface EvaluationStep {
  trigger: TierChangeTrigger;
  /** Added to the counters for this step (by the caller, just now): taken back out for earlier steps. */
  terms?: CounterTerms;
}

export const evaluateCustomer = (
  deps: TieringDeps,
  customerId: string,
  trigger: TierChangeTrigger,
): Promise<RealtimeDecision> => evaluateCustomerSteps(deps, customerId, [{ trigger }]);

/**
 * Evaluation after several changes of one customer, in their order, as if after each one in turn:
 * the state and counters read once, each step decided on the counters without the later steps'
 * terms, and one commit of the last standing with every tier change the steps made (in order).
 */
export const evaluateCustomerSteps = async (
  deps: TieringDeps,
  customerId: string,
  steps: readonly EvaluationStep[],
): Promise<RealtimeDecision> => {
  if (steps.length === 0) throw new Error('evaluation takes at least one step');
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const state = await deps.tiers.getState(customerId);
    const counters = await deps.counters.read(customerId);
    const policies = await deps.policies.list();
    const now = deps.clock.now();
    const today = businessDateOf(now);
    const month = monthOf(today);
    let customer: Customer | undefined;
    if (!state) customer = await deps.customers.get(customerId);
    const lastClosed = state?.closedThrough && state.closedThrough < month ? state.closedThrough : undefined;
    const policy = policyInForce(policies, today);
    const closedPolicy = lastClosed ? policyInForce(policies, lastDayOf(lastClosed)) : undefined;
    let tier = state?.tier ?? customer?.tier ?? 'standard';
    let decision: RealtimeDecision | undefined;
    const changes: { change: TierChange; trigger: TierChangeTrigger }[] = [];
    for (const [i, step] of steps.entries()) {
      const later = steps.slice(i + 1).flatMap((s) => (s.terms ? [s.terms] : []));
      const asOfStep = withoutTerms(counters, later);
      decision = decideRealtime({
        tier,
        policy,
        mtd: monthAum(asOfStep, month, dayOf(today)),
        asOf: today,
        ...(lastClosed ? { lastClosed: { aum: monthAum(asOfStep, lastClosed), policy: closedPolicy! } } : {}),
      });
      if (decision.change) changes.push({ change: decision.change, trigger: step.trigger });
      tier = decision.tier;
    }
    const last = decision!;
    // a replayed change leaves nothing new to say
    if (state && changes.length === 0 && sameOutlook(state.outlook, last.outlook)) return last;

    const version = (state?.version ?? 0) + 1;
    const next: TierStateRecord = {
      ...(state ?? { customerId }),
      tier: last.tier,
      version,
      outlook: last.outlook,
      updatedAt: now.toISOString(),
    };
    if (changes.length > 0) customer ??= await deps.customers.get(customerId);
    const committed = await deps.tiers.commit({
      state: next,
      ...(state ? { expectedVersion: state.version } : {}),
      changes: changes.map(({ change, trigger }, index) =>
        tierChangeRecord(customerId, version, index, change, trigger, customer, now),
      ),
      ...(changes.length > 0 && customer
        ? { customerTier: { customerId, tier: last.tier, at: now.toISOString() } }
        : {}),
    });
    if (committed === 'committed') return last;
  }
  throw new TierDecisionContended(`tier of ${customerId}: still contended after ${MAX_ATTEMPTS} attempts`);
};
