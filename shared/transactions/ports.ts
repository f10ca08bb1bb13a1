// What recording transactions is given: the transactions table, written a batch at a time. The
// DynamoDB adapter is dynamo-transactions.ts.
import type { TransactionRecord } from './transaction.js';

export type BatchWriteOutcome =
  | { kind: 'written' }
  /** Nothing was written: these positions exist already (with what is stored there). */
  | { kind: 'exists'; existing: Map<number, Partial<TransactionRecord>> };

export interface TransactionStore {
  putAllNew(records: TransactionRecord[]): Promise<BatchWriteOutcome>;
}
