// A record write and its audit entry in one TransactWriteItems: both or neither (a race lost to
// another transaction is tried again by transactWrite).
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '#shared/audit/audit.js';
import { auditPut } from '#shared/audit/dynamo-audit-log.js';
import { transactWrite } from './transact.js';

export interface ConditionalPut {
  table: string;
  item: Record<string, unknown>;
  condition?: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
}

/** Writes the record and its audit entry; `false` when the record's condition failed (nothing written). */
export const putWithAudit = async (
  client: DynamoDBDocumentClient,
  put: ConditionalPut,
  audit: AuditEntry,
): Promise<boolean> => {
  const outcome = await transactWrite(client, [
    {
      Put: {
        TableName: put.table,
        Item: put.item,
        ConditionExpression: put.condition,
        ExpressionAttributeNames: put.names,
        ExpressionAttributeValues: put.values,
      },
    },
    auditPut(audit),
  ]);
  if (outcome.ok) return true;
  if (outcome.failed.has(0)) return false;
  throw new Error(`audit entry ${audit.auditId} exists already`);
};

/**
 * The usual write: create when nothing was read (`expected` undefined: the key must be new), else
 * replace only the version that was read (`expected.attribute` still equals `expected.value`).
 */
export const createOrReplace = (
  client: DynamoDBDocumentClient,
  table: string,
  keyAttribute: string,
  item: Record<string, unknown>,
  audit: AuditEntry,
  expected?: { attribute: string; value: unknown },
): Promise<boolean> =>
  putWithAudit(
    client,
    expected === undefined
      ? { table, item, condition: `attribute_not_exists(${keyAttribute})` }
      : {
          table,
          item,
          condition: '#v = :v',
          names: { '#v': expected.attribute },
          values: { ':v': expected.value },
        },
    audit,
  );

/**
 * A store's `put(item, audit, expected?)` over `createOrReplace`: `expected` is the value of
 * `versionAttribute` that was read (`version`, `updatedAt`), or undefined for a new record. The table
 * is named at each call, so a function is granted only the tables it writes.
 */
export const versionedPut =
  (client: DynamoDBDocumentClient, table: () => string, keyAttribute: string, versionAttribute: string) =>
  (item: object, audit: AuditEntry, expected?: unknown): Promise<boolean> =>
    createOrReplace(
      client,
      table(),
      keyAttribute,
      item as Record<string, unknown>,
      audit,
      expected === undefined ? undefined : { attribute: versionAttribute, value: expected },
    );
