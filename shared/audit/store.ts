// DynamoDB adapter for audit entries written on their own (reads of sensitive fields).
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import type { AuditEntry } from './audit.js';

export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
}

export const dynamoAuditLog = (client: DynamoDBDocumentClient = dynamoDocumentClient()): AuditLog => {
  const table = tableName('audit');
  return {
    async append(entry) {
      await client.send(
        new PutCommand({
          TableName: table,
          Item: entry,
          ConditionExpression: 'attribute_not_exists(auditId)',
        }),
      );
    },
  };
};
