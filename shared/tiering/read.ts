// A customer's AUM and tier history as the workbench reads them, within the caller's scope (a
// customer outside it is not found). Computed from the counters at read time, so always current.
import { businessDateOf, type Clock } from '#shared/clock.js';
import { getVisibleCustomer } from '#shared/customers/read.js';
import type { CustomerStore } from '#shared/customers/ports.js';
import type { PageKey } from '#shared/http/pagination.js';
import type { RequestContext } from '#shared/request-context.js';
import { ASSET_CLASSES } from '#shared/transactions/transaction.js';
import { addMonths, dayOf, lastDayOf, monthOf } from './calendar.js';
import {
  averageFen,
  balancesOn,
  classFenToNumbers,
  floorDiv,
  monthAum,
  toFen,
  type MonthAum,
} from './aum.js';
import { WEIGHT_SCALE, policyInForce, weighted, weightedAverageFen, type TierPolicy } from './policy.js';
import { decideRealtime } from './decide-realtime.js';
import type { CounterStore, PolicyStore, TierStore } from './ports.js';
import type { CustomerAumView } from './api.js';

export interface ReadDeps {
  customers: CustomerStore;
  counters: CounterStore;
  tiers: TierStore;
  policies: PolicyStore;
  clock: Clock;
}

const figures = (aum: MonthAum, policy: TierPolicy) => ({
  month: aum.month,
  daysInMonth: aum.daysInMonth,
  days: aum.days,
  complete: aum.complete,
  policyVersion: policy.version,
  avgAumFen: aum.days > 0 ? weightedAverageFen(weighted(policy, aum.sums), aum.days) : 0,
  byAssetClass: Object.fromEntries(
    ASSET_CLASSES.map((c) => [c, averageFen(aum.sums[c], aum.days)]),
  ) as Record<(typeof ASSET_CLASSES)[number], number>,
  closingBalanceFen: classFenToNumbers(aum.closing),
});

export const readCustomerAum = async (
  deps: ReadDeps,
  ctx: Pick<RequestContext, 'caller'>,
  customerId: string,
  closedMonths: number,
): Promise<CustomerAumView> => {
  const customer = await getVisibleCustomer(deps.customers, ctx, customerId);
  const [state, counters, policies] = await Promise.all([
    deps.tiers.getState(customerId),
    deps.counters.read(customerId),
    deps.policies.list(),
  ]);
  const today = businessDateOf(deps.clock.now());
  const month = monthOf(today);
  const policy = policyInForce(policies, today);
  const mtd = monthAum(counters, month, dayOf(today));
  const balances = balancesOn(counters, today);
  const tier = state?.tier ?? customer.tier;
  const { outlook } = decideRealtime({ tier, policy, mtd, asOf: today });
  const months = Array.from({ length: closedMonths }, (_, i) => {
    const m = addMonths(month, -(i + 1));
    return figures(monthAum(counters, m), policyInForce(policies, lastDayOf(m)));
  });
  return {
    customerId,
    asOf: today,
    balances: classFenToNumbers(balances),
    totalBalanceFen: toFen(ASSET_CLASSES.reduce((sum, c) => sum + balances[c], 0n)),
    weightedBalanceFen: toFen(floorDiv(weighted(policy, balances), WEIGHT_SCALE)),
    monthToDate: { ...figures(mtd, policy), projectedAvgAumFen: outlook.projectedAvgAumFen },
    months,
    tier: {
      current: tier,
      guaranteed: outlook.guaranteedTier,
      projected: outlook.projectedTier,
      ...(outlook.nextTier ? { nextTier: outlook.nextTier } : {}),
      ...(outlook.nextThresholdFen !== undefined ? { nextThresholdFen: outlook.nextThresholdFen } : {}),
      ...(outlook.gapToNextFen !== undefined ? { gapToNextFen: outlook.gapToNextFen } : {}),
      ...(outlook.depositNeededFen !== undefined ? { depositNeededFen: outlook.depositNeededFen } : {}),
      ...(state?.closedThrough ? { closedThrough: state.closedThrough } : {}),
      policyVersion: policy.version,
    },
  };
};

export const readTierHistory = async (
  deps: Pick<ReadDeps, 'customers' | 'tiers'>,
  ctx: Pick<RequestContext, 'caller'>,
  customerId: string,
  limit: number,
  cursor?: PageKey,
) => {
  await getVisibleCustomer(deps.customers, ctx, customerId);
  const [page, closes] = await Promise.all([
    deps.tiers.history(customerId, limit, cursor),
    deps.tiers.closes(customerId, 12),
  ]);
  return {
    items: page.items.map(({ customerId: _c, managerId: _m, orgId: _o, orgPath: _p, ...change }) => change),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    closes: closes.map(({ customerId: _c, ...close }) => close),
  };
};
