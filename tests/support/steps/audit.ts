// Then the audit trail: every entry recorded for one entity (`customer#C0000001`, `alert#…`, …), as
// the audit table keeps it.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalRuntime } from '#infra/local/runtime.js';

export const theAuditTrailOf = async (
  runtime: Pick<LocalRuntime, 'document' | 'tableName'>,
  entityKey: string,
): Promise<Record<string, any>[]> =>
  (
    await runtime.document.send(
      new QueryCommand({
        TableName: runtime.tableName('audit'),
        KeyConditionExpression: 'entityKey = :k',
        ExpressionAttributeValues: { ':k': entityKey },
      }),
    )
  ).Items ?? [];
