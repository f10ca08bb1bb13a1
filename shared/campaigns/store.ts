// DynamoDB adapter for campaigns, their send records and the dispatch's shared counters
// (per-customer frequency, the pacer's slot log, the monthly spend).
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import { createOrReplace } from '#shared/adapters/audited-write.js';
import { transactWrite } from '#shared/adapters/transact.js';
import { customerSubject, phoneSubject } from '#shared/consent/subjects.js';
import type { AuditEntry } from '#shared/audit/audit.js';
import { encodeCursor, type Page, type PageKey } from '#shared/http/pagination.js';
import type { Campaign, CampaignStatus } from './campaign.js';
import type { CampaignMessage, MessageStatus } from './message.js';
import type { RecentSends } from './compliance-gate.js';
import type { PacerState } from './pacer.js';

export interface Claim {
  message: CampaignMessage;
  attemptId: string;
  at: string;
  /** The customer's sends as read (version), and with this one added. */
  frequency: { version: number; sends: RecentSends };
  budget: { month: string; costFen: number; limitFen: number };
  /**
   * The last look before the Publish: the claim holds only if the campaign is still running and the
   * customer's consent and their number's CURRENT ledger items are at the versions the gate judged
   * (undefined: the item had no version), so a refusal, a pause or a cancel that landed since is
   * never sent to.
   */
  guards: { phone: string; consentVersion: number | undefined; phoneVersion: number | undefined };
}

export type ClaimOutcome =
  | 'claimed'
  | 'taken'
  | 'frequency_race'
  | 'budget_exhausted'
  /** paused or cancelled since the page was read */
  | 'campaign_stopped'
  /** a refusal (or any change) of the customer's consent or number since the gate read them */
  | 'consent_changed';

/** A ConditionCheck that the item's version is the one read (or that it has none, as read). */
const unchanged = (version: number | undefined, also: string, values: Record<string, unknown>) => ({
  ConditionExpression: `${version === undefined ? 'attribute_not_exists(version)' : 'version = :version'} AND ${also}`,
  ExpressionAttributeValues: { ...values, ...(version === undefined ? {} : { ':version': version }) },
});

export interface Release {
  campaignId: string;
  customerId: string;
  attemptId: string;
  month: string;
  costFen: number;
  /** The message's next state. */
  set: Partial<CampaignMessage> & { status: MessageStatus };
}

export interface CampaignStore {
  get(campaignId: string): Promise<Campaign | undefined>;
  /** Creates (no expected version) or replaces the version read, with its audit entry. */
  put(campaign: Campaign, audit: AuditEntry, expectedVersion?: number): Promise<boolean>;
  byStatus(status: CampaignStatus): Promise<Campaign[]>;
  /** Campaigns whose scope lies in this subtree, of one status when given. */
  listInScope(
    orgPath: string,
    limit: number,
    cursor?: PageKey,
    status?: CampaignStatus,
  ): Promise<Page<Campaign>>;

