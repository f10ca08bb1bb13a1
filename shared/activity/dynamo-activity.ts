// A customer's last activity (最近交易), kept from the transactions stream. The write is an
// idempotent, order-tolerant maximum: it only moves forward, so replays and reordering change nothing.
import { BatchGetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import type { ActivityStore } from './ports.js';

export const dynamoActivityStore = (
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
  now: () => Date = () => new Date(),
): ActivityStore => {
  const table = tableName('customer-activity');
  return {
    async recordActivity(txn) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: table,
            Key: { customerId: txn.customerId },
            UpdateExpression:
              'SET lastActivityKey = :key, lastActivityAt = :at, lastTransactionId = :id, lastBusinessDate = :day, lastChannel = :channel, recordedAt = :recorded',
            ConditionExpression: 'attribute_not_exists(lastActivityKey) OR lastActivityKey < :key',
            ExpressionAttributeValues: {
              ':key': txn.bookedKey,
              ':at': txn.bookedAt,
              ':id': txn.transactionId,
              ':day': txn.businessDate,
              ':channel': txn.channel,
              // when the stream delivered it: the lag from booking to here is an ops figure
              ':recorded': now().toISOString(),
            },
          }),
        );
        return 'recorded';
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return 'older';
        throw error;
      }
    },
    async lastBusinessDates(customerIds) {
      const found = new Map<string, string>();
      for (let i = 0; i < customerIds.length; i += 100) {
        let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = {
          [table]: { Keys: customerIds.slice(i, i + 100).map((customerId) => ({ customerId })) },
        };
        while (request && Object.keys(request).length) {
          const result = await client.send(new BatchGetCommand({ RequestItems: request }));
          for (const item of result.Responses?.[table] ?? []) {
            if (typeof item.lastBusinessDate === 'string')
              found.set(String(item.customerId), item.lastBusinessDate);
          }
          request = result.UnprocessedKeys as typeof request;
        }
      }
      return found;
    },
  };
};
