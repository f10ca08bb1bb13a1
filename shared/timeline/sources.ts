// The timeline's sources, each a read of one customer newest first through the port of the table's
// owner: the customer's own log (contacts, transfers; the customer log port, `list`), tier changes
// (the tier port, `history`), transactions (the transaction port, `ofCustomer`), alerts with their
// outcomes (monitoring's alert port, `history`; a service SMS rides on its alert), performance
// registrations and reversals (the ledger port, `entriesOfCustomer`) and SMS consent and opt-outs
// (the consent log port, `logOfCustomer`). Campaign SMS join once campaign messages are indexed per
// customer.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { decodeCursor, type PageKey } from '#shared/http/pagination.js';
import { dynamoConsentLog } from '#shared/consent/dynamo-consent-ledger.js';
import type { ConsentLog } from '#shared/consent/ports.js';
import { dynamoLedgerStore } from '#shared/performance/dynamo-ledger.js';
import type { LedgerStore } from '#shared/performance/ports.js';
import { dynamoTransactionStore } from '#shared/transactions/dynamo-transactions.js';
import type { TransactionStore } from '#shared/transactions/ports.js';
import { dynamoAlertStore } from '#shared/monitoring/dynamo-alerts.js';
import type { AlertStore } from '#shared/monitoring/ports.js';
import type { CustomerLogStore, LogEntry } from './customer-log.js';
import { dynamoCustomerLogStore } from './dynamo-customer-log.js';
import { dynamoTierStore } from '#shared/tiering/dynamo-tiers.js';
import type { TierStore } from '#shared/tiering/ports.js';
import type { SourcePage, TimelineSource } from './merge.js';
import type { TimelineKind } from './kinds.js';

export interface TimelineEvent {
  at: string;
  kind: TimelineKind;
  id: string;
  /** the source's item, as the event's detail */
  detail: Record<string, unknown>;
  /** the source's key: where a page continues */
  key: PageKey;
}

const source = (
  name: string,
  fetch: (limit: number, start?: PageKey) => Promise<SourcePage<Record<string, unknown>>>,
  toEvent: (item: Record<string, unknown>) => TimelineEvent,
): TimelineSource<TimelineEvent> => ({
  name,
  fetch: async (limit, start) => {
    const page = await fetch(limit, start);
    return { ...page, items: page.items.map(toEvent) };
  },
  keyOf: (event) => event.key,
});

const pick = (item: Record<string, unknown>, fields: readonly string[]) =>
  Object.fromEntries(fields.filter((f) => item[f] !== undefined).map((f) => [f, item[f]]));

const without = (item: Record<string, unknown>, ...fields: string[]) =>
  Object.fromEntries(Object.entries(item).filter(([k]) => !fields.includes(k)));

const ALERT_DETAIL = [
  'ruleId',
  'ruleName',
  'title',
  'severity',
  'status',
  'managerId',
  'dueAt',
  'amountAtRiskFen',
  'acknowledgedAt',
  'escalatedAt',
  'closedAt',
  'outcome',
  'note',
  'retainedFen',
  'sms',
] as const;

export const dynamoTimelineSources = (
  customerId: string,
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
  alerts: Pick<AlertStore, 'history'> = dynamoAlertStore(client),
  transactions: Pick<TransactionStore, 'ofCustomer'> = dynamoTransactionStore(client),
  ledger: Pick<LedgerStore, 'entriesOfCustomer'> = dynamoLedgerStore(client),
  consent: ConsentLog = dynamoConsentLog(client),
  log: Pick<CustomerLogStore, 'list'> = dynamoCustomerLogStore(client),
  tiers: Pick<TierStore, 'history'> = dynamoTierStore(client),
): TimelineSource<TimelineEvent>[] => [
  source(
    'log',
    async (limit, start) => {
      const page = await log.list(customerId, limit, start);
      return {
        items: page.items as unknown as Record<string, unknown>[],
        ...(page.lastKey ? { next: page.lastKey } : {}),
      };
    },
    (item) => {
      const entry = item as unknown as LogEntry;
      return {
        at: entry.at,
        kind: entry.kind,
        id: entry.kind === 'contact' ? entry.contactId : entry.allocationId,
        detail: without(item, 'customerId', 'entryId', 'kind', 'at'),
        key: { customerId, entryId: entry.entryId },
      };
    },
  ),
  source(
    'tier',
    async (limit, start) => {
      const page = await tiers.history(customerId, limit, start);
      // the port hands its key back as a cursor; the timeline keeps the key itself
      const next = page.nextCursor ? decodeCursor(page.nextCursor) : undefined;
      return { items: page.items as unknown as Record<string, unknown>[], ...(next ? { next } : {}) };
    },
    (item) => ({
      at: String(item.at),
      kind: 'tier_change',
      id: String(item.changeId),
      detail: without(item, 'customerId', 'changeId', 'at', 'orgPath'),
      key: { customerId, changeId: String(item.changeId) },
    }),
  ),
  source(
    'txn',
    async (limit, start) => {
      const page = await transactions.ofCustomer(customerId, limit, start);
      return { ...page, items: page.items as unknown as Record<string, unknown>[] };
    },
    (item) => ({
      at: String(item.bookedAt),
      kind: 'transaction',
      id: String(item.transactionId),
      detail: without(item, 'customerId', 'transactionId', 'bookedAt', 'bookedKey', 'receivedAt'),
      key: { customerId, transactionId: String(item.transactionId), bookedKey: String(item.bookedKey) },
    }),
  ),
  {
    name: 'alert',
    fetch: async (limit, start) => {
      const page = await alerts.history(customerId, limit, start);
      return {
        items: page.items.map(({ value, key }) => {
          const item = value as unknown as Record<string, unknown>;
          return {
            at: String(item.raisedAt),
            kind: 'alert',
            id: String(item.alertId),
            detail: pick(item, ALERT_DETAIL),
            key,
          };
        }),
        ...(page.next ? { next: page.next } : {}),
      };
    },
    keyOf: (event) => event.key,
  },
  source(
    'perf',
    async (limit, start) => {
      const page = await ledger.entriesOfCustomer(customerId, limit, start);
      // the port hands its key back as a cursor; the timeline keeps the key itself
      const next = page.nextCursor ? decodeCursor(page.nextCursor) : undefined;
      return { items: page.items as unknown as Record<string, unknown>[], ...(next ? { next } : {}) };
    },
    (item) => ({
      // customerKey is `<instant>#<entryId>`: the instant the timeline orders by
      at: String(item.customerKey).split('#')[0]!,
      kind: 'performance',
      id: String(item.entryId),
      detail: pick(item, [
        'kind',
        'registrationId',
        'channel',
        'productId',
        'productName',
        'category',
        'amountFen',
        'points',
        'campaignId',
        'reason',
        'businessDate',
        'recordedBy',
      ]),
      key: { entryId: String(item.entryId), customerId, customerKey: String(item.customerKey) },
    }),
  ),
  source(
    'sms',
    async (limit, start) => {
      const page = await consent.logOfCustomer(customerId, limit, start);
      return { ...page, items: page.items as Record<string, unknown>[] };
    },
    (item) => ({
      at: String(item.at ?? item.updatedAt ?? ''),
      kind: 'sms_consent',
      id: String(item.entry).slice('LOG#'.length),
      detail: without(item, 'subject', 'entry', 'at'),
      key: { subject: String(item.subject), entry: String(item.entry) },
    }),
  ),
];
