// What the data-quality use cases are given: the store of each customer's data-quality record and of
// the counters per org unit and RM (DynamoDB adapter in dynamo-data-quality.ts).
import type { Tier } from '#shared/customers/customer.js';
import type { DqCheck } from './score.js';

export interface DqRecord {
  customerId: string;
  /** the customer version this reflects */
  version: number;
  name: string;
  score: number;
  gaps: DqCheck[];
  tier: Tier;
  managerId: string;
  orgPath: string;
  updatedAt: string;
  /** a removed customer: kept as a tombstone so a late replay of an older version stays ignored */
  removed?: boolean;
}

/** Commutative counters of one scope (`org#<orgId>` or `rm#<staffId>`): customers, score sum, gaps, tiers. */
export type Aggregate = Record<string, number> & { customers: number; scoreSum: number };

export interface DataQualityStore {
  /** Applies the customer's new state (or its removal, `after` undefined with `removedVersion`). */
  apply(
    customerId: string,
    after: DqRecord | undefined,
    removedVersion?: number,
  ): Promise<'applied' | 'stale'>;
  get(customerId: string): Promise<DqRecord | undefined>;
  aggregates(scopes: readonly string[]): Promise<Map<string, Aggregate>>;
  /** The manager's customers with gaps, highest fix-it priority (score.ts `fixPriority`) first. */
  fixes(managerId: string, limit: number): Promise<DqRecord[]>;
}
