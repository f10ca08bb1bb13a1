// What the management reports are given: the report-aggregates table's counters, each change counted
// once under its claim, and the RMs' tier moves. The DynamoDB adapter is dynamo-report-aggregates.ts.
import type { Tier } from '#shared/customers/customer.js';

export interface CounterUpdate {
  scope: string;
  /** `<YYYY-MM>#tier` (migration) or `<YYYY-MM>#aum` (AUM change) */
  key: string;
  counters: Record<string, number>;
}

export interface TierMoveItem {
  customerId: string;
  customerName?: string;
  fromTier: Tier;
  toTier: Tier;
  direction: 'upgrade' | 'downgrade';
  at: string;
  businessDate: string;
}

export interface AggregateKey {
  scope: string;
  key: string;
}

export interface ReportAggregateStore {
  /** `duplicate`: this claim was counted before; nothing written. */
  apply(
    claim: string,
    updates: CounterUpdate[],
    puts?: Record<string, unknown>[],
  ): Promise<'applied' | 'duplicate'>;
  /** Items by `scope|key`; absent ones are missing from the map. */
  get(keys: readonly AggregateKey[]): Promise<Map<string, Record<string, unknown>>>;
  /** An RM's customers' tier moves in a month, newest first. */
  moves(managerId: string, month: string, limit: number): Promise<TierMoveItem[]>;
}
