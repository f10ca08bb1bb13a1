// DynamoDB adapter of the payer sets, in the `relationship-graph` table, a partition per counterparty
// account node (A…):
//   P#<customerId>              the customer's first payment to the account
//   W#<date>#<customerId>       the same, by date: a window's payers are one range
//   D#<date>                    payers: how many first paid that day
//   META                        firstDate: the first day any of our customers paid it
//   F#<windowStart>             the window raised its alerts for every payer
// A payment earlier than the kept first moves the payer (its P, W and D items) in one
// TransactWriteItems on the version read; a later one, or a replay, writes nothing.
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import { transactWrite, type TransactItems } from '#shared/adapters/transact.js';
import { GRAPH_TABLE } from './dynamo-graph.js';
import { isEarlierPayment } from './payer-order.js';
import type { FirstPayment, PayerSetStore } from './ports.js';

const payerKey = (customerId: string) => `P#${customerId}`;
const windowKey = (date: string, customerId: string) => `W#${date}#${customerId}`;
const dayKey = (date: string) => `D#${date}`;
const META = 'META';
const firedKey = (start: string) => `F#${start}`;
const MAX_ATTEMPTS = 20;

const paymentOf = (item: Record<string, unknown>): FirstPayment => {
  const { nodeId: _n, key: _k, version: _v, ...payment } = item;
  return payment as unknown as FirstPayment;
};

export const dynamoPayerSets = (client: DynamoDBDocumentClient = dynamoDocumentClient()): PayerSetStore => {
  const table = () => tableName(GRAPH_TABLE);
  const get = async (nodeId: string, key: string) =>
    (await client.send(new GetCommand({ TableName: table(), Key: { nodeId, key }, ConsistentRead: true })))
      .Item;
  const between = (nodeId: string, from: string, to: string, limit?: number) =>
    client.send(
      new QueryCommand({
        TableName: table(),
        KeyConditionExpression: 'nodeId = :n AND #key BETWEEN :from AND :to',
        ExpressionAttributeNames: { '#key': 'key' },
        ExpressionAttributeValues: { ':n': nodeId, ':from': from, ':to': to },
        ConsistentRead: true,
        ...(limit ? { Limit: limit } : {}),
      }),
    );
  const dayCount = (nodeId: string, date: string, delta: number) => ({
    Update: {
      TableName: table(),
      Key: { nodeId, key: dayKey(date) },
      UpdateExpression: 'ADD payers :d',
      ExpressionAttributeValues: { ':d': delta },
    },
  });
  const keepFirstSeen = async (nodeId: string, date: string) => {
    try {
      await client.send(
        new UpdateCommand({
          TableName: table(),
          Key: { nodeId, key: META },
          UpdateExpression: 'SET firstDate = :d',
          ConditionExpression: 'attribute_not_exists(firstDate) OR firstDate > :d',
          ExpressionAttributeValues: { ':d': date },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  };
  return {
    async recordPayer(nodeId, payment) {
      for (let attempt = 1; ; attempt++) {
        const item = await get(nodeId, payerKey(payment.customerId));
        const kept = item && paymentOf(item);
        if (kept && !isEarlierPayment(payment, kept)) {
          // the kept first again (a replay): its first-seen write may be what failed last time
          if (kept.transactionId === payment.transactionId) await keepFirstSeen(nodeId, kept.businessDate);
          return kept;
        }
        const version = (item?.version as number | undefined) ?? 0;
        const items: TransactItems = [
          {
            Put: {
              TableName: table(),
              Item: { nodeId, key: payerKey(payment.customerId), ...payment, version: version + 1 },
              ConditionExpression: item ? 'version = :v' : 'attribute_not_exists(nodeId)',
              ...(item ? { ExpressionAttributeValues: { ':v': version } } : {}),
            },
          },
          {
            Put: {
              TableName: table(),
              Item: { nodeId, key: windowKey(payment.businessDate, payment.customerId), ...payment },
            },
          },
        ];
        if (!kept) items.push(dayCount(nodeId, payment.businessDate, 1));
        else if (kept.businessDate !== payment.businessDate) {
          items.push(
            {
              Delete: {
                TableName: table(),
                Key: { nodeId, key: windowKey(kept.businessDate, payment.customerId) },
              },
            },
            dayCount(nodeId, kept.businessDate, -1),
            dayCount(nodeId, payment.businessDate, 1),
          );
        }
        const outcome = await transactWrite(client, items);
        if (outcome.ok) {
          await keepFirstSeen(nodeId, payment.businessDate);
          return payment;
        }
        // another payment of this customer to this account moved the payer meanwhile: read again
        if (attempt >= MAX_ATTEMPTS)
          throw new Error(`payer ${payment.customerId} of ${nodeId} kept changing`);
      }
    },
    async firstPayersPerDay(nodeId, from, to) {
      const out = await between(nodeId, dayKey(from), dayKey(to));
      return new Map((out.Items ?? []).map((i) => [String(i.key).slice(2), Number(i.payers)] as const));
    },
    async payersBetween(nodeId, from, to, limit) {
      const out = await between(nodeId, `W#${from}#`, `W#${to}#~`, limit);
      return (out.Items ?? []).map(paymentOf);
    },
    async firstSeen(nodeId) {
      return (await get(nodeId, META))?.firstDate as string | undefined;
    },
    async hasFired(nodeId, start) {
      return (await get(nodeId, firedKey(start))) !== undefined;
    },
    async markFired(nodeId, start) {
      await client.send(new PutCommand({ TableName: table(), Item: { nodeId, key: firedKey(start) } }));
    },
  };
};
