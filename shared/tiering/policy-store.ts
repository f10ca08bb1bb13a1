// DynamoDB adapter for tier policy versions (table `tier-policy`): one partition, a version per item,
// never overwritten. Readers on the stream path keep the versions for a short while per container.
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import { putWithAudit } from '#shared/adapters/audited-write.js';
import type { AuditEntry } from '#shared/audit/audit.js';
import { TierPolicy } from './policy.js';
import { recordRead } from './capacity.js';
import type { TableNames } from './transact.js';

const POLICY_ID = 'tier-policy';

export interface PolicyStore {
  /** Every stored version, oldest first (the built-in default is version 0 and is not stored). */
  list(): Promise<TierPolicy[]>;
  /** Stores a new version with its audit entry; false when that version number is taken. */
  add(policy: TierPolicy, audit: AuditEntry): Promise<boolean>;
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
    add(policy, audit) {
      return putWithAudit(
        client,
        { table, item: { policyId: POLICY_ID, ...policy }, condition: 'attribute_not_exists(version)' },
        audit,
      );
    },
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
    async add(policy, audit) {
      cached = undefined;
      return store.add(policy, audit);
    },
  };
};
