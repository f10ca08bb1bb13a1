// DynamoDB adapter for the ledger:
//   performance-ledger    one item per entry (registration or reversal), never updated; streamed
//   performance-refs      idempotency keys: REG#<channel>#<externalRef> and REV#<registrationId>
//   performance-postings  one line per credited staff member, by staff and business date
// An entry, its key, its postings (and its audit entry) are one TransactWriteItems: a key taken by
// a concurrent duplicate means nothing of this one was written.
import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import { encodeCursor, type PageKey } from '#shared/http/pagination.js';
import type { LedgerEntry, Posting } from './entry.js';
import { transactWrite, type TransactItems } from '#shared/adapters/transact.js';
import { auditPut } from '#shared/audit/dynamo-audit-log.js';
import type { EntryRef, LedgerStore } from './ports.js';

export const dynamoLedgerStore = (client: DynamoDBDocumentClient = dynamoDocumentClient()): LedgerStore => {
  const ledger = () => tableName('performance-ledger');
  const refs = () => tableName('performance-refs');
  const postings = () => tableName('performance-postings');
  const readRef = async (refKey: string) => {
    const { Item } = await client.send(
      new GetCommand({ TableName: refs(), Key: { refKey }, ConsistentRead: true }),
    );
    return Item as EntryRef | undefined;
  };
  return {
    async entry(entryId) {
      const { Item } = await client.send(
        new GetCommand({ TableName: ledger(), Key: { entryId }, ConsistentRead: true }),
      );
      return Item as LedgerEntry | undefined;
    },
    ref: readRef,
    async append(entry, ref, lines, audit) {
      const items: TransactItems = [
        {
          Put: {
            TableName: refs(),
            Item: ref,
            ConditionExpression: 'attribute_not_exists(refKey)',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        { Put: { TableName: ledger(), Item: entry, ConditionExpression: 'attribute_not_exists(entryId)' } },
        ...lines.map((line) => ({ Put: { TableName: postings(), Item: line } })),
        ...(audit ? [auditPut(audit)] : []),
      ];
      const outcome = await transactWrite(client, items);
      if (outcome.ok) return { kind: 'written' };
      if (outcome.failed.has(0)) {
        const taken = (outcome.failed.get(0) as EntryRef | undefined) ?? (await readRef(ref.refKey));
        if (taken) return { kind: 'taken', ref: taken };
      }
      throw new Error(`appending ${entry.entryId} failed a condition other than its key's`);
    },
    async postings(staffId, from, to, limit, cursor) {
      const page = await client.send(
        new QueryCommand({
          TableName: postings(),
          KeyConditionExpression: 'staffId = :s AND postingKey BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':s': staffId, ':from': `${from}#`, ':to': `${to}#~` },
          ExclusiveStartKey: cursor,
          Limit: limit,
        }),
      );
      return {
        items: (page.Items ?? []) as Posting[],
        ...(page.LastEvaluatedKey ? { nextCursor: encodeCursor(page.LastEvaluatedKey as PageKey) } : {}),
      };
    },
    async entriesOfCustomer(customerId, limit, cursor) {
      const page = await client.send(
        new QueryCommand({
          TableName: ledger(),
          IndexName: 'byCustomer',
          KeyConditionExpression: 'customerId = :c',
          ExpressionAttributeValues: { ':c': customerId },
          ScanIndexForward: false,
          ExclusiveStartKey: cursor,
          Limit: limit,
        }),
      );
      return {
        items: (page.Items ?? []) as LedgerEntry[],
        ...(page.LastEvaluatedKey ? { nextCursor: encodeCursor(page.LastEvaluatedKey as PageKey) } : {}),
      };
    },
  };
};
