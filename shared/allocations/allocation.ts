// An allocation (客户调配): a request to move customers to another RM, approved by a branch manager
// who is not the requester (maker-checker). Pure: what it moves and what the preview says.
import type { Tier } from '#shared/customers/customer.js';

export const ALLOCATION_STATUSES = ['pending', 'applying', 'approved', 'rejected'] as const;
export type AllocationStatus = (typeof ALLOCATION_STATUSES)[number];

export interface AllocationItem {
  customerId: string;
  fromManagerId: string;
  orgId: string;
  orgPath: string;
  tier: Tier;
  /** Weighted balance from the customer's tier standing when it was requested (时点AUM), if known. */
  aumFen?: number;
}

export interface AllocationPreview {
  customers: number;
  byTier: Partial<Record<Tier, number>>;
  /** customers leaving each current RM */
  byFromManager: Record<string, number>;
  /** sum of the known balances moving, fen; customers without an AUM standing count as 0 */
  aumFen: number;
  customersWithAum: number;
  /** alerts not yet closed of the customers moving (they follow the customer) */
  openAlerts?: number;
}

export interface Allocation {
  allocationId: string;
  status: AllocationStatus;
  requestedBy: string;
  requestedAt: string;
  toManagerId: string;
  reason: string;
  /** The deepest org path holding every customer: whoever approves must see all of it. */
  scopePath: string;
  /** scopePath + allocationId: the byStatus index's sort key, so a manager lists their subtree. */
  scopeKey: string;
  items: AllocationItem[];
  preview: AllocationPreview;
  decidedBy?: string;
  decidedAt?: string;
  note?: string;
  moved?: string[];
  skipped?: { customerId: string; reason: string }[];
  version: number;
}

/** The longest common prefix of org paths, cut at a `/` (their lowest common org unit). */
export const commonOrgPath = (paths: readonly string[]): string => {
  if (paths.length === 0) return '/';
  let prefix = paths[0]!;
  for (const path of paths.slice(1)) {
    let i = 0;
    while (i < prefix.length && i < path.length && prefix[i] === path[i]) i++;
    prefix = prefix.slice(0, i);
  }
  return prefix.slice(0, prefix.lastIndexOf('/') + 1) || '/';
};

export const previewOf = (items: readonly AllocationItem[]): AllocationPreview => {
  const byTier: Partial<Record<Tier, number>> = {};
  const byFromManager: Record<string, number> = {};
  let aumFen = 0;
  let customersWithAum = 0;
  for (const item of items) {
    byTier[item.tier] = (byTier[item.tier] ?? 0) + 1;
    byFromManager[item.fromManagerId] = (byFromManager[item.fromManagerId] ?? 0) + 1;
    if (item.aumFen !== undefined) {
      aumFen += item.aumFen;
      customersWithAum += 1;
    }
  }
  return { customers: items.length, byTier, byFromManager, aumFen, customersWithAum };
};
