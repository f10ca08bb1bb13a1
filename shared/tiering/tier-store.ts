// DynamoDB adapter for a customer's tier standing (table `tier-state`: STATE and CLOSE#<month> items)
// and tier changes (table `tier-changes`, streamed, so other capabilities react to every move).
// A decision is committed on the version read: alone, a conditional put; with tier changes, one
// TransactWriteItems of the state, the changes (each written once) and customers.tier set with
// `ADD version`, so that a PATCH that read the customer before fails with 409 instead of writing the
// old tier back. Month-close records are written before the state that says their month is closed.
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
import { encodeCursor, type Page, type PageKey } from '#shared/http/pagination.js';
import type { Tier } from '#shared/customers/customer.js';
import type { Month } from './calendar.js';
import type { TierChangeReason, TierOutlook } from './policy.js';
import { recordRead, recordWrite } from './capacity.js';
import { batchGetAll, batchWriteAll } from '#shared/adapters/batch.js';
import { transactWrite, type TableNames, type TransactItems } from './transact.js';

export const STATE_KEY = 'STATE';
export const closeKey = (month: Month) => `CLOSE#${month}`;

export interface TierStateRecord {
  customerId: string;
  key: typeof STATE_KEY;
  tier: Tier;
  /** Optimistic concurrency: every decision writes on the version it read. */
  version: number;
  firstClosed?: Month;
  closedThrough?: Month;
  /** Where the customer stands this month, as of their latest AUM change. */
  outlook?: TierOutlook;
  updatedAt: string;
}

export interface MonthCloseRecord {
  customerId: string;
  key: string;
  month: Month;
  policyVersion: number;
  avgAumFen: number;
  qualifies: Tier;
  tierBefore: Tier;
  tierAfter: Tier;
  belowMonths: number;
  reason?: TierChangeReason;
  closedAt: string;
}

export type TierChangeTrigger =
  | { kind: 'transaction'; transactionId: string; businessDate: string }
  | { kind: 'balance_snapshot'; assetClass: string; businessDate: string }
  | { kind: 'month_close'; month: Month };

/** A tier change (客户升降级): old, new, the average and threshold that decided it, the policy and the rule. */
export interface TierChangeRecord {
  customerId: string;
  /** `<state version>.<n>`: sorts in decision order, and a retried decision lands on the same id. */
  changeId: string;
  at: string;
  businessDate: string;
  fromTier: Tier;
  toTier: Tier;
  direction: 'upgrade' | 'downgrade';
  reason: TierChangeReason;
  month: Month;
  avgAumFen: number;
  thresholdFen: number;
  policyVersion: number;
  explanation: string;
  trigger: TierChangeTrigger;
  /** The owner when it happened, for whoever reacts (an alert to the RM, a welcome SMS). */
  managerId?: string;
  orgId?: string;
  orgPath?: string;
}

export interface TierCommit {
  state: TierStateRecord;
  /** The version read; absent: there must be no state yet. */
  expectedVersion?: number;
  changes?: TierChangeRecord[];
  /** Sets customers.tier, on a customer that exists. */
  customerTier?: { customerId: string; tier: Tier; at: string };
}

export interface TierStore {
  getState(customerId: string): Promise<TierStateRecord | undefined>;
  /** The states of these customers that exist (consistent reads, batched). */
  getStates(customerIds: string[]): Promise<Map<string, TierStateRecord>>;
  /** `conflict`: something changed since it was read (the state, or the customer is gone); nothing written. */
  commit(commit: TierCommit): Promise<'committed' | 'conflict'>;
  /** Month-close records, written (over) as they are: before the state that says their month is closed. */
  putCloses(records: MonthCloseRecord[]): Promise<void>;
  history(customerId: string, limit: number, cursor?: PageKey): Promise<Page<TierChangeRecord>>;
  closes(customerId: string, limit: number): Promise<MonthCloseRecord[]>;
  /** Repairs customers.tier when it differs from the standing (a customer created after its first AUM). */
  syncCustomerTier(customerId: string, tier: Tier, at: string): Promise<void>;
}

export const changeId = (version: number, index: number) => `${String(version).padStart(10, '0')}.${index}`;

const customerTierUpdate = (tier: Tier, at: string) => ({
  UpdateExpression: 'SET tier = :tier, tierChangedAt = :at ADD version :one',
  ExpressionAttributeValues: { ':tier': tier, ':at': at, ':one': 1 },
});

