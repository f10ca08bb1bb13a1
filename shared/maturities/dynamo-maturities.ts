// DynamoDB adapter for maturities (table `maturities`: customerId + registrationId; byManager index
// managerId + dueKey). A reversal leaves a tombstone off the index, so a registration delivered after
// its reversal does not come back.
import { PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import { dueKeyOf, type MaturityRecord } from './maturity.js';
import type { MaturityStore } from './ports.js';

export const dynamoMaturityStore = (
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
): MaturityStore => {
  const table = () => tableName('maturities');
  return {
    async add(record) {
      try {
        await client.send(
          new PutCommand({
            TableName: table(),
            Item: record,
            ConditionExpression: 'attribute_not_exists(customerId) OR attribute_not_exists(reversed)',
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    },
    async reverse(customerId, registrationId) {
      await client.send(
        new UpdateCommand({
          TableName: table(),
          Key: { customerId, registrationId },
          UpdateExpression: 'SET reversed = :t REMOVE managerId, dueKey',
          ExpressionAttributeValues: { ':t': true },
        }),
      );
    },
    async due(managerId, fromDate, toDate, limit) {
      const page = await client.send(
        new QueryCommand({
          TableName: table(),
          IndexName: 'byManager',
          KeyConditionExpression: 'managerId = :m AND dueKey BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':m': managerId, ':from': `${fromDate}#`, ':to': `${toDate}#~` },
          Limit: limit,
        }),
      );
      return (page.Items ?? []) as MaturityRecord[];
    },
    async ofCustomer(customerId) {
      const page = await client.send(
        new QueryCommand({
          TableName: table(),
          KeyConditionExpression: 'customerId = :c',
          FilterExpression: 'attribute_not_exists(reversed)',
          ExpressionAttributeValues: { ':c': customerId },
        }),
      );
      return (page.Items ?? []) as MaturityRecord[];
    },
    async reassign(record, managerId) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: table(),
            Key: { customerId: record.customerId, registrationId: record.registrationId },
            UpdateExpression: 'SET managerId = :m, dueKey = :k',
            ConditionExpression: 'attribute_exists(customerId) AND attribute_not_exists(reversed)',
            ExpressionAttributeValues: {
              ':m': managerId,
              ':k': dueKeyOf(record.maturityDate, record.customerId, record.registrationId),
            },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    },
  };
};
