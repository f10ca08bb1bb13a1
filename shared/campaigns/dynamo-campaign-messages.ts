// DynamoDB adapter for the campaign-messages table: the send records, moved from state to state with
// conditional writes. The claim and the release are the one transaction that also writes the
// dispatch counters (keys from dynamo-sms-dispatch.ts) and checks the campaign and the consent ledger.
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import { transactWrite, type TransactItems } from '#shared/adapters/transact.js';
import { encodeCursor, type PageKey, type Page } from '#shared/http/pagination.js';
import { createOrReplace } from '#shared/adapters/audited-write.js';
import { customerSubject, phoneSubject } from '#shared/consent/subjects.js';
import type { AuditEntry } from '#shared/audit/audit.js';
import type { Campaign, CampaignStatus } from './campaign.js';
import type { CampaignMessage, MessageStatus } from './message.js';
import type { CampaignMessageStore } from './ports.js';
import { campaignStillRunning } from './dynamo-campaigns.js';
import { budgetKey, frequencyKey } from './dynamo-sms-dispatch.js';

type TransactItem = TransactItems[number];

/** A ConditionCheck that the item's version is the one read (or that it has none, as read). */
const unchanged = (version: number | undefined, also: string, values: Record<string, unknown>) => ({
  ConditionExpression: `${version === undefined ? 'attribute_not_exists(version)' : 'version = :version'} AND ${also}`,
  ExpressionAttributeValues: { ...values, ...(version === undefined ? {} : { ':version': version }) },
});

/** The claim's items, by name: a cancelled claim is read by which of them failed. */
const CLAIM_ITEMS = ['message', 'frequency', 'budget', 'campaign', 'consent', 'phone'] as const;
type ClaimItem = (typeof CLAIM_ITEMS)[number];

/** Runs the named items as one transaction; the names of those whose condition failed, if any. */
const transactNamed = async <N extends string>(
  client: DynamoDBDocumentClient,
  names: readonly N[],
  items: Record<N, TransactItem>,
): Promise<Set<N> | undefined> => {
  const outcome = await transactWrite(
    client,
    names.map((name) => items[name]),
  );
  return outcome.ok ? undefined : new Set(names.filter((_, i) => outcome.failed.has(i)));
};

const conditionFailed = (error: unknown) => error instanceof ConditionalCheckFailedException;

const setExpression = (fields: Record<string, unknown>, remove: string[] = []) => {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets: string[] = [];
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    names[`#${k}`] = k;
    values[`:${k}`] = v;
    sets.push(`#${k} = :${k}`);
  }
  for (const k of remove) names[`#${k}`] = k;
  const expression =
    (sets.length ? `SET ${sets.join(', ')}` : '') +
    (remove.length ? ` REMOVE ${remove.map((k) => `#${k}`).join(', ')}` : '');
  return { expression, names, values };
};

