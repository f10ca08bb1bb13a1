// DynamoDB adapter for customers: by id, my customers (byManager), a subtree (byBranch), the bank.
import { GetCommand, QueryCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import { createOrReplace } from '#shared/adapters/audited-write.js';
import type { AuditEntry } from '#shared/audit/audit.js';
import { encodeCursor, type Page, type PageKey } from '#shared/http/pagination.js';
import type { Customer } from './customer.js';

export interface CustomerFilter {
  /** Only customers whose org path starts with this (the caller's scope or a requested org). */
  orgPath: string;
  managerId?: string;
  tier?: string;
  /** Name contains, or customer id starts with. */
  q?: string;
}

export interface CustomerStore {
  get(customerId: string): Promise<Customer | undefined>;
  list(filter: CustomerFilter, limit: number, cursor?: PageKey): Promise<Page<Customer>>;
  put(customer: Customer, audit: AuditEntry, expectedVersion?: number): Promise<boolean>;
}

export const dynamoCustomerStore = (
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
): CustomerStore => {
  const table = tableName('customers');
  return {
    async get(customerId) {
      const { Item } = await client.send(new GetCommand({ TableName: table, Key: { customerId } }));
      return Item as Customer | undefined;
    },
    async list(filter, limit, cursor) {
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = {};
      const conditions: string[] = [];
      if (filter.tier) {
        conditions.push('tier = :tier');
        values[':tier'] = filter.tier;
      }
      if (filter.q) {
        conditions.push('(contains(#name, :q) OR begins_with(customerId, :q))');
        names['#name'] = 'name';
        values[':q'] = filter.q;
      }
      const segments = filter.orgPath.split('/').filter(Boolean);
      let request;
      if (filter.managerId) {
        conditions.push('begins_with(orgPath, :path)');
        values[':path'] = filter.orgPath;
        values[':manager'] = filter.managerId;
        request = new QueryCommand({
          TableName: table,
          IndexName: 'byManager',
          KeyConditionExpression: 'managerId = :manager',
          ...expression(conditions, names, values),
          ExclusiveStartKey: cursor,
          Limit: limit,
        });
      } else if (segments.length >= 2) {
        // inside one branch: the byBranch index holds the subtree as one contiguous key range
        values[':branch'] = segments[1];
        values[':path'] = filter.orgPath;
        request = new QueryCommand({
          TableName: table,
          IndexName: 'byBranch',
          KeyConditionExpression: 'branchId = :branch AND begins_with(scopeKey, :path)',
          ...expression(conditions, names, values),
          ExclusiveStartKey: cursor,
          Limit: limit,
        });
      } else {
        request = new ScanCommand({
          TableName: table,
          ...expression(conditions, names, values),
          ExclusiveStartKey: cursor,
          Limit: limit,
        });
      }
      const page = await client.send(request);
      return {
        items: (page.Items ?? []) as Customer[],
        ...(page.LastEvaluatedKey ? { nextCursor: encodeCursor(page.LastEvaluatedKey as PageKey) } : {}),
      };
    },
    put: (customer, audit, expectedVersion) =>
      createOrReplace(
        client,
        table,
        'customerId',
        customer,
        audit,
        expectedVersion === undefined ? undefined : { attribute: 'version', value: expectedVersion },
      ),
  };
};

const expression = (
  conditions: string[],
  names: Record<string, string>,
  values: Record<string, unknown>,
) => ({
  ...(conditions.length ? { FilterExpression: conditions.join(' AND ') } : {}),
  ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
  ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
});
