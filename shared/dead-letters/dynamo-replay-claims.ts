// DynamoDB adapter for replay claims: one item per dead letter and attempt, written with its audit
// entry in one transaction. The claim's condition is what makes a replay run once.
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import { putWithAudit } from '#shared/adapters/audited-write.js';
import type { ReplayClaim, ReplayClaims } from './ports.js';

export const dynamoReplayClaims = (client: DynamoDBDocumentClient = dynamoDocumentClient()): ReplayClaims => {
  const table = tableName('dead-letter-replays');
  return {
    claim: (claim, audit, staleBefore) =>
      putWithAudit(
        client,
        {
          table,
          item: { ...claim },
          // new, or a claim whose invocation died without finishing
          condition: 'attribute_not_exists(deadLetterId) OR (#status = :running AND claimedAt < :stale)',
          names: { '#status': 'status' },
          values: { ':running': 'running', ':stale': staleBefore },
        },
        audit,
      ),
    async finish(claim, audit) {
      const written = await putWithAudit(
        client,
        {
          table,
          item: { ...claim },
          condition: '#status = :running AND claimedBy = :by AND claimedAt = :at',
          names: { '#status': 'status' },
          values: { ':running': 'running', ':by': claim.claimedBy, ':at': claim.claimedAt },
        },
        audit,
      );
      if (!written) throw new Error(`replay claim ${claim.deadLetterId}#${claim.attempt} was taken over`);
    },
    async latest(deadLetterId) {
      const { Items } = await client.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'deadLetterId = :id',
          ExpressionAttributeValues: { ':id': deadLetterId },
          ScanIndexForward: false,
          Limit: 1,
          ConsistentRead: true,
        }),
      );
      return Items?.[0] as ReplayClaim | undefined;
    },
  };
};
