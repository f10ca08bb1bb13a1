// DynamoDB adapter for transactions: a batch is written in one TransactWriteItems, each item only if
// its transactionId is new. What already exists comes back so the caller can tell a retry (same
// content) from a reused id (different content). A race lost to a concurrent batch is tried again.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { customerNewestFirst, queryPage } from '#shared/adapters/query-all.js';
import { transactWrite } from '#shared/adapters/transact.js';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import type { TransactionRecord } from './transaction.js';
import type { TransactionStore } from './ports.js';

export const dynamoTransactionStore = (
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
): TransactionStore => {
  const table = () => tableName('transactions');
  return {
    async putAllNew(records) {
      const outcome = await transactWrite(
        client,
        records.map((item) => ({
          Put: {
            TableName: table(),
            Item: item,
            ConditionExpression: 'attribute_not_exists(transactionId)',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        })),
      );
      if (outcome.ok) return { kind: 'written' };
      const existing = new Map<number, Partial<TransactionRecord>>();
      for (const [i, item] of outcome.failed) existing.set(i, (item ?? {}) as Partial<TransactionRecord>);
      return { kind: 'exists', existing };
    },
    ofCustomer: (customerId, limit, start) =>
      queryPage<TransactionRecord>(client, customerNewestFirst(table(), customerId), limit, start),
  };
};
