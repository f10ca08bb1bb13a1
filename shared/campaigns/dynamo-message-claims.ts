// The send record's claim and release (发送占用), on DynamoDB: one transaction each that also writes
// the dispatch counters (the customer's frequency slot, the month's spend, the provider limits'
// counts); the claim also takes the last look at the campaign and the consent ledger. A cancelled
// claim is read by item name.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { tableName } from '#shared/adapters/tables.js';
import { transactWrite, type TransactItems } from '#shared/adapters/transact.js';
import { consentStillGranted, phoneStillReachable } from '#shared/consent/dynamo-consent-ledger.js';
import type { CampaignMessageStore, ClaimOutcome } from './ports.js';
import type { LimitCharge } from './provider-limits.js';
import { campaignStillRunning } from './dynamo-campaigns.js';
import { budgetKey, frequencyKey, limitKey } from './dynamo-sms-dispatch.js';
import { setExpression } from './dynamo-set-expression.js';

type TransactItem = TransactItems[number];

/** The claim's items, by name: a cancelled claim is read by which of them failed. */
const CLAIM_ITEMS = ['message', 'frequency', 'budget', 'campaign', 'consent', 'phone'] as const;
type ClaimItem = (typeof CLAIM_ITEMS)[number] | `limit:${number}`;

/**
 * Runs the named items as one transaction; those whose condition failed, if any, by name (with the
 * item as it was, where the item asked for it).
 */
const transactNamed = async <N extends string>(
  client: DynamoDBDocumentClient,
  names: readonly N[],
  items: Record<N, TransactItem>,
): Promise<Map<N, Record<string, unknown> | undefined> | undefined> => {
  const outcome = await transactWrite(
    client,
    names.map((name) => items[name]),
  );
  return outcome.ok
    ? undefined
    : new Map(names.flatMap((name, i) => (outcome.failed.has(i) ? [[name, outcome.failed.get(i)]] : [])));
};

const DAY_S = 86_400;
/** Kept a day past its window (for the table's TTL on `expiresAt`). */
const expiresAt = (charge: LimitCharge) =>
  Math.ceil((charge.window.kind === 'day' ? charge.window.endsAt : charge.at + charge.window.ms) / 1000) +
  DAY_S;

/**
 * One provider limit's count, taken only while under its max: a day's counter (ADD), or a rolling
 * window of one send: the last send's instant, older than the window (the item comes back if not).
 */
const chargeItem = (table: string, charge: LimitCharge): TransactItem =>
  charge.window.kind === 'day'
    ? {
        Update: {
          TableName: table,
          Key: limitKey(charge.counted),
          UpdateExpression: 'ADD sent :one SET expiresAt = :exp',
          ConditionExpression: 'attribute_not_exists(sent) OR sent < :max',
          ExpressionAttributeValues: { ':one': 1, ':max': charge.max, ':exp': expiresAt(charge) },
        },
      }
    : {
        Update: {
          TableName: table,
          Key: limitKey(charge.counted),
          UpdateExpression: 'SET lastAt = :at, expiresAt = :exp',
          ConditionExpression: 'attribute_not_exists(lastAt) OR lastAt <= :before',
          ExpressionAttributeValues: {
            ':at': charge.at,
            ':before': charge.at - charge.window.ms,
            ':exp': expiresAt(charge),
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      };

/** A day's count given back (the message surely did not go out); a rolling mark is left to lapse. */
const giveBackItem = (table: string, charge: LimitCharge): TransactItem[] =>
  charge.window.kind === 'day'
    ? [
        {
          Update: {
            TableName: table,
            Key: limitKey(charge.counted),
            UpdateExpression: 'ADD sent :minus',
            ExpressionAttributeValues: { ':minus': -1 },
          },
        },
      ]
    : [];

export const dynamoMessageClaims = (
  client: DynamoDBDocumentClient,
): Pick<CampaignMessageStore, 'claim' | 'release'> => {
  const messages = () => tableName('campaign-messages');
  const dispatch = () => tableName('sms-dispatch');
  return {
    async claim({ message, attemptId, at, frequency, budget, guards, limits = [] }): Promise<ClaimOutcome> {
      const charges = Object.fromEntries(
        limits.map((charge, i) => [`limit:${i}`, chargeItem(dispatch(), charge)]),
      ) as Record<`limit:${number}`, TransactItem>;
      const names: ClaimItem[] = [...CLAIM_ITEMS, ...limits.map((_, i) => `limit:${i}` as const)];
      const failed = await transactNamed<ClaimItem>(client, names, {
        ...charges,
        message: {
          Update: {
            TableName: messages(),
            Key: { campaignId: message.campaignId, customerId: message.customerId },
            UpdateExpression:
              // a deferral's reason goes: only a queued message waiting for a limit has one
              'SET #status = :sending, attemptId = :a, claimedAt = :at, updatedAt = :at, #q = :q ADD attempts :one REMOVE reason',
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
      const refused = limits.flatMap((_, index) => {
        const name = `limit:${index}` as const;
        if (!failed.has(name)) return [];
        const lastAt = failed.get(name)?.lastAt;
        return [{ index, ...(typeof lastAt === 'number' ? { lastAt } : {}) }];
      });
      if (refused.length > 0) return { kind: 'provider_limit', refused };
      return 'budget_exhausted';
    },
    async release({ campaignId, customerId, attemptId, month, costFen, set, limits = [] }) {
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
          ...limits.flatMap((charge) => giveBackItem(dispatch(), charge)),
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
