// Several consumers on one stream mapping: every consumer sees every record in order, one failing
// consumer neither hides the record from the others nor lets the record pass as done.
import { describe, expect, it } from 'vitest';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import * as z from 'zod';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { groupedStreamHandler, streamConsumer } from '#shared/stream/stream-handler.js';

const Item = z.object({ id: z.string(), n: z.number() });
const record = (i: number, n: number | string): DynamoDBRecord => ({
  eventID: `e${i}`,
  eventName: 'INSERT',
  dynamodb: {
    SequenceNumber: String(100 + i).padStart(21, '0'),
    NewImage: marshall({ id: `I${i}`, n }) as Record<string, AttributeValue> as never,
  },
});
const context = { functionName: 'test', awsRequestId: 'r' } as Context;

const recording = (name: string, seen: string[], failOn?: string) =>
  streamConsumer(name, {
    image: Item,
    insert: async ({ newImage }) => {
      seen.push(`${name}:${newImage!.id}`);
      if (newImage!.id === failOn) throw new Error(`${name} cannot apply ${failOn}`);
    },
    modify: 'ignore',
    remove: 'ignore',
  });

describe('a stream mapping shared by several consumers', () => {
  it('runs every consumer on every record, in the order given', async () => {
    const seen: string[] = [];
    const handler = groupedStreamHandler(recording('tiering', seen), recording('reports', seen));
    const event: DynamoDBStreamEvent = { Records: [record(1, 1), record(2, 2)] };
    const response = await handler(event, context);
    expect(response.batchItemFailures).toEqual([]);
    expect(seen).toEqual(['tiering:I1', 'reports:I1', 'tiering:I2', 'reports:I2']);
  });

  it('a failing consumer still lets the others apply, and the record is reported failed for a retry', async () => {
    const seen: string[] = [];
    const handler = groupedStreamHandler(recording('first', seen, 'I1'), recording('second', seen));
    const event: DynamoDBStreamEvent = { Records: [record(1, 1), record(2, 2)] };
    const response = await handler(event, context);
    expect(seen).toEqual(['first:I1', 'second:I1', 'first:I2', 'second:I2']);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: record(1, 1).dynamodb!.SequenceNumber }]);
  });

  it('a record no consumer can read (schema mismatch) fails alone', async () => {
    const seen: string[] = [];
    const handler = groupedStreamHandler(recording('a', seen), recording('b', seen));
    const event: DynamoDBStreamEvent = { Records: [record(1, 'not a number'), record(2, 2)] };
    const response = await handler(event, context);
    expect(seen).toEqual(['a:I2', 'b:I2']);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: record(1, 1).dynamodb!.SequenceNumber }]);
  });
});
