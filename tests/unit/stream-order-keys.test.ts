// The stream wrapper with keyed records: one customer's records in stream order through every
// consumer, a failure holding back that customer's later records (reported, to retry together)
// while other customers go on, and the response Lambda reads (the lowest failed sequence number).
import { describe, expect, it } from 'vitest';
import type { Context, DynamoDBRecord } from 'aws-lambda';
import * as z from 'zod';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { groupedStreamHandler, streamConsumer } from '#shared/stream/stream-handler.js';
import { byAttribute, byCustomer, byItem } from '#shared/stream/order-keys.js';

const Txn = z.object({ transactionId: z.string(), customerId: z.string() });
const seq = (i: number) => String(100 + i).padStart(21, '0');
const record = (i: number, customerId: string): DynamoDBRecord => ({
  eventID: `e${i}`,
  eventName: 'INSERT',
  dynamodb: {
    SequenceNumber: seq(i),
    Keys: marshall({ transactionId: `T${i}` }) as Record<string, AttributeValue> as never,
    NewImage: marshall({ transactionId: `T${i}`, customerId }) as Record<string, AttributeValue> as never,
  },
});
const context = { functionName: 'test', awsRequestId: 'r' } as Context;
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('order keys', () => {
  it('a transaction is ordered by its customer, an item naming none by its keys', () => {
    expect(byCustomer(record(1, 'C1'))).toBe('customerId:C1');
    expect(byCustomer(record(2, 'C1'))).toBe(byCustomer(record(3, 'C1')));
    const task: DynamoDBRecord = {
      dynamodb: { Keys: { taskId: { S: 't1' } }, NewImage: { taskId: { S: 't1' } } },
    };
    expect(byCustomer(task)).toBe(byItem(task));
    // the key's attributes in any order spell one key
    expect(byItem({ dynamodb: { Keys: { a: { S: '1' }, b: { N: '2' } } } })).toBe(
      byItem({ dynamodb: { Keys: { b: { N: '2' }, a: { S: '1' } } } }),
    );
    expect(byItem({ dynamodb: {} })).toBeUndefined();
    expect(byAttribute('registrationId')({ dynamodb: { OldImage: { registrationId: { S: 'R1' } } } })).toBe(
      'registrationId:R1',
    );
  });
});

describe('a batch of several customers', () => {
  it('applies one customer’s records in stream order through every consumer; customers side by side', async () => {
    const seen: string[] = [];
    const consumer = (name: string) =>
      streamConsumer(name, {
        image: Txn,
        insert: async ({ newImage }) => {
          seen.push(`${name}:${newImage!.transactionId}:start`);
          await tick();
          seen.push(`${name}:${newImage!.transactionId}:end`);
        },
        modify: 'ignore',
        remove: 'ignore',
      });
    const handler = groupedStreamHandler(consumer('tiering'), consumer('reports'));
    const customers = ['C1', 'C2', 'C1', 'C3', 'C2', 'C1'];
    const response = await handler({ Records: customers.map((c, i) => record(i, c)) }, context);
    expect(response.batchItemFailures).toEqual([]);
    // side by side: a second customer started before the first one's first record ended
    expect(seen.indexOf('tiering:T1:start')).toBeLessThan(seen.indexOf('tiering:T0:end'));
    for (const customer of ['C1', 'C2', 'C3']) {
      const own = customers.flatMap((c, i) => (c === customer ? [`T${i}`] : []));
      const steps = seen.filter((s) => own.includes(s.split(':')[1]!));
      // strictly one after another: each record through both consumers before the next starts
      expect(steps).toEqual(
        own.flatMap((t) => [
          `tiering:${t}:start`,
          `tiering:${t}:end`,
          `reports:${t}:start`,
          `reports:${t}:end`,
        ]),
      );
    }
  });

  it('a failed record holds back its customer’s later records; other customers go on', async () => {
    const applied: string[] = [];
    const handler = groupedStreamHandler(
      streamConsumer('tiering', {
        image: Txn,
        insert: async ({ newImage }) => {
          await tick();
          if (newImage!.transactionId === 'T2') throw new Error('throttled');
          applied.push(newImage!.transactionId);
        },
        modify: 'ignore',
        remove: 'ignore',
      }),
    );
    const customers = ['C1', 'C2', 'C1', 'C2', 'C1', 'C3'];
    const response = await handler({ Records: customers.map((c, i) => record(i, c)) }, context);
    expect(applied.sort()).toEqual(['T0', 'T1', 'T3', 'T5']);
    // T2 failed, T4 (C1, later) held; Lambda resumes from the lowest: T2
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: seq(2) }, { itemIdentifier: seq(4) }]);
  });

  it('every record failed or held: the whole batch fails, as before', async () => {
    const handler = groupedStreamHandler(
      streamConsumer('tiering', {
        image: Txn,
        insert: async () => {
          throw new Error('down');
        },
        modify: 'ignore',
        remove: 'ignore',
      }),
    );
    await expect(handler({ Records: [record(0, 'C1'), record(1, 'C1')] }, context)).rejects.toMatchObject({
      name: 'FullBatchFailureError',
    });
  });

  it('consumers of one mapping must order by one key', () => {
    const options = { image: Txn, insert: 'ignore', modify: 'ignore', remove: 'ignore' } as const;
    expect(() =>
      groupedStreamHandler(
        streamConsumer('a', { ...options, orderKey: byItem }),
        streamConsumer('b', { ...options, orderKey: byCustomer }),
      ),
    ).toThrow(/different keys/);
  });
});
