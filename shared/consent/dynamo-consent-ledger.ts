// DynamoDB adapter for the consent ledger (`sms-consent`): per subject (`customer#<id>`,
// `phone#<e164>`) a CURRENT item with a version and append-only LOG#<id> entries, written together
// in one transaction, with the customer record's `smsConsent` projection (the item the customers
// adapter builds) and the audit entries.
// A grant is written only if the CURRENT versions it read are still there; a refusal always is (and
// bumps them, so a grant that read before it fails): a later opt-out wins over a concurrent grant.
import {
  BatchGetCommand,
  GetCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import { queryPage } from '#shared/adapters/query-all.js';
import { transactWrite, type TransactItems } from '#shared/adapters/transact.js';
import { auditPut } from '#shared/audit/dynamo-audit-log.js';
import type { ConsentState, PhoneOptOut } from './consent.js';
import type { ConsentLog, ConsentStore, LedgerEntry } from './ports.js';
import { customerSubject, phoneSubject } from './subjects.js';
import { customersHoldingPhone, smsConsentProjection } from '#shared/customers/dynamo-customers.js';

/** Customers per transaction: four items each, within the 100 a TransactWriteItems holds. */
const CUSTOMERS_PER_TRANSACTION = 20;

export const dynamoConsentStore = (client: DynamoDBDocumentClient = dynamoDocumentClient()): ConsentStore => {
  const table = () => tableName('sms-consent');
  const current = async <T>(subject: string) =>
    (
      await client.send(
        new GetCommand({ TableName: table(), Key: { subject, entry: 'CURRENT' }, ConsistentRead: true }),
      )
    ).Item as T | undefined;

  /** Writes a subject's CURRENT fields and bumps its version; conditional on the version read, if given. */
  const setCurrent = (
    subject: string,
    fields: object,
    expected?: { version: number | undefined },
  ): TransactItems[number] => {
    const entries = Object.entries(fields).filter(([k, v]) => v !== undefined && k !== 'version');
    const names = Object.fromEntries(entries.map(([k], i) => [`#f${i}`, k]));
    const values: Record<string, unknown> = Object.fromEntries(entries.map(([, v], i) => [`:f${i}`, v]));
    values[':one'] = 1;
    let condition: string | undefined;
    if (expected) {
      names['#version'] = 'version';
      if (expected.version === undefined) condition = 'attribute_not_exists(#version)';
      else {
        condition = '#version = :expected';
        values[':expected'] = expected.version;
      }
    }
    return {
      Update: {
        TableName: table(),
        Key: { subject, entry: 'CURRENT' },
        UpdateExpression: `SET ${entries.map((_, i) => `#f${i} = :f${i}`).join(', ')} ADD version :one`,
        ...(condition ? { ConditionExpression: condition } : {}),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  };
  const logEntry = (subject: string, entryId: string, kind: LedgerEntry['kind'], fields: object) => ({
    Put: {
      TableName: table(),
      Item: { ...fields, subject, entry: `LOG#${entryId}`, kind },
      ConditionExpression: 'attribute_not_exists(entry)',
    },
  });
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
        let request:
          Record<string, { Keys: Record<string, unknown>[]; ConsistentRead: boolean }> | undefined = {
          [table()]: { Keys: all.slice(i, i + 100), ConsistentRead: true },
        };
        while (request && Object.keys(request).length > 0) {
          const result = await client.send(new BatchGetCommand({ RequestItems: request }));
          for (const item of result.Responses?.[table()] ?? []) {
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
            TableName: table(),
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
    holdersOf: (phone) => customersHoldingPhone(client, phone),
    async grant({ customers, phone, entryId, audits }) {
      const items: TransactItems = [];
      for (const { state, expectedVersion } of customers) {
        const subject = customerSubject(state.customerId);
        items.push(
          setCurrent(subject, state, { version: expectedVersion }),
          logEntry(subject, entryId, 'consent', state),
          smsConsentProjection(state.customerId, true, state.at),
        );
      }
      if (phone) {
        const subject = phoneSubject(phone.phone);
        if (phone.optIn) {
          items.push(
            setCurrent(subject, phone.optIn, { version: phone.expectedVersion }),
            logEntry(subject, entryId, 'opt_in', phone.optIn),
          );
        } else {
          // not lifted, but no refusal of the number may land meanwhile either
          const check =
            phone.expectedVersion === undefined
              ? { ConditionExpression: 'attribute_not_exists(version)' }
              : {
                  ConditionExpression: 'version = :v',
                  ExpressionAttributeValues: { ':v': phone.expectedVersion },
                };
          items.push({
            ConditionCheck: { TableName: table(), Key: { subject, entry: 'CURRENT' }, ...check },
          });
        }
      }
      items.push(...audits.map((a) => auditPut(a)));
      return (await transactWrite(client, items)).ok;
    },
    async refuse({ customers, phone, entryId, audits }) {
      const chunks: ConsentState[][] = [];
      for (let i = 0; i < customers.length; i += CUSTOMERS_PER_TRANSACTION)
        chunks.push(customers.slice(i, i + CUSTOMERS_PER_TRANSACTION));
      if (chunks.length === 0) chunks.push([]);
      let outcome: 'recorded' | 'duplicate' = 'recorded';
      for (const [index, chunk] of chunks.entries()) {
        const items: TransactItems = [];
        // the LOG entries first: their condition is what tells a replay
        if (index === 0 && phone) items.push(logEntry(phoneSubject(phone.phone), entryId, 'opt_out', phone));
        for (const state of chunk)
          items.push(logEntry(customerSubject(state.customerId), entryId, 'consent', state));
        const logs = items.length;
        if (index === 0 && phone) items.push(setCurrent(phoneSubject(phone.phone), phone));
        for (const state of chunk) {
          items.push(
            setCurrent(customerSubject(state.customerId), state),
            smsConsentProjection(state.customerId, false, state.at),
          );
        }
        if (index === 0) items.push(...audits.map((a) => auditPut(a)));
        if (items.length === 0) continue;
        const written = await transactWrite(client, items);
        if (!written.ok) {
          if ([...written.failed.keys()].every((i) => i < logs)) {
            outcome = 'duplicate';
            continue;
          }
          throw new Error(
            `consent refusal not written: condition failed at ${[...written.failed.keys()].join(', ')}`,
          );
        }
      }
      return outcome;
    },
  };
};

export const dynamoConsentLog = (client: DynamoDBDocumentClient = dynamoDocumentClient()): ConsentLog => {
  const table = () => tableName('sms-consent');
  return {
    logOfCustomer: (customerId, limit, start) =>
      queryPage<LedgerEntry>(
        client,
        {
          TableName: table(),
          KeyConditionExpression: 'subject = :s AND begins_with(entry, :log)',
          ExpressionAttributeValues: { ':s': customerSubject(customerId), ':log': 'LOG#' },
          ScanIndexForward: false,
        },
        limit,
        start,
      ),
  };
};

/** Version as read (undefined: absent) and a further condition, for a last look in another transaction. */
const unchanged = (version: number | undefined, also: string, values: Record<string, unknown>) => ({
  ConditionExpression: `${version === undefined ? 'attribute_not_exists(version)' : 'version = :version'} AND ${also}`,
  ExpressionAttributeValues: { ...values, ...(version === undefined ? {} : { ':version': version }) },
});

/** The customer's consent still granted at the version the gate read: an item of a send's claim. */
export const consentStillGranted = (customerId: string, version: number | undefined) => ({
  ConditionCheck: {
    TableName: tableName('sms-consent'),
    Key: { subject: customerSubject(customerId), entry: 'CURRENT' },
    ...unchanged(version, 'consent = :granted', { ':granted': 'granted' }),
  },
});

/** The number still not opted out at the version the gate read: an item of a send's claim. */
export const phoneStillReachable = (phone: string, version: number | undefined) => ({
  ConditionCheck: {
    TableName: tableName('sms-consent'),
    Key: { subject: phoneSubject(phone), entry: 'CURRENT' },
    ...unchanged(version, '(attribute_not_exists(optedOut) OR optedOut = :no)', { ':no': false }),
  },
});
