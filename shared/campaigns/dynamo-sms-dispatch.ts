// DynamoDB adapter for the sms-dispatch table: the dispatch's shared counters, each one item by
// key: a customer's recent sends (FREQ#), the pacer's slot log (PACER#), a month's spend (BUDGET#),
// a provider limit's count in its window (LIMIT#, keyed by a hash: no phone number in a key).
import { createHash } from 'node:crypto';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import type { RecentSends } from './compliance-gate.js';
import type { PacerState } from './pacer.js';
import type { DispatchCounters } from './ports.js';

/** The customer's recent sends (the claim and the release write it in their transactions). */
export const frequencyKey = (customerId: string) => ({ key: `FREQ#${customerId}` });
/** The month's spend (the claim and the release write it in their transactions). */
export const budgetKey = (month: string) => ({ key: `BUDGET#${month}` });

/** What a provider limit counts in one window (the claim and the release write it in their transactions). */
export const limitKey = (counted: string) => ({
  key: `LIMIT#${createHash('sha256').update(counted).digest('base64url')}`,
});

export const dynamoDispatchCounters = (
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
): DispatchCounters => {
  const dispatch = () => tableName('sms-dispatch');
  return {
    async sendsOf(customerId) {
      const { Item } = await client.send(
        new GetCommand({ TableName: dispatch(), Key: frequencyKey(customerId), ConsistentRead: true }),
      );
      return { version: Number(Item?.version ?? 0), sends: (Item?.sends as RecentSends | undefined) ?? {} };
    },
    async pacer(key) {
      const { Item } = await client.send(
        new GetCommand({ TableName: dispatch(), Key: { key: `PACER#${key}` }, ConsistentRead: true }),
      );
      return { version: Number(Item?.version ?? 0), state: Item?.state as PacerState | undefined };
    },
    async savePacer(key, state, expectedVersion) {
      try {
        await client.send(
          new PutCommand({
            TableName: dispatch(),
            Item: { key: `PACER#${key}`, state, version: expectedVersion + 1 },
            ConditionExpression: 'attribute_not_exists(version) OR version = :v',
            ExpressionAttributeValues: { ':v': expectedVersion },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
    async spent(month) {
      const { Item } = await client.send(new GetCommand({ TableName: dispatch(), Key: budgetKey(month) }));
      return Number(Item?.spentFen ?? 0);
    },
  };
};
