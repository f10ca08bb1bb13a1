// DynamoDB sources of the customer 360, one customer each: tiering's read (tier-state Get, AUM
// counters Query, policy Query, cached), the performance ledger's entries of the customer (its store's
// entriesOfCustomer, every page, turned oldest first: performance/products-held.ts makes them the
// products held), the RM's staff Get, the consent ledger's CURRENT Gets (customer and phone), the
// data-quality Get. A part whose table is not configured or not there answers null; any other error
// fails the read.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableConfigured } from '#shared/adapters/tables.js';
import type { Clock } from '#shared/clock.js';
import { dynamoConsentStore } from '#shared/consent/dynamo-consent-ledger.js';
import { dynamoDataQualityStore } from '#shared/data-quality/dynamo-data-quality.js';
import { dynamoStaffStore } from '#shared/staff/dynamo-staff.js';
import { readCustomerAum } from '#shared/tiering/read.js';
import { dynamoCounterStore } from '#shared/tiering/dynamo-counters.js';
import { dynamoTierStore } from '#shared/tiering/dynamo-tiers.js';
import { cachedPolicyStore } from '#shared/tiering/policy-cache.js';
import { dynamoPolicyStore } from '#shared/tiering/dynamo-policy.js';
import { decodeCursor, type PageKey } from '#shared/http/pagination.js';
import { dynamoLedgerStore } from '#shared/performance/dynamo-ledger.js';
import type { HeldLine } from '#shared/performance/products-held.js';
import { knownCustomer, type Customer360Sources } from './read.js';
import type { CustomerStore } from './ports.js';

/** Runs `read` when its tables are configured; null when one is not, or is not there. */
const part = async <T>(tables: readonly string[], read: () => Promise<T>): Promise<T | null> => {
  if (!tables.every(tableConfigured)) return null;
  try {
    return await read();
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return null;
    throw error;
  }
};

/** Ledger entries per read of a customer's entries. */
const LEDGER_PAGE = 500;

/** Built on first use, so a store whose table is not configured is never constructed. */
const lazy = <T>(make: () => T) => {
  let made: T | undefined;
  return () => (made ??= make());
};

export const dynamoCustomer360Sources = (
  customers: CustomerStore,
  clock: Clock,
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
): Customer360Sources => {
  const tiering = lazy(() => ({
    counters: dynamoCounterStore(client),
    tiers: dynamoTierStore(client),
    policies: cachedPolicyStore(dynamoPolicyStore(client)),
  }));
  const staff = lazy(() => dynamoStaffStore(client));
  const consent = lazy(() => dynamoConsentStore(client));
  const quality = lazy(() => dynamoDataQualityStore(client));
  const ledger = lazy(() => dynamoLedgerStore(client));

  return {
    tiering: (customer, ctx) =>
      part(['tier-state', 'aum-counters', 'tier-policy'], async () => {
        const { counters, tiers, policies } = tiering();
        // tiering's own read, told the customer already read; it has nothing when neither table does
        let counted = false;
        const aum = await readCustomerAum(
          {
            customers: knownCustomer(customers, customer),
            tiers: {
              ...tiers,
              getState: async (id) => {
                const state = await tiers.getState(id);
                counted ||= state !== undefined;
                return state;
              },
            },
            counters: {
              ...counters,
              read: async (id) => {
                const months = await counters.read(id);
                counted ||= months.length > 0;
                return months;
              },
            },
            policies,
            clock,
          },
          ctx,
          customer.customerId,
          0,
        );
        return counted ? aum : undefined;
      }),

    ledger: (customerId) =>
      part(['performance-ledger'], async () => {
        const lines: HeldLine[] = [];
        let cursor: PageKey | undefined;
        do {
          const page = await ledger().entriesOfCustomer(customerId, LEDGER_PAGE, cursor);
          lines.push(...page.items);
          cursor = page.nextCursor ? decodeCursor(page.nextCursor) : undefined;
        } while (cursor);
        // the port reads newest first; products-held takes a product's name from its first line: oldest first
        return lines.reverse();
      }),

    staff: (staffId) =>
      part(['staff'], async () => {
        const found = await staff().get(staffId);
        return found && { staffId: found.staffId, name: found.name };
      }),

    consent: (customer) =>
      part(['sms-consent'], async () => {
        const [ledger, phone] = await Promise.all([
          consent().consentOf(customer.customerId),
          customer.phone ? consent().phoneOf(customer.phone) : Promise.resolve(undefined),
        ]);
        return { ledger, phone };
      }),

    dataQuality: (customerId) => part(['data-quality'], () => quality().get(customerId)),
  };
};
