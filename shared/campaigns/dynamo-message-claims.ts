// The send record's claim and release (发送占用), on DynamoDB: one transaction each that also writes
// the dispatch counters (the customer's frequency slot, the month's spend); the claim also takes the
// last look at the campaign and the consent ledger. A cancelled claim is read by item name.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { tableName } from '#shared/adapters/tables.js';
import { transactWrite, type TransactItems } from '#shared/adapters/transact.js';
import { consentStillGranted, phoneStillReachable } from '#shared/consent/dynamo-consent-ledger.js';
import type { CampaignMessageStore } from './ports.js';
import { campaignStillRunning } from './dynamo-campaigns.js';
import { budgetKey, frequencyKey } from './dynamo-sms-dispatch.js';
import { setExpression } from './dynamo-set-expression.js';

type TransactItem = TransactItems[number];

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

export const dynamoMessageClaims = (
  client: DynamoDBDocumentClient,
): Pick<CampaignMessageStore, 'claim' | 'release'> => {
  const messages = () => tableName('campaign-messages');
  const dispatch = () => tableName('sms-dispatch');
  return {
    async claim({ message, attemptId, at, frequency, budget, guards }) {
      const failed = await transactNamed<ClaimItem>(client, CLAIM_ITEMS, {
        message: {
          Update: {
            TableName: messages(),
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
            TableName: dispatch(),
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
            TableName: dispatch(),
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
        consent: consentStillGranted(message.customerId, guards.consentVersion),
        phone: phoneStillReachable(guards.phone, guards.phoneVersion),
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
              TableName: messages(),
              Key: { campaignId, customerId },
              UpdateExpression: expression,
              ConditionExpression: '#status = :was AND attemptId = :attempt',
              ExpressionAttributeNames: { ...names, '#status': 'status' },
              ExpressionAttributeValues: { ...values, ':was': 'sending', ':attempt': attemptId },
            },
          },
          {
            Update: {
              TableName: dispatch(),
              Key: frequencyKey(customerId),
              UpdateExpression: 'REMOVE sends.#c ADD version :one',
              ExpressionAttributeNames: { '#c': campaignId },
              ExpressionAttributeValues: { ':one': 1 },
            },
          },
          {
            Update: {
              TableName: dispatch(),
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
  };
};
