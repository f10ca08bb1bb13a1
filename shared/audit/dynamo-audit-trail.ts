// DynamoDB adapter of the auditor's reads: one Query of one index partition, newest first, the
// auditId range as the key condition and the exact time bounds and other criteria as a filter.
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import type { AuditEntry } from './audit.js';
import type { AuditTrailReader } from './ports.js';
import { AUDIT_INDEXES } from './trail.js';

export const dynamoAuditTrail = (
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
): AuditTrailReader => {
  const table = tableName('audit');
  return {
    async query(q) {
      const names: Record<string, string> = { '#pk': AUDIT_INDEXES[q.index], '#at': 'at' };
      const values: Record<string, unknown> = {
        ':pk': q.partition,
        ':idFrom': q.idFrom,
        ':idTo': q.idTo,
        ':atFrom': q.atFrom,
        ':atBefore': q.atBefore,
      };
      const filters = ['#at >= :atFrom', '#at < :atBefore'];
      Object.entries(q.filters).forEach(([attribute, value], i) => {
        names[`#f${i}`] = attribute;
        values[`:f${i}`] = value;
        filters.push(`#f${i} = :f${i}`);
      });
      const out = await client.send(
        new QueryCommand({
          TableName: table,
          IndexName: q.index,
          KeyConditionExpression: '#pk = :pk AND auditId BETWEEN :idFrom AND :idTo',
          FilterExpression: filters.join(' AND '),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ScanIndexForward: false,
          Limit: q.limit,
          ...(q.startKey ? { ExclusiveStartKey: q.startKey } : {}),
        }),
      );
      return {
        items: (out.Items ?? []) as AuditEntry[],
        ...(out.LastEvaluatedKey ? { lastKey: out.LastEvaluatedKey as Record<string, string> } : {}),
      };
    },
  };
};
