// What the last-activity consumer and its readers (campaign audiences) are given: the store of each
// customer's last activity (DynamoDB adapter in dynamo-activity.ts).
import type { TransactionRecord } from '#shared/transactions/transaction.js';

export interface ActivityStore {
  /** Records the transaction as last activity unless a later one is recorded already. */
  recordActivity(txn: TransactionRecord): Promise<'recorded' | 'older'>;
  /** The business date of each customer's last activity, for those that have one. */
  lastBusinessDates(customerIds: string[]): Promise<Map<string, string>>;
}
