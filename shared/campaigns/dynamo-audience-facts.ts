// DynamoDB adapter for the audience's facts, read through the stores of the capabilities that own
// them: last contact (the customer log), AUM and holdings (the tiering stores), products held (the
// ledger store), open alerts (the alert store), last activity (the activity store, one BatchGet per
// 100 customers). Every other read is per customer of a page already narrowed by the customer's own
// fields, at most READS_AT_ONCE at a time; stores are built on first use, so a function is granted only the
// tables its audiences can need.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { businessDateOf } from '#shared/clock.js';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
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
import { dynamoCustomerLogStore } from '#shared/timeline/dynamo-customer-log.js';
import type { CustomerLogStore } from '#shared/timeline/customer-log.js';
import { dynamoAlertStore } from '#shared/monitoring/dynamo-alerts.js';
import type { AlertStore } from '#shared/monitoring/ports.js';
import { dynamoActivityStore } from '#shared/activity/dynamo-activity.js';
import type { ActivityStore } from '#shared/activity/ports.js';

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
  const log = lazy<CustomerLogStore>(() => dynamoCustomerLogStore(client));
  const alerts = lazy<AlertStore>(() => dynamoAlertStore(client));
  const activity = lazy<ActivityStore>(() => dynamoActivityStore(client));

  return {
    lastActivity: (customerIds) => activity().lastBusinessDates(customerIds),

    lastContact: (customerIds) =>
      perCustomer(customerIds, async (customerId) => {
        // the customer log reads newest first: the newest contact is the first one met
        let cursor: PageKey | undefined;
        do {
          const page = await log().list(customerId, 50, cursor, 'contact');
          const first = page.items[0];
          if (first) return businessDateOf(new Date(first.at));
          cursor = page.lastKey;
        } while (cursor);
        return undefined;
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
      const open = await perCustomer(customerIds, async (customerId) =>
        (await alerts().hasOpen(customerId)) ? true : undefined,
      );
      return new Set(open.keys());
    },

    customersWithOpenAlerts: (orgPath) => alerts().customersWithOpen(orgPath),
  };
};
