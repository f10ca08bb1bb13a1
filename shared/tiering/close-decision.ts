// One customer's month close, decided: the pure function the month close commits and the policy
// what-if (policy-preview.ts) counts, so the two cannot disagree. From the customer's standing (its
// `tier-state`, or the customer's tier when it has none), its kept AUM counters and the policy
// versions, it gives the months to close, each month's outcome and the standing after.
import type { Tier } from '#shared/customers/customer.js';
import { isAbove } from './tier-order.js';
import {
  closeMonths,
  monthsToClose,
  type MonthCloseOutcome,
  type TierStanding,
} from './decide-month-close.js';
import type { TierPolicy } from './policy.js';
import type { MonthCounters } from './aum.js';
import type { Month } from './calendar.js';

export type CloseDecision =
  /** closed through `month` already: the close writes nothing */
  | { closedAlready: true; tier: Tier }
  | { closedAlready: false; before: TierStanding; after: TierStanding; outcomes: MonthCloseOutcome[] };

export const decideCustomerClose = (
  state: TierStanding | undefined,
  customerTier: Tier,
  counters: readonly MonthCounters[],
  policies: readonly TierPolicy[],
  month: Month,
): CloseDecision => {
  if (state?.closedThrough && state.closedThrough >= month) return { closedAlready: true, tier: state.tier };
  const before = state ?? { tier: customerTier };
  const months = monthsToClose(before, month, counters[0]?.month);
  const { standing: after, outcomes } = closeMonths(before, counters, policies, months);
  return { closedAlready: false, before, after, outcomes };
};

/** Where the close leaves the customer against where they stood: up, down, or (undefined) the same tier. */
export const closeMove = (decision: CloseDecision): 'up' | 'down' | undefined => {
  if (decision.closedAlready) return undefined;
  if (isAbove(decision.after.tier, decision.before.tier)) return 'up';
  if (isAbove(decision.before.tier, decision.after.tier)) return 'down';
  return undefined;
};