  /** Creates a send record unless one exists (a frozen audience is never rewritten). */
  addMessage(message: CampaignMessage): Promise<boolean>;
  getMessage(campaignId: string, customerId: string): Promise<CampaignMessage | undefined>;
  messages(
    campaignId: string,
    status: MessageStatus | undefined,
    limit: number,
    cursor?: PageKey,
  ): Promise<Page<CampaignMessage>>;
  /** Send records waiting (`queued`) or claimed (`sending`), from the sparse queue index. */
  /** In customer-id order; `after`: only customer ids after it (the next page). */
  queue(
    campaignId: string,
    which: 'queued' | 'sending',
    limit: number,
    after?: string,
  ): Promise<CampaignMessage[]>;
  /** Moves a queued message on (suppressed, or later); false when it was not queued any more. */
  settleQueued(
    campaignId: string,
    customerId: string,
    set: Partial<CampaignMessage> & { status: MessageStatus },
  ): Promise<boolean>;
  claim(claim: Claim): Promise<ClaimOutcome>;
  /** After the provider answered: only the attempt that claimed may settle it. */
  settleClaimed(
    campaignId: string,
    customerId: string,
    attemptId: string,
    set: Partial<CampaignMessage> & { status: MessageStatus },
  ): Promise<boolean>;
  /** The message did not go out: settle it and give back its frequency slot and its spend. */
  release(release: Release): Promise<boolean>;
  /** Only the attempt that sent it, once: the delivery receipt's outcome (delivered, or failed with the reason). */
  settleSent(
    campaignId: string,
    customerId: string,
    providerMessageId: string,
    set: Partial<CampaignMessage> & { status: MessageStatus },
  ): Promise<boolean>;
  /** The send record a provider's message id belongs to (the sparse byProviderMessage index). */
  byProviderMessage(providerMessageId: string): Promise<CampaignMessage | undefined>;
  /** Messages sent to a customer from `from` to `to` (sentAt, inclusive), newest first. */
  sentTo(customerId: string, from: string, to: string): Promise<CampaignMessage[]>;
  /**
   * Adds the registration to the message's conversions, if the message reached the customer and the
   * registration is not reversed; false when not. A set ADD: again is a no-op.
   */
  markConverted(campaignId: string, customerId: string, registrationId: string): Promise<boolean>;
  /** Takes the registration out of the conversions and bars it for good; false when there is no message. */
  markReversed(campaignId: string, customerId: string, registrationId: string): Promise<boolean>;
  /** Counts per status (`<status>`), per reason (`reason:<r>`), and `sentEver` / `converted`. */
  counts(campaignId: string): Promise<Record<string, number>>;

  sendsOf(customerId: string): Promise<{ version: number; sends: RecentSends }>;
  pacer(key: string): Promise<{ version: number; state: PacerState | undefined }>;
  savePacer(key: string, state: PacerState, expectedVersion: number): Promise<boolean>;
  spent(month: string): Promise<number>;
}

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

