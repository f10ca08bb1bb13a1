// What recording transactions is given: the transactions table, written a batch at a time, and read
// per customer (the timeline). The DynamoDB adapter is dynamo-transactions.ts.
import type { PageKey } from '#shared/http/pagination.js';
import type { TransactionRecord } from './transaction.js';

export type BatchWriteOutcome =
  | { kind: 'written' }
  /** Nothing was written: these positions exist already (with what is stored there). */
  | { kind: 'exists'; existing: Map<number, Partial<TransactionRecord>> };

export interface TransactionStore {
  putAllNew(records: TransactionRecord[]): Promise<BatchWriteOutcome>;
  /** A customer's transactions newest first (byCustomer), at most `limit`, after the key `start`. */
  ofCustomer(customerId: string, limit: number, start?: PageKey): Promise<TransactionPage>;
}

/** A page of a customer's transactions, and the key the next page starts after when there may be more. */
export interface TransactionPage {
  items: TransactionRecord[];
  next?: PageKey;
}
