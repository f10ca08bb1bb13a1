// DynamoDB adapter for the consent ledger (`sms-consent`): per subject (`customer#<id>`,
// `phone#<e164>`) a CURRENT item and append-only LOG#<id> entries, written together in one
// transaction. A consent change also keeps the customer's `smsConsent` flag in step.
import {
  BatchGetCommand,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import type { AuditEntry } from '#shared/audit/audit.js';
import type { ConsentState, PhoneOptOut } from './consent.js';

export const customerSubject = (customerId: string) => `customer#${customerId}`;
export const phoneSubject = (phone: string) => `phone#${phone}`;

export interface LedgerEntry {
  subject: string;
  entry: string;
  kind: 'consent' | 'opt_out' | 'opt_in';
  [field: string]: unknown;
}

export interface ConsentStore {
  consentOf(customerId: string): Promise<ConsentState | undefined>;
  phoneOf(phone: string): Promise<PhoneOptOut | undefined>;
  /** Both reads for many customers at once (the dispatcher's batch). */
  standings(
    customers: { customerId: string; phone?: string }[],
  ): Promise<{ consents: Map<string, ConsentState>; phones: Map<string, PhoneOptOut> }>;
  history(customerId: string, phone: string | undefined, limit: number): Promise<LedgerEntry[]>;
  /** Records a consent change (and the customer's flag, and the phone's opt-in when granted). */
  recordConsent(
    state: ConsentState,
    entryId: string,
    audit: AuditEntry,
    phoneOptIn?: PhoneOptOut,
  ): Promise<void>;
  /** Records a phone's opt-out; the same entry id again changes nothing (inbound replays). */
  recordOptOut(optOut: PhoneOptOut, entryId: string): Promise<'recorded' | 'duplicate'>;
}

export const dynamoConsentStore = (client: DynamoDBDocumentClient = dynamoDocumentClient()): ConsentStore => {
  const table = tableName('sms-consent');
  const current = async <T>(subject: string) =>
    (await client.send(new GetCommand({ TableName: table, Key: { subject, entry: 'CURRENT' } }))).Item as
      T | undefined;
  return {
    consentOf: (customerId) => current<ConsentState>(customerSubject(customerId)),
    phoneOf: (phone) => current<PhoneOptOut>(phoneSubject(phone)),
    async standings(customers) {
      const keys = new Map<string, { subject: string; entry: string }>();
      for (const c of customers) {
        keys.set(customerSubject(c.customerId), { subject: customerSubject(c.customerId), entry: 'CURRENT' });
        if (c.phone) keys.set(phoneSubject(c.phone), { subject: phoneSubject(c.phone), entry: 'CURRENT' });
      }
      const consents = new Map<string, ConsentState>();
      const phones = new Map<string, PhoneOptOut>();
      const all = [...keys.values()];
      for (let i = 0; i < all.length; i += 100) {
        let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = {
          [table]: { Keys: all.slice(i, i + 100) },
        };
        while (request && Object.keys(request).length > 0) {
          const result = await client.send(new BatchGetCommand({ RequestItems: request }));
          for (const item of result.Responses?.[table] ?? []) {
            const subject = String(item.subject);
            if (subject.startsWith('customer#')) consents.set(String(item.customerId), item as ConsentState);
            else phones.set(String(item.phone), item as PhoneOptOut);
          }
          request = result.UnprocessedKeys as typeof request;
        }
      }
      return { consents, phones };
    },
    async history(customerId, phone, limit) {
      const subjects = [customerSubject(customerId), ...(phone ? [phoneSubject(phone)] : [])];
      const entries: LedgerEntry[] = [];
      for (const subject of subjects) {
        const page = await client.send(
          new QueryCommand({
            TableName: table,
            KeyConditionExpression: 'subject = :s AND begins_with(entry, :log)',
            ExpressionAttributeValues: { ':s': subject, ':log': 'LOG#' },
            ScanIndexForward: false,
            Limit: limit,
          }),
        );
        entries.push(...((page.Items ?? []) as LedgerEntry[]));
      }
      return entries.sort((a, b) => String(b.at).localeCompare(String(a.at))).slice(0, limit);
    },
    async recordConsent(state, entryId, audit, phoneOptIn) {
      const subject = customerSubject(state.customerId);
      const items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']> = [
        { Put: { TableName: table, Item: { subject, entry: 'CURRENT', ...state } } },
        {
          Put: {
            TableName: table,
            Item: { subject, entry: `LOG#${entryId}`, kind: 'consent', ...state },
            ConditionExpression: 'attribute_not_exists(entry)',
          },
        },
        {
          Update: {
            TableName: tableName('customers'),
            Key: { customerId: state.customerId },
            UpdateExpression: 'SET smsConsent = :c, updatedAt = :at ADD version :one',
            ConditionExpression: 'attribute_exists(customerId)',
            ExpressionAttributeValues: { ':c': state.consent === 'granted', ':at': state.at, ':one': 1 },
          },
        },
        {
          Put: {
            TableName: tableName('audit'),
            Item: audit,
            ConditionExpression: 'attribute_not_exists(auditId)',
          },
        },
      ];
      if (phoneOptIn) {
        const ps = phoneSubject(phoneOptIn.phone);
        items.push(
          { Put: { TableName: table, Item: { subject: ps, entry: 'CURRENT', ...phoneOptIn } } },
          {
            Put: {
              TableName: table,
              Item: { subject: ps, entry: `LOG#${entryId}`, kind: 'opt_in', ...phoneOptIn },
            },
          },
        );
      }
      await client.send(new TransactWriteCommand({ TransactItems: items }));
    },
    async recordOptOut(optOut, entryId) {
      const subject = phoneSubject(optOut.phone);
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: table,
                  Item: { subject, entry: `LOG#${entryId}`, kind: 'opt_out', ...optOut },
                  ConditionExpression: 'attribute_not_exists(entry)',
                },
              },
              { Put: { TableName: table, Item: { subject, entry: 'CURRENT', ...optOut } } },
            ],
          }),
        );
        return 'recorded';
      } catch (error) {
        if (
          error instanceof TransactionCanceledException &&
          error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
        )
          return 'duplicate';
        throw error;
      }
    },
  };
};
