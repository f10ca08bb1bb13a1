// DynamoDB adapter for the audit table, which is append-only: an entry is only ever added, with a
// `PutItem` conditional on its key being new (IAM grants nothing else and denies updates and
// deletes; see `append` in infra/declaration/types.ts). `auditPut` is that put inside a transaction,
// for an entry that must be written atomically with the change it records.
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import type { AuditEntry } from './audit.js';
import type { AuditLog } from './ports.js';

/** Never overwrite an entry: the key (entityKey, auditId) must be new. */
export const AUDIT_PUT_CONDITION = 'attribute_not_exists(auditId)';

/** The audit entry as one Put of a TransactWriteItems. */
export const auditPut = (entry: AuditEntry, table = tableName('audit')) => ({
  Put: { TableName: table, Item: entry, ConditionExpression: AUDIT_PUT_CONDITION },
});

export const dynamoAuditLog = (client: DynamoDBDocumentClient = dynamoDocumentClient()): AuditLog => {
  const table = tableName('audit');
  return {
    async append(entry) {
      await client.send(new PutCommand(auditPut(entry, table).Put));
    },
  };
};
