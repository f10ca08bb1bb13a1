// Reads of what the stream and the alert writes keep for reports: a customer's fund-flow cells
// (table `fund-flows`) and the org aggregates (table `monitoring-aggregates`: `outflow#…` and
// `alerts#…` partitions, one per branch and month, sorted by org path so a subtree is one range).
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import { alertsPartition } from './outcomes.js';
import { queryAll } from '#shared/adapters/query-all.js';
import { outflowPartition } from './dynamo-state.js';
import type { ReportStore } from './ports.js';

const NOT_COUNTERS = new Set(['aggregateKey', 'scopeKey', 'orgId', 'orgPath', 'ruleId', 'month']);

export const dynamoReportStore = (client: DynamoDBDocumentClient = dynamoDocumentClient()): ReportStore => {
  // resolved on use: each reader is granted only the table it reads
  const subtree = (partition: string, orgPath: string) =>
    queryAll(client, {
      TableName: tableName('monitoring-aggregates'),
      KeyConditionExpression: 'aggregateKey = :k AND begins_with(scopeKey, :p)',
      ExpressionAttributeValues: { ':k': partition, ':p': orgPath },
    });
  return {
    async customerFlows(customerId, fromMonth, toMonth) {
      const items = await queryAll(client, {
        TableName: tableName('fund-flows'),
        KeyConditionExpression: 'customerId = :c AND flowKey BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':c': customerId, ':from': `${fromMonth}#`, ':to': `${toMonth}#~` },
      });
      return items.map((i) => ({
        month: String(i.month),
        direction: i.direction === 'out' ? 'out' : 'in',
        bank: String(i.bank),
        category: String(i.category),
        amountFen: Number(i.amountFen ?? 0),
        count: Number(i.count ?? 0),
      }));
    },
    async orgFlows(branchId, month, orgPath) {
      const items = await subtree(outflowPartition(branchId, month), orgPath);
      return items.map((i) => ({
        orgId: String(i.orgId),
        orgPath: String(i.orgPath),
        bank: String(i.bank),
        month: String(i.month),
        outFen: Number(i.outFen ?? 0),
        inFen: Number(i.inFen ?? 0),
        outCount: Number(i.outCount ?? 0),
        inCount: Number(i.inCount ?? 0),
      }));
    },
    async outcomeCells(branchId, month, orgPath) {
      const items = await subtree(alertsPartition(branchId, month), orgPath);
      return items.map((i) => ({
        orgId: String(i.orgId),
        orgPath: String(i.orgPath),
        ruleId: String(i.ruleId),
        month: String(i.month),
        counters: Object.fromEntries(
          Object.entries(i).filter(([k, v]) => !NOT_COUNTERS.has(k) && typeof v === 'number'),
        ) as Record<string, number>,
      }));
    },
  };
};