export const dynamoCampaignStore = (
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
): CampaignStore => {
  const campaigns = tableName('campaigns');
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
    async get(campaignId) {
      const { Item } = await client.send(
        new GetCommand({ TableName: campaigns, Key: { campaignId }, ConsistentRead: true }),
      );
      return Item as Campaign | undefined;
    },
    put: (campaign, audit, expectedVersion) =>
      createOrReplace(
        client,
        campaigns,
        'campaignId',
        campaign as unknown as Record<string, unknown>,
        audit,
        expectedVersion === undefined ? undefined : { attribute: 'version', value: expectedVersion },
      ),
    async byStatus(status) {
      const items: Campaign[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: campaigns,
            IndexName: 'byStatus',
            KeyConditionExpression: '#s = :s',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':s': status },
            ExclusiveStartKey: start,
          }),
        );
        items.push(...((page.Items ?? []) as Campaign[]));
        start = page.LastEvaluatedKey;
      } while (start);
      return items;
    },
    async listInScope(orgPath, limit, cursor, status) {
      // Campaigns are few (hundreds a year): a filtered scan beats an index kept for it.
      const items: Campaign[] = [];
      let start: Record<string, unknown> | undefined = cursor;
      let last: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new ScanCommand({
            TableName: campaigns,
            FilterExpression: status
              ? 'begins_with(scopeOrgPath, :p) AND #status = :s'
              : 'begins_with(scopeOrgPath, :p)',
            ...(status ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
            ExpressionAttributeValues: { ':p': orgPath, ...(status ? { ':s': status } : {}) },
            ExclusiveStartKey: start,
            Limit: 200,
          }),
        );
        for (const item of (page.Items ?? []) as Campaign[]) {
          if (items.length < limit) {
            items.push(item);
            last = { campaignId: item.campaignId };
          }
        }
        start = page.LastEvaluatedKey;
      } while (start && items.length < limit);
      return {
        items,
        ...(start || items.length === limit ? { nextCursor: encodeCursor(last as PageKey) } : {}),
      };
    },

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
      const outcome = await transactWrite(client, [
        {
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
        {
          Update: {
            TableName: dispatch,
            Key: { key: `FREQ#${message.customerId}` },
            UpdateExpression: 'SET sends = :sends, version = :next',
            ConditionExpression: 'attribute_not_exists(version) OR version = :v',
            ExpressionAttributeValues: {
              ':sends': frequency.sends,
              ':next': frequency.version + 1,
              ':v': frequency.version,
            },
          },
        },
        {
          Update: {
            TableName: dispatch,
            Key: { key: `BUDGET#${budget.month}` },
            UpdateExpression: 'ADD spentFen :cost',
            ConditionExpression: 'attribute_not_exists(spentFen) OR spentFen <= :room',
            ExpressionAttributeValues: {
              ':cost': budget.costFen,
              ':room': budget.limitFen - budget.costFen,
            },
          },
        },
        // the last look: the campaign still sending, the consent and the number as the gate read them
        {
          ConditionCheck: {
            TableName: campaigns,
            Key: { campaignId: message.campaignId },
            ConditionExpression: '#status = :running',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':running': 'running' },
          },
        },
        {
          ConditionCheck: {
            TableName: consent,
            Key: { subject: customerSubject(message.customerId), entry: 'CURRENT' },
            ...unchanged(guards.consentVersion, 'consent = :granted', { ':granted': 'granted' }),
          },
        },
        {
          ConditionCheck: {
            TableName: consent,
            Key: { subject: phoneSubject(guards.phone), entry: 'CURRENT' },
            ...unchanged(guards.phoneVersion, '(attribute_not_exists(optedOut) OR optedOut = :no)', {
              ':no': false,
            }),
          },
        },
      ]);
      if (outcome.ok) return 'claimed';
      const failed = (i: number) => outcome.failed.has(i);
      if (failed(0)) return 'taken';
      if (failed(3)) return 'campaign_stopped';
      if (failed(4) || failed(5)) return 'consent_changed';
      if (failed(1)) return 'frequency_race';
      return 'budget_exhausted';
    },
    async release({ campaignId, customerId, attemptId, month, costFen, set }) {
      const queue = set.status === 'queued' ? campaignId : undefined;
      const { expression, names, values } = setExpression(
        { ...set, queue },
        queue === undefined ? ['queue', 'attemptId'] : ['attemptId'],
      );
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
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
                  Key: { key: `FREQ#${customerId}` },
                  UpdateExpression: 'REMOVE sends.#c ADD version :one',
                  ExpressionAttributeNames: { '#c': campaignId },
                  ExpressionAttributeValues: { ':one': 1 },
                },
              },
              {
                Update: {
                  TableName: dispatch,
                  Key: { key: `BUDGET#${month}` },
                  UpdateExpression: 'ADD spentFen :refund',
                  ExpressionAttributeValues: { ':refund': -costFen },
                },
              },
            ],
          }),
        );
        return true;
      } catch (error) {
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

    async sendsOf(customerId) {
      const { Item } = await client.send(
        new GetCommand({ TableName: dispatch, Key: { key: `FREQ#${customerId}` }, ConsistentRead: true }),
      );
      return { version: Number(Item?.version ?? 0), sends: (Item?.sends as RecentSends | undefined) ?? {} };
    },
    async pacer(key) {
      const { Item } = await client.send(
        new GetCommand({ TableName: dispatch, Key: { key: `PACER#${key}` }, ConsistentRead: true }),
      );
      return { version: Number(Item?.version ?? 0), state: Item?.state as PacerState | undefined };
    },
    async savePacer(key, state, expectedVersion) {
      try {
        await client.send(
          new PutCommand({
            TableName: dispatch,
            Item: { key: `PACER#${key}`, state, version: expectedVersion + 1 },
            ConditionExpression: 'attribute_not_exists(version) OR version = :v',
            ExpressionAttributeValues: { ':v': expectedVersion },
          }),
        );
        return true;
      } catch (error) {
        if (conditionFailed(error)) return false;
        throw error;
      }
    },
    async spent(month) {
      const { Item } = await client.send(
        new GetCommand({ TableName: dispatch, Key: { key: `BUDGET#${month}` } }),
      );
      return Number(Item?.spentFen ?? 0);
    },
  };
};
