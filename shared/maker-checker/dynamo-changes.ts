// DynamoDB adapter for pending changes, kept in the table of what they change, in a partition of
// their own (`tier-policy#changes` in tier-policy, `$changes` in trigger-rules): the change id is
// the numeric sort key, allocated as the next number with a conditional put. A decision updates the
// change on condition that it is still pending, in the same transaction as its audit entry and, for
// an approval, the new version (whose own condition says the base is still the latest).
import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryAll } from '#shared/adapters/query-all.js';
import { transactWrite, type TransactItems } from '#shared/adapters/transact.js';
import type { AuditEntry } from '#shared/audit/audit.js';
import { auditPut } from '#shared/audit/dynamo-audit-log.js';
import { Conflict } from '#shared/errors.js';
import { StoredChange } from './change.js';
import type { Change, ChangeStore, DecisionOutcome } from './ports.js';

export interface ChangeLocation {
  table: string;
  /** The table's partition key, and the value that holds the changes. */
  partitionKey: string;
  partition: string;
  /** The table's numeric sort key: the change id. */
  sortKey: string;
}

const MAX_ATTEMPTS = 5;

/** The decision's write: the change as decided, on condition that it is still pending. */
const decisionPut = (at: ChangeLocation, change: Change): TransactItems[number] => ({
  Put: {
    TableName: at.table,
    Item: { [at.partitionKey]: at.partition, [at.sortKey]: change.changeId, ...change },
    ConditionExpression: '#s = :pending',
    ExpressionAttributeNames: { '#s': 'status' },
    ExpressionAttributeValues: { ':pending': 'pending' },
  },
});

/**
 * Writes a decision: `versionWrites` (an approval's new version, each with its own condition),
 * then the change and its audit entry; all or nothing.
 */
export const writeDecision = async (
  client: DynamoDBDocumentClient,
  at: ChangeLocation,
  change: Change,
  audit: AuditEntry,
  versionWrites: TransactItems = [],
): Promise<DecisionOutcome> => {
  const outcome = await transactWrite(client, [...versionWrites, decisionPut(at, change), auditPut(audit)]);
  if (outcome.ok) return 'done';
  if (outcome.failed.has(versionWrites.length)) return 'decided-meanwhile';
  if ([...outcome.failed.keys()].some((i) => i < versionWrites.length)) return 'stale';
  throw new Error(`deciding change ${change.changeId} failed a condition it does not set`);
};

export const dynamoChangeStore = <P>(client: DynamoDBDocumentClient, at: ChangeLocation): ChangeStore<P> => {
  const parse = (item: Record<string, unknown>): Change<P> => StoredChange.parse(item) as Change<P>;
  const all = async (): Promise<Change<P>[]> =>
    (
      await queryAll(client, {
        TableName: at.table,
        KeyConditionExpression: '#p = :p',
        ExpressionAttributeNames: { '#p': at.partitionKey },
        ExpressionAttributeValues: { ':p': at.partition },
        ScanIndexForward: false,
        ConsistentRead: true,
      })
    ).map(parse);
  return {
    async list(status) {
      return (await all()).filter((c) => c.status === status);
    },
    async get(changeId) {
      const { Item } = await client.send(
        new GetCommand({
          TableName: at.table,
          Key: { [at.partitionKey]: at.partition, [at.sortKey]: changeId },
          ConsistentRead: true,
        }),
      );
      return Item ? parse(Item) : undefined;
    },
    async propose(change, audit) {
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const { Items } = await client.send(
          new QueryCommand({
            TableName: at.table,
            KeyConditionExpression: '#p = :p',
            ExpressionAttributeNames: { '#p': at.partitionKey },
            ExpressionAttributeValues: { ':p': at.partition },
            ScanIndexForward: false,
            Limit: 1,
            ConsistentRead: true,
          }),
        );
        const changeId = Number(Items?.[0]?.[at.sortKey] ?? 0) + 1;
        const stored: Change<P> = { changeId, ...change };
        const outcome = await transactWrite(client, [
          {
            Put: {
              TableName: at.table,
              Item: { [at.partitionKey]: at.partition, [at.sortKey]: changeId, ...stored },
              ConditionExpression: 'attribute_not_exists(#k)',
              ExpressionAttributeNames: { '#k': at.sortKey },
            },
          },
          auditPut(audit(changeId)),
        ]);
        if (outcome.ok) return stored;
        if (!outcome.failed.has(0)) throw new Error(`proposing a change failed a condition it does not set`);
      }
      throw new Conflict('Other changes were being proposed at the same moment; retry.');
    },
    reject(rejected, audit) {
      return writeDecision(client, at, rejected, audit);
    },
  };
};
