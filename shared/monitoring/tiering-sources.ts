// The monitoring ports on the tiering capability's stores: AUM from its linear counters (table
// `aum-counters`, which also take balance snapshots, so opening balances are right), tier thresholds
// from its policy versions (`tier-policy`). Read only. Both are as of the previous day's close, which
// the tiering stream handler has long applied when today's transactions arrive.
import { ASSET_CLASSES } from '#shared/transactions/transaction.js';
import { dynamoCounterStore } from '#shared/tiering/dynamo-counters.js';
import type { CounterStore, PolicyStore } from '#shared/tiering/ports.js';
import { balancesOn, monthAum } from '#shared/tiering/aum.js';
import { cachedPolicyStore } from '#shared/tiering/policy-cache.js';
import { dynamoPolicyStore } from '#shared/tiering/dynamo-policy.js';
import { policyInForce } from '#shared/tiering/policy.js';
import { addDays, monthOf } from './days.js';
import type { AumSource, ThresholdSource } from './ports.js';

const total = (byClass: Record<string, bigint>): number => {
  const sum = ASSET_CLASSES.reduce((s, c) => s + (byClass[c] ?? 0n), 0n);
  const n = Number(sum);
  if (!Number.isSafeInteger(n)) throw new RangeError(`AUM ${sum} fen is beyond a safe integer`);
  return n;
};

export const tieringAumSource = (counters: CounterStore = dynamoCounterStore()): AumSource => ({
  async balances(customerId, businessDate) {
    const months = await counters.read(customerId);
    const close = balancesOn(months, addDays(businessDate, -1));
    const opening = monthAum(months, monthOf(businessDate), 0).opening;
    return { previousCloseFen: total(close), monthStartFen: total(opening) };
  },
});

export const tieringThresholds = (
  policies: PolicyStore = cachedPolicyStore(dynamoPolicyStore()),
): ThresholdSource => ({
  async thresholds(businessDate) {
    return policyInForce(await policies.list(), businessDate).tiers.map((t) => ({
      tier: t.tier,
      minFen: t.minAvgAumFen,
    }));
  },
});
