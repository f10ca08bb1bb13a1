// DynamoDB adapter for tier policy versions (table `tier-policy`): one partition, a version per item,
// never overwritten. Readers on the stream path keep the versions for a short while per container.
// Proposed changes (maker-checker) sit in a partition of their own; a version is stored only by the
// approval of one, in the same transaction as the decision and its audit entry.
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import type { AuditEntry } from '#shared/audit/audit.js';
import type { Change, ChangeStore, DecisionOutcome } from '#shared/maker-checker/ports.js';
import { dynamoChangeStore, writeDecision } from '#shared/maker-checker/dynamo-changes.js';
import { TierPolicy } from './policy.js';
import { recordRead } from './capacity.js';
import type { TableNames } from './transact.js';

const POLICY_ID = 'tier-policy';

export interface PolicyStore {
  /** Every stored version, oldest first (the built-in default is version 0 and is not stored). */
  list(): Promise<TierPolicy[]>;
}

/** Proposed policies, and the approval that stores one as the next version. */
export interface PolicyChanges extends ChangeStore {
  /** Stores the version, the change as approved and the audit entry; 'stale' when the version is taken. */
  approve(policy: TierPolicy, approved: Change, audit: AuditEntry): Promise<DecisionOutcome>;
}

export const dynamoPolicyStore = (
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
  names: TableNames = tableName,
): PolicyStore => {
  const table = names('tier-policy');
  return {
    async list() {
      const policies: TierPolicy[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: table,
            KeyConditionExpression: 'policyId = :p',
            ExpressionAttributeValues: { ':p': POLICY_ID },
            ConsistentRead: true,
            ExclusiveStartKey: startKey,
            ReturnConsumedCapacity: 'TOTAL',
          }),
        );
        recordRead(page.ConsumedCapacity);
        for (const item of page.Items ?? []) policies.push(TierPolicy.parse(item));
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return policies;
    },
  };
};

export const dynamoPolicyChanges = (
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
  names: TableNames = tableName,
): PolicyChanges => {
  const table = names('tier-policy');
  const at = { table, partitionKey: 'policyId', partition: `${POLICY_ID}#changes`, sortKey: 'version' };
  return {
    ...dynamoChangeStore(client, at),
    approve: (policy, approved, audit) =>
      writeDecision(client, at, approved, audit, [
        {
          Put: {
            TableName: table,
            Item: { policyId: POLICY_ID, ...policy },
            ConditionExpression: 'attribute_not_exists(version)',
          },
        },
      ]),
  };
};

/**
 * The versions, re-read at most every `OCRM_TIER_POLICY_CACHE_SECONDS` (default 30) per container:
 * a stream batch of a hundred transactions reads them once. A new version reaches every evaluator
 * within that time; policies normally take effect from a later date anyway.
 */
export const cachedPolicyStore = (store: PolicyStore, now: () => number = Date.now): PolicyStore => {
  let cached: { at: number; policies: Promise<TierPolicy[]> } | undefined;
  return {
    list() {
      const ttlMs = Number(process.env.OCRM_TIER_POLICY_CACHE_SECONDS ?? 30) * 1000;
      if (!cached || now() - cached.at >= ttlMs) {
        const policies = store.list();
        cached = { at: now(), policies };
        policies.catch(() => (cached = undefined));
      }
      return cached.policies;
    },
  };
};
