// The stream side of the management reports: a tier change or a transaction becomes counter ADDs
// under its claim (counted once). Pure use cases over the store and a customer reader.
import * as z from 'zod';
import { TIERS, type Tier } from '#shared/customers/customer.js';
import { moveKey, rmScope, tierChangeUpdates, transactionUpdates } from './counters.js';
import type { ReportAggregateStore } from './ports.js';

/** The fields of a `tier-changes` item the reports use (tiering owns the rest). */
export const TierChangeImage = z.looseObject({
  customerId: z.string(),
  changeId: z.string(),
  at: z.string(),
  businessDate: z.string(),
  fromTier: z.enum(TIERS),
  toTier: z.enum(TIERS),
  direction: z.enum(['upgrade', 'downgrade']),
  managerId: z.string().optional(),
  orgId: z.string().optional(),
  orgPath: z.string().optional(),
});
export type TierChangeImage = z.infer<typeof TierChangeImage>;

/** The fields of a `transactions` item the AUM-change report uses. */
export const TransactionImage = z.looseObject({
  transactionId: z.string(),
  customerId: z.string(),
  amountFen: z.number().int(),
  businessDate: z.string(),
});
export type TransactionImage = z.infer<typeof TransactionImage>;

export interface CustomerPlacement {
  name?: string;
  tier: Tier;
  orgPath: string;
  managerId: string;
}

export interface CountDeps {
  aggregates: ReportAggregateStore;
  customer(customerId: string): Promise<CustomerPlacement | undefined>;
}

export const countTierChange = async (deps: CountDeps, change: TierChangeImage) => {
  // tier changes carry their owner; an older one without falls back to the customer now
  const placement =
    change.orgPath !== undefined
      ? { orgPath: change.orgPath, managerId: change.managerId, name: undefined }
      : await deps.customer(change.customerId);
  if (!placement) return 'skipped' as const;
  const updates = tierChangeUpdates({
    ...change,
    orgPath: placement.orgPath,
    managerId: placement.managerId,
  });
  const month = change.businessDate.slice(0, 7);
  const move = placement.managerId
    ? [
        {
          scope: rmScope(placement.managerId),
          key: moveKey(month, change.at, change.customerId, change.changeId),
          customerId: change.customerId,
          fromTier: change.fromTier,
          toTier: change.toTier,
          direction: change.direction,
          at: change.at,
          businessDate: change.businessDate,
        },
      ]
    : [];
  return deps.aggregates.apply(`tier#${change.customerId}#${change.changeId}`, updates, move);
};

export const countTransaction = async (deps: CountDeps, txn: TransactionImage) => {
  const customer = await deps.customer(txn.customerId);
  // a transaction for a customer we do not hold yet belongs to no org unit: nothing to count
  if (!customer) return 'skipped' as const;
  return deps.aggregates.apply(`txn#${txn.transactionId}`, transactionUpdates(txn, customer));
};
