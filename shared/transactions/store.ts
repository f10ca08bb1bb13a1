// DynamoDB adapter for transactions: a batch is written in one TransactWriteItems, each item only if
// its transactionId is new. What already exists comes back so the caller can tell a retry (same
// content) from a reused id (different content).
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import type { TransactionRecord } from './transaction.js';

export type BatchWriteOutcome =
  | { kind: 'written' }
  /** Nothing was written: these positions exist already (with what is stored there). */
  | { kind: 'exists'; existing: Map<number, Partial<TransactionRecord>> };

export interface TransactionStore {
  putAllNew(records: TransactionRecord[]): Promise<BatchWriteOutcome>;
}

export const dynamoTransactionStore = (
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
): TransactionStore => {
  const table = tableName('transactions');
  return {
    async putAllNew(records) {
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: records.map((item) => ({
              Put: {
                TableName: table,
                Item: item,
                ConditionExpression: 'attribute_not_exists(transactionId)',
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            })),
          }),
        );
        return { kind: 'written' };
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const reasons = error.CancellationReasons ?? [];
        const existing = new Map<number, Partial<TransactionRecord>>();
        reasons.forEach((reason, i) => {
          if (reason.Code === 'ConditionalCheckFailed') {
            existing.set(i, reason.Item ? (unmarshall(reason.Item) as Partial<TransactionRecord>) : {});
          }
        });
        if (existing.size === 0) throw error; // a conflict or throttling: let the caller retry
        return { kind: 'exists', existing };
      }
    },
  };
};
