// DynamoDB adapter for the campaign-messages table: the send records, moved from state to state with
// conditional writes. The claim and the release, which also write the dispatch counters, are in
// dynamo-message-claims.ts.
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import { queryAll, queryPages } from '#shared/adapters/query-all.js';
import { encodeCursor, type PageKey } from '#shared/http/pagination.js';
import type { CampaignMessage, MessageStatus } from './message.js';
import type { CampaignMessageStore } from './ports.js';
import { dynamoMessageClaims } from './dynamo-message-claims.js';
import { setExpression } from './dynamo-set-expression.js';

const conditionFailed = (error: unknown) => error instanceof ConditionalCheckFailedException;

export const dynamoCampaignMessageStore = (
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
): CampaignMessageStore => {
  const messages = () => tableName('campaign-messages');

  const settle = async (
    campaignId: string,
    customerId: string,
    set: Partial<CampaignMessage> & { status: MessageStatus },
    condition: string,
    conditionValues: Record<string, unknown>,
  ) => {
    const queue =
      set.status === 'queued' ? campaignId : set.status === 'sending' ? `sending#${campaignId}` : undefined;
    const { expression, names, values } = setExpression(
      { ...set, queue },
      queue === undefined ? ['queue', 'attemptId'] : set.status === 'queued' ? ['attemptId'] : [],
    );
    try {
      await client.send(
        new UpdateCommand({
          TableName: messages(),
          Key: { campaignId, customerId },
          UpdateExpression: expression,
          ConditionExpression: condition,
          ExpressionAttributeNames: { ...names, '#status': 'status' },
          ExpressionAttributeValues: { ...values, ...conditionValues },
        }),
      );
      return true;
    } catch (error) {
      if (conditionFailed(error)) return false;
      throw error;
    }
  };

  return {
    async addMessage(message) {
      try {
        await client.send(
          new PutCommand({
            TableName: messages(),
            Item: message,
            ConditionExpression: 'attribute_not_exists(customerId)',
          }),
        );
        return true;
      } catch (error) {
        if (conditionFailed(error)) return false;
        throw error;
      }
    },
    async getMessage(campaignId, customerId) {
      const { Item } = await client.send(
        new GetCommand({ TableName: messages(), Key: { campaignId, customerId }, ConsistentRead: true }),
      );
      return Item as CampaignMessage | undefined;
    },
    async messages(campaignId, status, limit, cursor) {
      const page = await client.send(
        new QueryCommand({
          TableName: messages(),
          KeyConditionExpression: 'campaignId = :c',
          ...(status ? { FilterExpression: '#s = :s', ExpressionAttributeNames: { '#s': 'status' } } : {}),
          ExpressionAttributeValues: { ':c': campaignId, ...(status ? { ':s': status } : {}) },
          ExclusiveStartKey: cursor,
          Limit: limit,
        }),
      );
      return {
        items: (page.Items ?? []) as CampaignMessage[],
        ...(page.LastEvaluatedKey ? { nextCursor: encodeCursor(page.LastEvaluatedKey as PageKey) } : {}),
      };
    },
    async queue(campaignId, which, limit, after) {
      const page = await client.send(
        new QueryCommand({
          TableName: messages(),
          IndexName: 'byQueue',
          KeyConditionExpression: after === undefined ? '#q = :q' : '#q = :q AND customerId > :after',
          ExpressionAttributeNames: { '#q': 'queue' },
          ExpressionAttributeValues: {
            ':q': which === 'queued' ? campaignId : `sending#${campaignId}`,
            ...(after === undefined ? {} : { ':after': after }),
          },
          Limit: limit,
        }),
      );
      return (page.Items ?? []) as CampaignMessage[];
    },
    settleQueued: (campaignId, customerId, set) =>
      settle(campaignId, customerId, set, '#status = :was', { ':was': 'queued' }),
    settleClaimed: (campaignId, customerId, attemptId, set) =>
      settle(campaignId, customerId, set, '#status = :was AND attemptId = :attempt', {
        ':was': 'sending',
        ':attempt': attemptId,
      }),
    ...dynamoMessageClaims(client),
    settleSent: (campaignId, customerId, providerMessageId, set) =>
      settle(campaignId, customerId, set, '#status = :was AND providerMessageId = :pm', {
        ':was': 'sent',
        ':pm': providerMessageId,
      }),
    async byProviderMessage(providerMessageId) {
      const page = await client.send(
        new QueryCommand({
          TableName: messages(),
          IndexName: 'byProviderMessage',
          KeyConditionExpression: 'providerMessageId = :pm',
          ExpressionAttributeValues: { ':pm': providerMessageId },
          Limit: 1,
        }),
      );
      const found = page.Items?.[0] as CampaignMessage | undefined;
      // the index is eventually consistent: read the record itself
      if (!found) return undefined;
      const { Item } = await client.send(
        new GetCommand({
          TableName: messages(),
          Key: { campaignId: found.campaignId, customerId: found.customerId },
          ConsistentRead: true,
        }),
      );
      return Item as CampaignMessage | undefined;
    },
    sentTo: (customerId, from, to) =>
      queryAll<CampaignMessage>(client, {
        TableName: messages(),
        IndexName: 'byCustomer',
        KeyConditionExpression: 'customerId = :c AND sentAt BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':c': customerId, ':from': from, ':to': to },
        ScanIndexForward: false,
      }),
    async markConverted(campaignId, customerId, registrationId) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: messages(),
            Key: { campaignId, customerId },
            UpdateExpression: 'ADD conversions :ids',
            ConditionExpression:
              '#status IN (:sent, :delivered) AND NOT contains(reversedRegistrations, :id)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':ids': new Set([registrationId]),
              ':id': registrationId,
              ':sent': 'sent',
              ':delivered': 'delivered',
            },
          }),
        );
        return true;
      } catch (error) {
        if (conditionFailed(error)) return false;
        throw error;
      }
    },
    async markReversed(campaignId, customerId, registrationId) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: messages(),
            Key: { campaignId, customerId },
            UpdateExpression: 'DELETE conversions :ids ADD reversedRegistrations :ids',
            ConditionExpression: 'attribute_exists(customerId)',
            ExpressionAttributeValues: { ':ids': new Set([registrationId]) },
          }),
        );
        return true;
      } catch (error) {
        if (conditionFailed(error)) return false;
        throw error;
      }
    },
    async counts(campaignId) {
      const counts: Record<string, number> = {};
      // a campaign's partition can be its whole audience: counted page by page, never held at once
      const pages = queryPages(client, {
        TableName: messages(),
        KeyConditionExpression: 'campaignId = :c',
        ExpressionAttributeValues: { ':c': campaignId },
        ProjectionExpression: '#s, reason, sentAt, conversions',
        ExpressionAttributeNames: { '#s': 'status' },
      });
      for await (const page of pages) {
        for (const item of page) {
          counts[String(item.status)] = (counts[String(item.status)] ?? 0) + 1;
          if (item.reason)
            counts[`reason:${String(item.reason)}`] = (counts[`reason:${String(item.reason)}`] ?? 0) + 1;
          if (item.sentAt) counts.sentEver = (counts.sentEver ?? 0) + 1;
          // an empty set is no attribute at all in DynamoDB
          if (item.conversions) counts.converted = (counts.converted ?? 0) + 1;
        }
      }
      return counts;
    },
  };
};
