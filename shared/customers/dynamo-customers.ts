// DynamoDB adapter for customers: by id, my customers (byManager), a subtree (byBranch), the bank.
import { GetCommand, QueryCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import { versionedPut } from '#shared/adapters/audited-write.js';
import { queryAll } from '#shared/adapters/query-all.js';
import { encodeCursor, type PageKey } from '#shared/http/pagination.js';
import type { Customer } from './customer.js';
import type { CustomerBrief, CustomerFilter, CustomerRoster, CustomerStore } from './ports.js';

/** The filter's conditions other than `q`, for a customer found by its id. */
const matchesFilter = (c: Customer, f: CustomerFilter): boolean =>
  c.orgPath.startsWith(f.orgPath) &&
  (!f.managerId || c.managerId === f.managerId) &&
  (!f.tier || c.tier === f.tier) &&
  (!f.riskLevel || c.riskLevel === f.riskLevel) &&
  (!f.tag || c.tags.includes(f.tag));

export const dynamoCustomerStore = (
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
): CustomerStore => {
  const table = () => tableName('customers');
  const get = async (customerId: string) => {
    const { Item } = await client.send(new GetCommand({ TableName: table(), Key: { customerId } }));
    return Item as Customer | undefined;
  };
  return {
    get,
    async list(filter, limit, cursor) {
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = {};
      const conditions: string[] = [];
      if (filter.tier) {
        conditions.push('tier = :tier');
        values[':tier'] = filter.tier;
      }
      if (filter.riskLevel) {
        conditions.push('riskLevel = :risk');
        values[':risk'] = filter.riskLevel;
      }
      if (filter.tag) {
        conditions.push('contains(tags, :tag)');
        values[':tag'] = filter.tag;
      }
      const segments = filter.orgPath.split('/').filter(Boolean);
      const byIndex = Boolean(filter.managerId) || segments.length >= 2;
      if (filter.q) {
        conditions.push(
          byIndex ? 'contains(#name, :q)' : '(contains(#name, :q) OR begins_with(customerId, :q))',
        );
        names['#name'] = 'name';
        values[':q'] = filter.q;
      }
      let request;
      if (filter.managerId) {
        conditions.push('begins_with(orgPath, :path)');
        values[':path'] = filter.orgPath;
        values[':manager'] = filter.managerId;
        request = new QueryCommand({
          TableName: table(),
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
          TableName: table(),
          IndexName: 'byBranch',
          KeyConditionExpression: 'branchId = :branch AND begins_with(scopeKey, :path)',
          ...expression(conditions, names, values),
          ExclusiveStartKey: cursor,
          Limit: limit,
        });
      } else {
        request = new ScanCommand({
          TableName: table(),
          ...expression(conditions, names, values),
          ExclusiveStartKey: cursor,
          Limit: limit,
        });
      }
      const page = await client.send(request);
      const items = (page.Items ?? []) as Customer[];
      // by index, a customer id is found by its key: on the first page, ahead of the name matches
      if (byIndex && filter.q && !cursor && !items.some((c) => c.customerId === filter.q)) {
        const exact = await get(filter.q);
        if (exact && matchesFilter(exact, filter)) items.unshift(exact);
      }
      return {
        items,
        ...(page.LastEvaluatedKey ? { nextCursor: encodeCursor(page.LastEvaluatedKey as PageKey) } : {}),
      };
    },
    put: versionedPut(client, table, 'customerId', 'version'),
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

/** An RM's book from the byManager index, projected to the brief. */
export const dynamoCustomerRoster = (
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
): CustomerRoster => ({
  ofManager: (managerId) =>
    queryAll<CustomerBrief>(client, {
      TableName: tableName('customers'),
      IndexName: 'byManager',
      KeyConditionExpression: 'managerId = :m',
      ExpressionAttributeValues: { ':m': managerId },
      ProjectionExpression: 'customerId, #n, tier',
      ExpressionAttributeNames: { '#n': 'name' },
    }),
});

/**
 * The customer record's `smsConsent` (a read-only projection of the consent ledger), as an item of
 * the ledger's own transaction: the consent adapter writes it with its entries, both or neither.
 */
export const smsConsentProjection = (customerId: string, smsConsent: boolean, at: string) => ({
  Update: {
    TableName: tableName('customers'),
    Key: { customerId },
    UpdateExpression: 'SET smsConsent = :c, updatedAt = :at ADD version :one',
    ConditionExpression: 'attribute_exists(customerId)',
    ExpressionAttributeValues: { ':c': smsConsent, ':at': at, ':one': 1 },
  },
});

/** Every customer record holding the number (the byPhone index): whom an opt-out of it reaches. */
export const customersHoldingPhone = (client: DynamoDBDocumentClient, phone: string) =>
  queryAll<{ customerId: string; managerId?: string; orgPath: string }>(client, {
    TableName: tableName('customers'),
    IndexName: 'byPhone',
    KeyConditionExpression: 'phone = :p',
    ExpressionAttributeValues: { ':p': phone },
    ProjectionExpression: 'customerId, managerId, orgPath',
  });
