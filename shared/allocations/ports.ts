// What the allocation use cases are given: the allocations table (DynamoDB adapter in
// dynamo-allocations.ts), each customer's weighted balance, and what follows a customer to a new RM.
import type { AuditEntry } from '#shared/audit/audit.js';
import type { Page, PageKey } from '#shared/http/pagination.js';
import type { Allocation, AllocationStatus } from './allocation.js';

export interface AllocationStore {
  get(allocationId: string): Promise<Allocation | undefined>;
  /** Creates (no expectedVersion) or replaces the version read; false on a lost race. */
  put(allocation: Allocation, audit: AuditEntry, expectedVersion?: number): Promise<boolean>;
  listByStatus(
    status: AllocationStatus,
    scopePath: string,
    limit: number,
    cursor?: PageKey,
  ): Promise<Page<Allocation>>;
}

/** Each customer's weighted balance from tiering's standing, where there is one. */
export type BalanceReader = (customerIds: readonly string[]) => Promise<Map<string, number>>;

export interface Handover {
  /** Moves the customer's open alerts and maturities to `toManagerId`; how many of each moved. */
  follow(customerId: string, toManagerId: string): Promise<{ alerts: number; maturities: number }>;
  /** Open (not closed) alerts per customer, for the allocation preview. */
  openAlerts(customerIds: readonly string[]): Promise<number>;
}
