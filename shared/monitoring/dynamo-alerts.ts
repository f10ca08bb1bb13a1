// DynamoDB adapter for alerts (table `alerts`) and their outcome aggregates (`monitoring-aggregates`).
// Index keys, kept on the item by this adapter alone:
//   byManager  managerId / listKey  `<status>#<dueAt>#<alertId>`   an RM's alerts by status, due first
//   byBranch   branchId / scopeKey  `<orgPath><alertId>`           a branch subtree's alerts
//   byCustomer customerId / raisedKey `<raisedAt>#<alertId>`       a customer's alerts (the timeline)
//   byDue      watch / dueKey       `<dueAt>#<alertId>`            sparse: only alerts awaiting escalation
//   bySmsDue   smsWatch / smsDueKey `<notBefore>#<alertId>`        sparse: only service SMS deferred to the window
// Every change is a put of the whole alert on the version read, with the aggregate ADDs and the audit
// entry it causes in the same TransactWriteItems.
import { GetCommand, QueryCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import { encodeCursor, type PageKey } from '#shared/http/pagination.js';
import { earlierTrigger, type Alert } from './alert.js';
import { alertsPartition, raisedCounters, type Counters } from './outcomes.js';
import type { AlertFilter, AlertStore, RaiseOutcome } from './ports.js';
import { transactWrite, type TransactItems } from '#shared/adapters/transact.js';
import { auditPut } from '#shared/audit/dynamo-audit-log.js';
import { businessDateOf } from '#shared/clock.js';
import { ruleHitUpdate } from './dynamo-rule-hits.js';
import { alertItem, alertOf, WATCHING } from './dynamo-alert-items.js';
import { alertsForOtherCapabilities } from './dynamo-alerts-shared.js';

const aggregateUpdate = (table: string, alert: Alert, counters: Counters) => {
  const names: Record<string, string> = { '#month': 'month' };
  const values: Record<string, unknown> = {
    ':org': alert.orgId,
    ':path': alert.orgPath,
    ':rule': alert.ruleId,
    ':month': alert.cohortMonth,
  };
  const adds = Object.entries(counters).map(([name, value], i) => {
    names[`#c${i}`] = name;
    values[`:c${i}`] = value;
    return `#c${i} :c${i}`;
  });
  return {
    Update: {
      TableName: table,
      Key: {
        aggregateKey: alertsPartition(alert.branchId, alert.cohortMonth),
        scopeKey: `${alert.orgPath}${alert.ruleId}`,
      },
      UpdateExpression: `SET orgId = :org, orgPath = :path, ruleId = :rule, #month = :month ADD ${adds.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
};

const filterExpression = (filter: AlertFilter, skipStatus = false) => {
  const conditions: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  if (filter.status && !skipStatus) {
    conditions.push('#status = :status');
    names['#status'] = 'status';
    values[':status'] = filter.status;
  }
  if (filter.escalated !== undefined) {
    conditions.push(filter.escalated ? 'attribute_exists(escalatedAt)' : 'attribute_not_exists(escalatedAt)');
  }
  if (filter.orgPath) {
    conditions.push('begins_with(orgPath, :path)');
    values[':path'] = filter.orgPath;
  }
  return { conditions, names, values };
};

const withFilter = (
  key: { expression?: string; names?: Record<string, string>; values?: Record<string, unknown> },
  filter: ReturnType<typeof filterExpression>,
) => {
  const names = { ...key.names, ...filter.names };
  const values = { ...key.values, ...filter.values };
  return {
    ...(key.expression ? { KeyConditionExpression: key.expression } : {}),
    ...(filter.conditions.length ? { FilterExpression: filter.conditions.join(' AND ') } : {}),
    ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
    ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
  };
};

const page = (out: { Items?: Record<string, unknown>[]; LastEvaluatedKey?: Record<string, unknown> }) => ({
  items: (out.Items ?? []).map(alertOf),
  ...(out.LastEvaluatedKey ? { nextCursor: encodeCursor(out.LastEvaluatedKey as PageKey) } : {}),
});

export const dynamoAlertStore = (client: DynamoDBDocumentClient = dynamoDocumentClient()): AlertStore => {
  // resolved on use, as the others: a function is granted only the tables the methods it calls touch
  const table = () => tableName('alerts');
  // resolved on use: a reader of alerts is not granted the tables only writers touch
  const aggregates = () => tableName('monitoring-aggregates');
  return {
    ...alertsForOtherCapabilities(client, table),

    async raise(alert): Promise<RaiseOutcome> {
      const outcome = await transactWrite(client, [
        {
          Put: {
            TableName: table(),
            Item: alertItem(alert),
            ConditionExpression: 'attribute_not_exists(alertId)',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        aggregateUpdate(aggregates(), alert, raisedCounters(alert)),
        // the rule's hits that day: counted with the put, so once per alert however often replayed
        ruleHitUpdate(aggregates(), businessDateOf(new Date(alert.raisedAt)), alert.ruleId),
      ]);
      if (outcome.ok) return 'raised';
      if (!outcome.failed.has(0))
        throw new Error(`raising ${alert.alertId} failed a condition it does not set`);
      const existing = outcome.failed.get(0);
      const earlier = existing && earlierTrigger(alertOf(existing), alert);
      if (!existing || !earlier) return 'exists';
      const current = alertOf(existing);
      // a transaction of the same window booked earlier arrived late: it becomes the trigger, once
      const next: Alert = { ...current, ...earlier, version: current.version + 1 };
      const replaced = await transactWrite(client, [
        {
          Put: {
            TableName: table(),
            Item: alertItem(next),
            ConditionExpression: 'version = :v AND triggerKey = :k',
            ExpressionAttributeValues: { ':v': current.version, ':k': current.triggerKey },
          },
        },
        aggregateUpdate(aggregates(), current, { atRiskFen: next.amountAtRiskFen - current.amountAtRiskFen }),
      ]);
      return replaced.ok ? 'retriggered' : 'exists';
    },

    async get(alertId) {
      const { Item } = await client.send(
        new GetCommand({ TableName: table(), Key: { alertId }, ConsistentRead: true }),
      );
      return Item ? alertOf(Item) : undefined;
    },

    async save(next, expectedVersion, effects) {
      const items: TransactItems = [
        {
          Put: {
            TableName: table(),
            Item: alertItem(next),
            ConditionExpression: 'version = :v',
            ExpressionAttributeValues: { ':v': expectedVersion },
          },
        },
      ];
      if (effects.counters) items.push(aggregateUpdate(aggregates(), next, effects.counters));
      if (effects.audit) {
        items.push(auditPut(effects.audit));
      }
      const outcome = await transactWrite(client, items);
      if (outcome.ok) return true;
      if (outcome.failed.has(0)) return false;
      throw new Error(`saving alert ${next.alertId} failed a condition it does not set`);
    },

    async byManager(managerId, filter, limit, cursor) {
      const key = filter.status
        ? {
            expression: 'managerId = :m AND begins_with(listKey, :s)',
            values: { ':m': managerId, ':s': `${filter.status}#` },
          }
        : { expression: 'managerId = :m', values: { ':m': managerId } };
      const out = await client.send(
        new QueryCommand({
          TableName: table(),
          IndexName: 'byManager',
          ...withFilter(key, filterExpression(filter, true)),
          Limit: limit,
          ExclusiveStartKey: cursor,
        }),
      );
      return page(out);
    },

    async inScope(orgPath, filter, limit, cursor) {
      const segments = orgPath.split('/').filter(Boolean);
      const { orgPath: _ignored, ...rest } = filter;
      if (segments.length >= 2) {
        const out = await client.send(
          new QueryCommand({
            TableName: table(),
            IndexName: 'byBranch',
            ...withFilter(
              {
                expression: 'branchId = :b AND begins_with(scopeKey, :p)',
                values: { ':b': segments[1], ':p': orgPath },
              },
              filterExpression(rest),
            ),
            Limit: limit,
            ExclusiveStartKey: cursor,
          }),
        );
        return page(out);
      }
      const out = await client.send(
        new ScanCommand({
          TableName: table(),
          ...withFilter({}, filterExpression({ ...rest, orgPath })),
          Limit: limit,
          ExclusiveStartKey: cursor,
        }),
      );
      return page(out);
    },

    async byCustomer(customerId, filter, limit, cursor) {
      const out = await client.send(
        new QueryCommand({
          TableName: table(),
          IndexName: 'byCustomer',
          ...withFilter(
            { expression: 'customerId = :c', values: { ':c': customerId } },
            filterExpression(filter),
          ),
          ScanIndexForward: false,
          Limit: limit,
          ExclusiveStartKey: cursor,
        }),
      );
      return page(out);
    },

    async due(asOf, limit) {
      const alerts: Alert[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const out = await client.send(
          new QueryCommand({
            TableName: table(),
            IndexName: 'byDue',
            KeyConditionExpression: 'watch = :w AND dueKey < :asOf',
            ExpressionAttributeValues: { ':w': WATCHING, ':asOf': `${asOf}#~` },
            Limit: limit - alerts.length,
            ExclusiveStartKey: start,
          }),
        );
        alerts.push(...(out.Items ?? []).map(alertOf));
        start = out.LastEvaluatedKey;
      } while (start && alerts.length < limit);
      return alerts;
    },
  };
};
