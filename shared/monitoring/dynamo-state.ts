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
import { addDays, epochDay } from './days.js';
import type { TransactionEffects } from './effects.js';
import type { DayTotals } from './facts.js';
import type { MonitoringStateStore } from './ports.js';
import { writeClaimed, type ClaimedBatch } from '#shared/adapters/claimed-batch.js';
import type { TransactItems } from '#shared/adapters/transact.js';
import type { MonitoringStateBatch } from './process-customer.js';

export const claimKey = (transactionId: string) => `TX#${transactionId}`;
export const dayKey = (businessDate: string) => `D#${businessDate}`;
export const payerDayKey = (payer: string, businessDate: string) => `P#${payer}#${businessDate}`;
export const flowKey = (month: string, direction: string, bank: string, category: string) =>
  `${month}#${direction}#${bank}#${category}`;
export const outflowPartition = (branchId: string, month: string) => `outflow#${branchId}#${month}`;

// Kept as long as something reads them (time-to-live, from the business date, so replays agree).
const KEEP_DAYS = { claim: 400, day: 1100, payer: 120 };
const expiresAt = (businessDate: string, days: number) => (epochDay(businessDate) + days) * 86_400;

/** The shared items a transaction's effects add to: its day, its fund-flow cell, payer day, org cell. */
const sharedKeys = (e: TransactionEffects): string[] => [
  `day\u0000${e.businessDate}`,
  `flow\u0000${flowKey(e.flow.month, e.flow.direction, e.flow.bank, e.flow.category)}`,
  ...(e.payer ? [`payer\u0000${payerDayKey(e.payer, e.businessDate)}`] : []),
  ...(e.orgFlow
    ? [
        `org\u0000${outflowPartition(e.orgFlow.branchId, e.orgFlow.month)}\u0000${e.orgFlow.orgPath}${e.orgFlow.bank}`,
      ]
    : []),
];

const sum = (effects: readonly TransactionEffects[], of: (e: TransactionEffects) => number) =>
  effects.reduce((total, e) => total + of(e), 0);

