// DynamoDB adapter of the monitoring state. Table `monitoring-state`, one partition per customer:
//   TX#<transactionId>          claim marker: the transaction's effects were applied (exactly once)
//   D#<businessDate>            day totals: outFen, inFen, n (rolling sums, last activity)
//   P#<payer>#<businessDate>    inflows from one payer (recurring payer, 代发工资)
// plus the customer's fund-flow cells (table `fund-flows`) and, for other banks, the org unit's
// (table `monitoring-aggregates`, partition `outflow#<branch>#<month>`), all in the claim's
// TransactWriteItems: every ADD happens with its claim or not at all.
import { queryAll } from '#shared/adapters/query-all.js';
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import { epochDay } from './days.js';
import type { TransactionEffects } from './effects.js';
import type { DayTotals } from './facts.js';
import type { MonitoringStateStore } from './ports.js';
import { transactWrite, type TransactItems } from '#shared/adapters/transact.js';

export const claimKey = (transactionId: string) => `TX#${transactionId}`;
export const dayKey = (businessDate: string) => `D#${businessDate}`;
export const payerDayKey = (payer: string, businessDate: string) => `P#${payer}#${businessDate}`;
export const flowKey = (month: string, direction: string, bank: string, category: string) =>
  `${month}#${direction}#${bank}#${category}`;
export const outflowPartition = (branchId: string, month: string) => `outflow#${branchId}#${month}`;

// Kept as long as something reads them (time-to-live, from the business date, so replays agree).
const KEEP_DAYS = { claim: 400, day: 1100, payer: 120 };
const expiresAt = (businessDate: string, days: number) => (epochDay(businessDate) + days) * 86_400;

export const dynamoMonitoringState = (
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
): MonitoringStateStore => {
  const state = tableName('monitoring-state');
  return {
    async apply(e: TransactionEffects) {
      // resolved on use: a reader of the state (the rule test) is not granted the tables only apply writes
      const flows = tableName('fund-flows');
      const aggregates = tableName('monitoring-aggregates');
      const items: TransactItems = [
        {
          Put: {
            TableName: state,
            Item: {
              customerId: e.customerId,
              key: claimKey(e.transactionId),
              ...e.claim,
              expiresAt: expiresAt(e.businessDate, KEEP_DAYS.claim),
            },
            ConditionExpression: 'attribute_not_exists(#key)',
            ExpressionAttributeNames: { '#key': 'key' },
          },
        },
        {
          Update: {
            TableName: state,
            Key: { customerId: e.customerId, key: dayKey(e.businessDate) },
            UpdateExpression: 'SET businessDate = :day, expiresAt = :exp ADD outFen :out, inFen :in, n :one',
            ExpressionAttributeValues: {
              ':day': e.businessDate,
              ':exp': expiresAt(e.businessDate, KEEP_DAYS.day),
              ':out': e.day.outFen,
              ':in': e.day.inFen,
              ':one': 1,
            },
          },
        },
        {
          Update: {
            TableName: flows,
            Key: {
              customerId: e.customerId,
              flowKey: flowKey(e.flow.month, e.flow.direction, e.flow.bank, e.flow.category),
            },
            UpdateExpression:
              'SET #month = :month, direction = :direction, bank = :bank, category = :category ADD amountFen :amount, #count :one',
            ExpressionAttributeNames: { '#month': 'month', '#count': 'count' },
            ExpressionAttributeValues: {
              ':month': e.flow.month,
              ':direction': e.flow.direction,
              ':bank': e.flow.bank,
              ':category': e.flow.category,
              ':amount': e.flow.amountFen,
              ':one': 1,
            },
          },
        },
      ];
      if (e.payer) {
        items.push({
          Update: {
            TableName: state,
            Key: { customerId: e.customerId, key: payerDayKey(e.payer, e.businessDate) },
            UpdateExpression: 'SET expiresAt = :exp ADD n :one',
            ExpressionAttributeValues: { ':exp': expiresAt(e.businessDate, KEEP_DAYS.payer), ':one': 1 },
          },
        });
      }
      if (e.orgFlow) {
        const o = e.orgFlow;
        const way = o.direction === 'out' ? 'out' : 'in';
        items.push({
          Update: {
            TableName: aggregates,
            Key: { aggregateKey: outflowPartition(o.branchId, o.month), scopeKey: `${o.orgPath}${o.bank}` },
            UpdateExpression: `SET orgId = :org, orgPath = :path, bank = :bank, #month = :month ADD ${way}Fen :amount, ${way}Count :one`,
            ExpressionAttributeNames: { '#month': 'month' },
            ExpressionAttributeValues: {
              ':org': o.orgId,
              ':path': o.orgPath,
              ':bank': o.bank,
              ':month': o.month,
              ':amount': o.amountFen,
              ':one': 1,
            },
          },
        });
      }
      const outcome = await transactWrite(client, items);
      if (outcome.ok) return 'applied';
      if (outcome.failed.has(0)) return 'duplicate';
      throw new Error(`applying ${e.transactionId} failed a condition it does not set`);
    },

    async days(customerId, from, to) {
      const items = await queryAll(client, {
        TableName: state,
        KeyConditionExpression: 'customerId = :c AND #key BETWEEN :from AND :to',
        ExpressionAttributeNames: { '#key': 'key' },
        ExpressionAttributeValues: { ':c': customerId, ':from': dayKey(from), ':to': dayKey(to) },
        ConsistentRead: true,
      });
      return items.map((item): DayTotals => ({
        businessDate: String(item.businessDate),
        outFen: Number(item.outFen ?? 0),
        inFen: Number(item.inFen ?? 0),
      }));
    },

    async lastActiveDayBefore(customerId, before, notBefore) {
      const { Items } = await client.send(
        new QueryCommand({
          TableName: state,
          // D#<before> itself is excluded: `D#2026-11-20` < `D#2026-11-20` is false, and BETWEEN is inclusive
          KeyConditionExpression: 'customerId = :c AND #key BETWEEN :from AND :to',
          ExpressionAttributeNames: { '#key': 'key' },
          ExpressionAttributeValues: { ':c': customerId, ':from': dayKey(notBefore), ':to': `D#${before}` },
          ScanIndexForward: false,
          ConsistentRead: true,
          Limit: 2,
        }),
      );
      const earlier = (Items ?? []).map((i) => String(i.businessDate)).filter((d) => d < before);
      return earlier[0];
    },

    async payerInflows(customerId, payer, from, to) {
      const items = await queryAll(client, {
        TableName: state,
        KeyConditionExpression: 'customerId = :c AND #key BETWEEN :from AND :to',
        ExpressionAttributeNames: { '#key': 'key' },
        ExpressionAttributeValues: {
          ':c': customerId,
          ':from': payerDayKey(payer, from),
          ':to': payerDayKey(payer, to),
        },
        ConsistentRead: true,
      });
      return items.reduce((sum, item) => sum + Number(item.n ?? 0), 0);
    },
  };
};
