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
import { encodeCursor, type PageKey } from '#shared/http/pagination.js';
import type { Tier } from '#shared/customers/customer.js';
import type { Month } from './calendar.js';
import { recordRead, recordWrite } from './capacity.js';
import { batchGetAll, batchWriteAll } from '#shared/adapters/batch.js';
import { transactWrite, type TableNames, type TransactItems } from './dynamo-transact.js';
import type {
  MonthCloseRecord,
  TierChangeRecord,
  StandingBrief,
  TierStateRecord,
  TierStore,
} from './ports.js';

const STATE_KEY = 'STATE';
const closeKey = (month: Month) => `CLOSE#${month}`;

/** A tier standing as stored: the state with its sort key. */
export type StoredTierState = TierStateRecord & { key: typeof STATE_KEY };

const stateItem = (state: TierStateRecord): StoredTierState => ({ ...state, key: STATE_KEY });
const stateOf = (item: Record<string, unknown>): TierStateRecord => {
  const { key: _key, ...state } = item;
  return state as unknown as TierStateRecord;
};

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
      return out.Item && stateOf(out.Item);
    },

    async getStates(customerIds) {
      const keys = customerIds.map((customerId) => ({ customerId, key: STATE_KEY }));
      const items = await batchGetAll(client, stateTable(), keys, {
        consistentRead: true,
        onConsumed: recordRead,
      });
      return new Map(items.map((item) => [String(item.customerId), stateOf(item)]));
    },

    async standings(customerIds) {
      const keys = customerIds.map((customerId) => ({ customerId, key: STATE_KEY }));
      const items = await batchGetAll(client, stateTable(), keys, {
        projection: 'customerId, tier, outlook',
      });
      return new Map(items.map((item) => [String(item.customerId), item as unknown as StandingBrief]));
    },

    async balances(customerIds) {
      const out = new Map<string, number>();
      const keys = customerIds.map((customerId) => ({ customerId, key: STATE_KEY }));
      const items = await batchGetAll(client, stateTable(), keys, { projection: 'customerId, outlook' });
      for (const item of items) {
        const balance = (item.outlook as { balanceFen?: unknown } | undefined)?.balanceFen;
        if (typeof balance === 'number') out.set(String(item.customerId), balance);
      }
      return out;
    },

    async putCloses(records) {
      await batchWriteAll(
        client,
        stateTable(),
        records.map((record) => ({ PutRequest: { Item: { ...record, key: closeKey(record.month) } } })),
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
              Item: stateItem(state),
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
        { Put: { TableName: stateTable(), Item: stateItem(state), ...stateCondition(expectedVersion) } },
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
      return (out.Items ?? []).map(({ key: _key, ...close }) => close as MonthCloseRecord);
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