export const dynamoTierStore = (
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
  names: TableNames = tableName,
): TierStore => {
  // resolved on use: a reader is granted only the tables it reads
  const stateTable = () => names('tier-state');
  const changesTable = () => names('tier-changes');
  const customersTable = () => names('customers');
  const stateCondition = (expectedVersion: number | undefined) =>
    expectedVersion === undefined
      ? { ConditionExpression: 'attribute_not_exists(customerId)' }
      : {
          ConditionExpression: 'version = :version',
          ExpressionAttributeValues: { ':version': expectedVersion },
        };

  return {
    async getState(customerId) {
      const out = await client.send(
        new GetCommand({
          TableName: stateTable(),
          Key: { customerId, key: STATE_KEY },
          ConsistentRead: true,
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      recordRead(out.ConsumedCapacity);
      return out.Item as TierStateRecord | undefined;
    },

    async getStates(customerIds) {
      const keys = customerIds.map((customerId) => ({ customerId, key: STATE_KEY }));
      const items = await batchGetAll(client, stateTable(), keys, {
        consistentRead: true,
        onConsumed: recordRead,
      });
      return new Map(items.map((item) => [String(item.customerId), item as unknown as TierStateRecord]));
    },

    async putCloses(records) {
      await batchWriteAll(
        client,
        stateTable(),
        records.map((item) => ({ PutRequest: { Item: { ...item } } })),
        { onConsumed: recordWrite },
      );
    },

    async commit({ state, expectedVersion, changes = [], customerTier }) {
      if (changes.length === 0 && !customerTier) {
        // the common case (an outlook refreshed, a month closed with no change): one conditional put
        try {
          const out = await client.send(
            new PutCommand({
              TableName: stateTable(),
              Item: state,
              ...stateCondition(expectedVersion),
              ReturnConsumedCapacity: 'TOTAL',
            }),
          );
          recordWrite(out.ConsumedCapacity);
          return 'committed';
        } catch (error) {
          if (error instanceof ConditionalCheckFailedException) return 'conflict';
          throw error;
        }
      }
      const items: TransactItems = [
        { Put: { TableName: stateTable(), Item: state, ...stateCondition(expectedVersion) } },
        ...changes.map((item) => ({
          Put: {
            TableName: changesTable(),
            Item: item,
            ConditionExpression: 'attribute_not_exists(changeId)',
          },
        })),
        ...(customerTier
          ? [
              {
                Update: {
                  TableName: customersTable(),
                  Key: { customerId: customerTier.customerId },
                  ConditionExpression: 'attribute_exists(customerId)',
                  ...customerTierUpdate(customerTier.tier, customerTier.at),
                },
              },
            ]
          : []),
      ];
      const outcome = await transactWrite(client, items);
      return outcome.ok ? 'committed' : 'conflict';
    },

    async history(customerId, limit, cursor) {
      const out = await client.send(
        new QueryCommand({
          TableName: changesTable(),
          KeyConditionExpression: 'customerId = :c',
          ExpressionAttributeValues: { ':c': customerId },
          ScanIndexForward: false,
          Limit: limit,
          ExclusiveStartKey: cursor,
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      recordRead(out.ConsumedCapacity);
      return {
        items: (out.Items ?? []) as TierChangeRecord[],
        ...(out.LastEvaluatedKey ? { nextCursor: encodeCursor(out.LastEvaluatedKey as PageKey) } : {}),
      };
    },

    async closes(customerId, limit) {
      const out = await client.send(
        new QueryCommand({
          TableName: stateTable(),
          KeyConditionExpression: 'customerId = :c AND begins_with(#key, :prefix)',
          ExpressionAttributeNames: { '#key': 'key' },
          ExpressionAttributeValues: { ':c': customerId, ':prefix': 'CLOSE#' },
          ScanIndexForward: false,
          Limit: limit,
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      recordRead(out.ConsumedCapacity);
      return (out.Items ?? []) as MonthCloseRecord[];
    },

    async syncCustomerTier(customerId, tier, at) {
      try {
        const out = await client.send(
          new UpdateCommand({
            TableName: customersTable(),
            Key: { customerId },
            ConditionExpression: 'attribute_exists(customerId) AND tier <> :tier',
            ...customerTierUpdate(tier, at),
            ReturnConsumedCapacity: 'TOTAL',
          }),
        );
        recordWrite(out.ConsumedCapacity);
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    },
  };
};