export const dynamoCampaignMessageStore = (
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
): CampaignMessageStore => {
  const messages = tableName('campaign-messages');
  const dispatch = tableName('sms-dispatch');
  const consent = tableName('sms-consent');

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
          TableName: messages,
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
            TableName: messages,
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
        new GetCommand({ TableName: messages, Key: { campaignId, customerId }, ConsistentRead: true }),
      );
      return Item as CampaignMessage | undefined;
    },
    async messages(campaignId, status, limit, cursor) {
      const page = await client.send(
        new QueryCommand({
          TableName: messages,
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
          TableName: messages,
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
    async claim({ message, attemptId, at, frequency, budget, guards }) {
      const failed = await transactNamed<ClaimItem>(client, CLAIM_ITEMS, {
        message: {
          Update: {
            TableName: messages,
            Key: { campaignId: message.campaignId, customerId: message.customerId },
            UpdateExpression:
              'SET #status = :sending, attemptId = :a, claimedAt = :at, updatedAt = :at, #q = :q ADD attempts :one',
            ConditionExpression: '#status = :queued',
            ExpressionAttributeNames: { '#status': 'status', '#q': 'queue' },
            ExpressionAttributeValues: {
              ':sending': 'sending',
              ':queued': 'queued',
              ':a': attemptId,
              ':at': at,
              ':q': `sending#${message.campaignId}`,
              ':one': 1,
            },
          },
        },
        frequency: {
          Update: {
            TableName: dispatch,
            Key: frequencyKey(message.customerId),
            UpdateExpression: 'SET sends = :sends, version = :next',
            ConditionExpression: 'attribute_not_exists(version) OR version = :v',
            ExpressionAttributeValues: {
              ':sends': frequency.sends,
              ':next': frequency.version + 1,
              ':v': frequency.version,
            },
          },
        },
        budget: {
          Update: {
            TableName: dispatch,
            Key: budgetKey(budget.month),
            UpdateExpression: 'ADD spentFen :cost',
            ConditionExpression: 'attribute_not_exists(spentFen) OR spentFen <= :room',
            ExpressionAttributeValues: {
              ':cost': budget.costFen,
              ':room': budget.limitFen - budget.costFen,
            },
          },
        },
        // the last look: the campaign still sending, the consent and the number as the gate read them
        campaign: campaignStillRunning(message.campaignId),
        consent: {
          ConditionCheck: {
            TableName: consent,
            Key: { subject: customerSubject(message.customerId), entry: 'CURRENT' },
            ...unchanged(guards.consentVersion, 'consent = :granted', { ':granted': 'granted' }),
          },
        },
        phone: {
          ConditionCheck: {
            TableName: consent,
            Key: { subject: phoneSubject(guards.phone), entry: 'CURRENT' },
            ...unchanged(guards.phoneVersion, '(attribute_not_exists(optedOut) OR optedOut = :no)', {
              ':no': false,
            }),
          },
        },
      });
      if (!failed) return 'claimed';
      if (failed.has('message')) return 'taken';
      if (failed.has('campaign')) return 'campaign_stopped';
      if (failed.has('consent') || failed.has('phone')) return 'consent_changed';
      if (failed.has('frequency')) return 'frequency_race';
      return 'budget_exhausted';
    },
    async release({ campaignId, customerId, attemptId, month, costFen, set }) {
      const queue = set.status === 'queued' ? campaignId : undefined;
      const { expression, names, values } = setExpression(
        { ...set, queue },
        queue === undefined ? ['queue', 'attemptId'] : ['attemptId'],
      );
      try {
        const outcome = await transactWrite(client, [
          {
            Update: {
              TableName: messages,
              Key: { campaignId, customerId },
              UpdateExpression: expression,
              ConditionExpression: '#status = :was AND attemptId = :attempt',
              ExpressionAttributeNames: { ...names, '#status': 'status' },
              ExpressionAttributeValues: { ...values, ':was': 'sending', ':attempt': attemptId },
            },
          },
          {
            Update: {
              TableName: dispatch,
              Key: frequencyKey(customerId),
              UpdateExpression: 'REMOVE sends.#c ADD version :one',
              ExpressionAttributeNames: { '#c': campaignId },
              ExpressionAttributeValues: { ':one': 1 },
            },
          },
          {
            Update: {
              TableName: dispatch,
              Key: budgetKey(month),
              UpdateExpression: 'ADD spentFen :refund',
              ExpressionAttributeValues: { ':refund': -costFen },
            },
          },
        ]);
        return outcome.ok;
      } catch (error) {
        // cancelled for another reason than a condition (a conflict that outlasted the retries)
        if (error instanceof TransactionCanceledException) return false;
        throw error;
      }
    },
    settleSent: (campaignId, customerId, providerMessageId, set) =>
      settle(campaignId, customerId, set, '#status = :was AND providerMessageId = :pm', {
        ':was': 'sent',
        ':pm': providerMessageId,
      }),
    async byProviderMessage(providerMessageId) {
      const page = await client.send(
        new QueryCommand({
          TableName: messages,
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
          TableName: messages,
          Key: { campaignId: found.campaignId, customerId: found.customerId },
          ConsistentRead: true,
        }),
      );
      return Item as CampaignMessage | undefined;
    },
    async sentTo(customerId, from, to) {
      const items: CampaignMessage[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: messages,
            IndexName: 'byCustomer',
            KeyConditionExpression: 'customerId = :c AND sentAt BETWEEN :from AND :to',
            ExpressionAttributeValues: { ':c': customerId, ':from': from, ':to': to },
            ScanIndexForward: false,
            ExclusiveStartKey: start,
          }),
        );
        items.push(...((page.Items ?? []) as CampaignMessage[]));
        start = page.LastEvaluatedKey;
      } while (start);
      return items;
    },
    async markConverted(campaignId, customerId, registrationId) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: messages,
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
            TableName: messages,
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
      let start: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: messages,
            KeyConditionExpression: 'campaignId = :c',
            ExpressionAttributeValues: { ':c': campaignId },
            ProjectionExpression: '#s, reason, sentAt, conversions',
            ExpressionAttributeNames: { '#s': 'status' },
            ExclusiveStartKey: start,
          }),
        );
        for (const item of page.Items ?? []) {
          counts[String(item.status)] = (counts[String(item.status)] ?? 0) + 1;
          if (item.reason)
            counts[`reason:${String(item.reason)}`] = (counts[`reason:${String(item.reason)}`] ?? 0) + 1;
          if (item.sentAt) counts.sentEver = (counts.sentEver ?? 0) + 1;
          // an empty set is no attribute at all in DynamoDB
          if (item.conversions) counts.converted = (counts.converted ?? 0) + 1;
        }
        start = page.LastEvaluatedKey;
      } while (start);
      return counts;
    },
  };
};