/** The effects' writes: a claim each, and per shared item one update adding the sum of what they add. */
const effectWrites = (tables: {
  state: string;
  flows: string;
  aggregates: string;
}): ClaimedBatch<TransactionEffects> => ({
  own: (e) => [
    {
      Put: {
        TableName: tables.state,
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
  ],
  shared: sharedKeys,
  merge: (key, effects): TransactItems[number] => {
    const e = effects[0]!;
    const kind = key.slice(0, key.indexOf('\u0000'));
    if (kind === 'day') {
      return {
        Update: {
          TableName: tables.state,
          Key: { customerId: e.customerId, key: dayKey(e.businessDate) },
          UpdateExpression: 'SET businessDate = :day, expiresAt = :exp ADD outFen :out, inFen :in, n :count',
          ExpressionAttributeValues: {
            ':day': e.businessDate,
            ':exp': expiresAt(e.businessDate, KEEP_DAYS.day),
            ':out': sum(effects, (x) => x.day.outFen),
            ':in': sum(effects, (x) => x.day.inFen),
            ':count': effects.length,
          },
        },
      };
    }
    if (kind === 'flow') {
      return {
        Update: {
          TableName: tables.flows,
          Key: {
            customerId: e.customerId,
            flowKey: flowKey(e.flow.month, e.flow.direction, e.flow.bank, e.flow.category),
          },
          UpdateExpression:
            'SET #month = :month, direction = :direction, bank = :bank, category = :category ADD amountFen :amount, #count :count',
          ExpressionAttributeNames: { '#month': 'month', '#count': 'count' },
          ExpressionAttributeValues: {
            ':month': e.flow.month,
            ':direction': e.flow.direction,
            ':bank': e.flow.bank,
            ':category': e.flow.category,
            ':amount': sum(effects, (x) => x.flow.amountFen),
            ':count': effects.length,
          },
        },
      };
    }
    if (kind === 'payer') {
      return {
        Update: {
          TableName: tables.state,
          Key: { customerId: e.customerId, key: payerDayKey(e.payer!, e.businessDate) },
          UpdateExpression: 'SET expiresAt = :exp ADD n :count',
          ExpressionAttributeValues: {
            ':exp': expiresAt(e.businessDate, KEEP_DAYS.payer),
            ':count': effects.length,
          },
        },
      };
    }
    // the org unit's cell: each way its own sum and count, only the ways there are
    const o = e.orgFlow!;
    const ways = (['out', 'in'] as const).flatMap((way) => {
      const mine = effects.filter((x) => x.orgFlow!.direction === way);
      return mine.length > 0
        ? [{ way, amount: sum(mine, (x) => x.orgFlow!.amountFen), count: mine.length }]
        : [];
    });
    return {
      Update: {
        TableName: tables.aggregates,
        Key: { aggregateKey: outflowPartition(o.branchId, o.month), scopeKey: `${o.orgPath}${o.bank}` },
        UpdateExpression: `SET orgId = :org, orgPath = :path, bank = :bank, #month = :month ADD ${ways
          .map(({ way }) => `${way}Fen :${way}Amount, ${way}Count :${way}Count`)
          .join(', ')}`,
        ExpressionAttributeNames: { '#month': 'month' },
        ExpressionAttributeValues: {
          ':org': o.orgId,
          ':path': o.orgPath,
          ':bank': o.bank,
          ':month': o.month,
          ...Object.fromEntries(
            ways.flatMap(({ way, amount, count }) => [
              [`:${way}Amount`, amount],
              [`:${way}Count`, count],
            ]),
          ),
        },
      },
    };
  },
});

export const dynamoMonitoringState = (
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
): MonitoringStateStore & MonitoringStateBatch => {
  const state = tableName('monitoring-state');
  // resolved on use: a reader of the state (the rule test) is not granted the tables only apply writes
  const writes = () =>
    effectWrites({ state, flows: tableName('fund-flows'), aggregates: tableName('monitoring-aggregates') });
  const applyAll = async (effects: readonly TransactionEffects[]) =>
    (await writeClaimed(client, effects, writes())).map((o) =>
      o.kind === 'applied' ? 'applied' : 'duplicate',
    );
  const dayTotals = async (customerId: string, from: string, to: string) => {
    const items = await queryAll(client, {
      TableName: state,
      KeyConditionExpression: 'customerId = :c AND #key BETWEEN :from AND :to',
      ExpressionAttributeNames: { '#key': 'key' },
      ExpressionAttributeValues: { ':c': customerId, ':from': dayKey(from), ':to': dayKey(to) },
      ConsistentRead: true,
    });
    return items.map((item) => ({
      businessDate: String(item.businessDate),
      outFen: Number(item.outFen ?? 0),
      inFen: Number(item.inFen ?? 0),
      n: Number(item.n ?? 0),
    }));
  };
  return {
    async apply(e: TransactionEffects) {
      const [outcome] = await applyAll([e]);
      return outcome!;
    },

    applyAll,

    async dayCounts(customerId, from, to) {
      return dayTotals(customerId, from, to);
    },

    async activeDaysBefore(customerId, before, notBefore, limit) {
      const { Items } = await client.send(
        new QueryCommand({
          TableName: state,
          // the day keys are fixed width: every one before D#<before> is at most D#<the day before>
          KeyConditionExpression: 'customerId = :c AND #key BETWEEN :from AND :to',
          ExpressionAttributeNames: { '#key': 'key' },
          ExpressionAttributeValues: {
            ':c': customerId,
            ':from': dayKey(notBefore),
            ':to': dayKey(addDays(before, -1)),
          },
          ScanIndexForward: false,
          ConsistentRead: true,
          Limit: limit,
        }),
      );
      return (Items ?? []).map((i) => ({ businessDate: String(i.businessDate), n: Number(i.n ?? 0) }));
    },

    async payerDays(customerId, payer, from, to) {
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
      return new Map(items.map((item) => [String(item.key).slice(-10), Number(item.n ?? 0)]));
    },

    async days(customerId, from, to) {
      return (await dayTotals(customerId, from, to)).map(({ n: _, ...totals }): DayTotals => totals);
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
