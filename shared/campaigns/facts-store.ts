// DynamoDB adapter for the audience's facts, read from the tables of the capabilities that own them:
// last activity (customer-activity), last contact (customer-log), AUM (tier-state, via the tiering
// store), holdings (aum-counters, via the tiering store), products held (performance-ledger's
// byCustomer index, via the ledger store) and open alerts (the alerts' byCustomer / byBranch
// indexes). Every read is per customer of a page already narrowed by the customer's own fields, at
// most READS_AT_ONCE at a time; stores are built on first use, so a function is granted only the
// tables its audiences can need.
import {
  BatchGetCommand,
  QueryCommand,
  ScanCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { businessDateOf } from '#shared/adapters/clock.js';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import { decodeCursor, type PageKey } from '#shared/http/pagination.js';
import { type AssetClass, ASSET_CLASSES } from '#shared/transactions/transaction.js';
import type { AudienceFacts, CustomerAum } from './ports.js';
import { dynamoLedgerStore } from '#shared/performance/dynamo-ledger.js';
import type { LedgerStore } from '#shared/performance/ports.js';
import { dynamoCounterStore } from '#shared/tiering/dynamo-counters.js';
import { dynamoTierStore } from '#shared/tiering/dynamo-tiers.js';
import type { CounterStore, TierStore } from '#shared/tiering/ports.js';
import { latestBalances } from '#shared/tiering/aum.js';
import { productIdsHeld } from '#shared/performance/products-held.js';
import type { LedgerEntry } from '#shared/performance/entry.js';

const READS_AT_ONCE = 16;

/** Runs `read` for each id, a few at a time; keeps the defined answers. */
const perCustomer = async <T>(
  ids: string[],
  read: (id: string) => Promise<T | undefined>,
): Promise<Map<string, T>> => {
  const found = new Map<string, T>();
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++]!;
      const value = await read(id);
      if (value !== undefined) found.set(id, value);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READS_AT_ONCE, ids.length) }, worker));
  return found;
};

const lazy = <T>(make: () => T) => {
  let made: T | undefined;
  return () => (made ??= make());
};

export const dynamoAudienceFacts = (
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
): AudienceFacts => {
  const tiers = lazy<TierStore>(() => dynamoTierStore(client));
  const counters = lazy<CounterStore>(() => dynamoCounterStore(client));
  const ledger = lazy<LedgerStore>(() => dynamoLedgerStore(client));

  /** Pages of a query until `done` says it has what it needs. */
  const queryUntil = async (
    input: ConstructorParameters<typeof QueryCommand>[0],
    done: (items: Record<string, unknown>[]) => boolean,
  ) => {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await client.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
      if (done(page.Items ?? [])) return;
      start = page.LastEvaluatedKey;
    } while (start);
  };

  return {
    async lastActivity(customerIds) {
      const table = tableName('customer-activity');
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

    lastContact: (customerIds) =>
      perCustomer(customerIds, async (customerId) => {
        // the customer log is `<at>#<id>` in time order: the newest contact is the first one met
        let at: string | undefined;
        await queryUntil(
          {
            TableName: tableName('customer-log'),
            KeyConditionExpression: 'customerId = :c',
            FilterExpression: '#kind = :contact',
            ExpressionAttributeNames: { '#kind': 'kind', '#at': 'at' },
            ExpressionAttributeValues: { ':c': customerId, ':contact': 'contact' },
            ProjectionExpression: 'customerId, entryId, #at',
            ScanIndexForward: false,
            Limit: 50,
          },
          (items) => {
            const first = items[0];
            if (first) at = String(first.at ?? String(first.entryId).split('#')[0]);
            return at !== undefined;
          },
        );
        return at ? businessDateOf(new Date(at)) : undefined;
      }),

    async aum(customerIds, today) {
      const states = await tiers().getStates(customerIds);
      const month = today.slice(0, 7);
      const found = new Map<string, CustomerAum>();
      for (const [customerId, state] of states) {
        const outlook = state.outlook;
        if (!outlook) continue;
        // no AUM change since an earlier month: this month's average is the balance kept since
        found.set(customerId, {
          avgAumFen: outlook.month === month ? outlook.avgAumFen : outlook.balanceFen,
          balanceFen: outlook.balanceFen,
        });
      }
      return found;
    },

    holdings: (customerIds) =>
      perCustomer(customerIds, async (customerId) => {
        const months = await counters().read(customerId);
        if (!months.length) return undefined;
        // tiering's balance by asset class, every change counted (one dated later included), for
        // the classes the customer has counters of
        const balances = latestBalances(months);
        const counted = new Set(months.flatMap((m) => Object.keys(m.classes)));
        return Object.fromEntries(
          ASSET_CLASSES.filter((c) => counted.has(c)).map((c) => [c, Number(balances[c])]),
        ) as Partial<Record<AssetClass, number>>;
      }),

    products: (customerIds) =>
      perCustomer(customerIds, async (customerId) => {
        const entries: LedgerEntry[] = [];
        let cursor: PageKey | undefined;
        do {
          const page = await ledger().entriesOfCustomer(customerId, 200, cursor);
          entries.push(...page.items);
          cursor = page.nextCursor ? decodeCursor(page.nextCursor) : undefined;
        } while (cursor);
        return productIdsHeld(entries);
      }),

    async openAlerts(customerIds) {
      const open = await perCustomer(customerIds, async (customerId) => {
        let found = false;
        await queryUntil(
          {
            TableName: tableName('alerts'),
            IndexName: 'byCustomer',
            KeyConditionExpression: 'customerId = :c',
            FilterExpression: '#s <> :closed',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':c': customerId, ':closed': 'closed' },
            ProjectionExpression: 'customerId',
            ScanIndexForward: false,
          },
          (items) => (found = items.length > 0),
        );
        return found ? true : undefined;
      });
      return new Set(open.keys());
    },

    async *customersWithOpenAlerts(orgPath) {
      // a branch subtree is one key range of the byBranch index; the head office has no such range
      const segments = orgPath.split('/').filter(Boolean);
      let start: Record<string, unknown> | undefined;
      do {
        const common = {
          TableName: tableName('alerts'),
          ExpressionAttributeNames: { '#s': 'status' },
          ProjectionExpression: 'customerId',
          ExclusiveStartKey: start,
          Limit: 500,
        };
        const page =
          segments.length >= 2
            ? await client.send(
                new QueryCommand({
                  ...common,
                  IndexName: 'byBranch',
                  KeyConditionExpression: 'branchId = :b AND begins_with(scopeKey, :p)',
                  FilterExpression: '#s <> :closed',
                  ExpressionAttributeValues: { ':b': segments[1], ':p': orgPath, ':closed': 'closed' },
                }),
              )
            : await client.send(
                new ScanCommand({
                  ...common,
                  FilterExpression: '#s <> :closed AND begins_with(orgPath, :p)',
                  ExpressionAttributeValues: { ':p': orgPath, ':closed': 'closed' },
                }),
              );
        yield (page.Items ?? []).map((item) => String(item.customerId));
        start = page.LastEvaluatedKey;
      } while (start);
    },
  };
};
