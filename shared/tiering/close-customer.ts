// Closing one customer's month, planned then written: the month-close records first, then the
// decision on the state version read (close-decision.ts decides). A page of customers is planned
// together (their states read in one batch, their records written in batches); a customer whose
// commit lost a race to a real-time evaluation is planned again alone.
import type { Month } from './calendar.js';
import { decideCustomerClose } from './close-decision.js';
import { TierDecisionContended, tierChangeRecord, type TieringDeps } from './evaluate.js';
import { inPool } from './pool.js';
import type {
  ClosingCustomer,
  MonthCloseRecord,
  SegmentCounts,
  TierCommit,
  TierStateRecord,
} from './ports.js';

const MAX_ATTEMPTS = 10;

/** What closing one customer's month writes: its month-close records, then its decision. */
interface ClosePlan {
  customer: ClosingCustomer;
  /** Closed already: nothing to write (bar repairing customers.tier). */
  closedAlready?: { tier: TierStateRecord['tier'] };
  closes: MonthCloseRecord[];
  commit?: TierCommit;
  counts: SegmentCounts;
}

const planClose = async (
  deps: TieringDeps,
  customer: ClosingCustomer,
  month: Month,
  state: TierStateRecord | undefined,
): Promise<ClosePlan> => {
  const [counters, policies] = await Promise.all([
    deps.counters.read(customer.customerId),
    deps.policies.list(),
  ]);
  const now = deps.clock.now();
  const decision = decideCustomerClose(state, customer.tier, counters, policies, month);
  if (decision.closedAlready) {
    return {
      customer,
      closedAlready: { tier: decision.tier },
      closes: [],
      counts: { customers: 1, monthsClosed: 0, changed: 0 },
    };
  }
  const { after: next, outcomes } = decision;
  const version = (state?.version ?? 0) + 1;
  const at = now.toISOString();
  const closes: MonthCloseRecord[] = outcomes.map((o) => ({
    customerId: customer.customerId,
    month: o.month,
    policyVersion: o.policyVersion,
    avgAumFen: o.avgAumFen,
    qualifies: o.qualifies,
    tierBefore: o.tierBefore,
    tierAfter: o.tierAfter,
    belowMonths: o.belowMonths,
    ...(o.change ? { reason: o.change.reason } : {}),
    closedAt: at,
  }));
  const changes = outcomes
    .flatMap((o) => (o.change ? [o.change] : []))
    .map((change, i) =>
      tierChangeRecord(
        customer.customerId,
        version,
        i,
        change,
        { kind: 'month_close', month: change.month },
        customer,
        now,
      ),
    );
  const nextState: TierStateRecord = {
    ...(state ?? { customerId: customer.customerId }),
    tier: next.tier,
    version,
    ...(next.firstClosed ? { firstClosed: next.firstClosed } : {}),
    ...(next.closedThrough ? { closedThrough: next.closedThrough } : {}),
    updatedAt: at,
  };
  return {
    customer,
    closes,
    commit: {
      state: nextState,
      ...(state ? { expectedVersion: state.version } : {}),
      changes,
      ...(next.tier !== customer.tier
        ? { customerTier: { customerId: customer.customerId, tier: next.tier, at } }
        : {}),
    },
    counts: { customers: 1, monthsClosed: closes.length, changed: changes.length },
  };
};

/**
 * Writes a plan: the month-close records first (plain overwrites, batched), then the decision on the
 * state version read. So a state never says a month is closed without its record; a plan that lost to
 * a real-time evaluation is made again and rewrites them. (Two closes of one month running at once
 * can leave the losing plan's record: the same figures unless a transaction landed between their reads.)
 */
const applyPlan = async (deps: TieringDeps, plan: ClosePlan, writeCloses = true): Promise<boolean> => {
  if (plan.closedAlready) {
    if (plan.customer.tier !== plan.closedAlready.tier) {
      await deps.tiers.syncCustomerTier(
        plan.customer.customerId,
        plan.closedAlready.tier,
        deps.clock.now().toISOString(),
      );
    }
    return true;
  }
  if (writeCloses) await deps.tiers.putCloses(plan.closes);
  return (await deps.tiers.commit(plan.commit!)) === 'committed';
};

/** Closes one customer's month (and any earlier month not closed yet); nothing if closed already. */
export const closeCustomerMonth = async (
  deps: TieringDeps,
  customer: ClosingCustomer,
  month: Month,
): Promise<SegmentCounts> => {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const plan = await planClose(deps, customer, month, await deps.tiers.getState(customer.customerId));
    if (await applyPlan(deps, plan)) return plan.counts;
  }
  throw new TierDecisionContended(
    `month close of ${customer.customerId}: still contended after ${MAX_ATTEMPTS} attempts`,
  );
};

/**
 * Closes a page of customers: their states read in one batch, their month-close records written in
 * batches, then each decision committed; a customer whose commit lost a race is closed again alone.
 */
export const closePage = async (
  deps: TieringDeps,
  customers: ClosingCustomer[],
  month: Month,
  concurrency: number,
): Promise<SegmentCounts> => {
  const states = await deps.tiers.getStates(customers.map((c) => c.customerId));
  const plans: ClosePlan[] = [];
  await inPool(customers, concurrency, async (customer) => {
    plans.push(await planClose(deps, customer, month, states.get(customer.customerId)));
  });
  await deps.tiers.putCloses(plans.flatMap((p) => p.closes));
  const counts = zero();
  await inPool(plans, concurrency, async (plan) => {
    const done = (await applyPlan(deps, plan, false))
      ? plan.counts
      : await closeCustomerMonth(deps, plan.customer, month);
    counts.customers += done.customers;
    counts.monthsClosed += done.monthsClosed;
    counts.changed += done.changed;
  });
  return counts;
};

const zero = (): SegmentCounts => ({ customers: 0, monthsClosed: 0, changed: 0 });
