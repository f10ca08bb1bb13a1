// What the maturity use cases are given: the maturities table (DynamoDB adapter in dynamo-maturities.ts).
import type { MaturityRecord } from './maturity.js';

export interface MaturityStore {
  /** Writes a maturity unless its registration was reversed already. */
  add(record: MaturityRecord): Promise<void>;
  /** Marks a registration's maturity reversed (creating the tombstone if it is not there yet). */
  reverse(customerId: string, registrationId: string): Promise<void>;
  /** An RM's maturities from `fromDate` to `toDate` inclusive, soonest first. */
  due(managerId: string, fromDate: string, toDate: string, limit: number): Promise<MaturityRecord[]>;
  /** A customer's open maturities, to hand over with the customer. */
  ofCustomer(customerId: string): Promise<MaturityRecord[]>;
  /** A new owner for a maturity (allocation). */
  reassign(record: MaturityRecord, managerId: string): Promise<void>;
}
