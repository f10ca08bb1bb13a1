// A consumer that takes a key's records of a batch together (upsertGroup): it gets them at once, in
// stream order, before the consumers after it see any; a failure in it fails its first record and
// holds the rest of the key back; a record it cannot read cuts the group there; other keys go on.
import { describe, expect, it } from 'vitest';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import * as z from 'zod';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { groupedStreamHandler, streamConsumer } from '#shared/stream/stream-handler.js';

const Item = z.object({ customerId: z.string(), id: z.string(), n: z.number() });
const record = (i: number, customerId: string, n: number | string = i): DynamoDBRecord => ({
  eventID: `e${i}`,
  eventName: 'INSERT',
  dynamodb: {
    SequenceNumber: String(100 + i).padStart(21, '0'),
    Keys: marshall({ id: `I${i}` }) as Record<string, AttributeValue> as never,
    NewImage: marshall({ customerId, id: `I${i}`, n }) as Record<string, AttributeValue> as never,
  },
});
const context = { functionName: 'test', awsRequestId: 'r' } as Context;
const sequence = (i: number) => ({ itemIdentifier: record(i, 'x').dynamodb!.SequenceNumber });

const together = (seen: string[], failOn?: string) =>
  streamConsumer('together', {
    image: Item,
    insert: async () => {
      throw new Error('one at a time was not expected');
    },
    modify: 'ignore',
    remove: 'ignore',
    upsertGroup: async (changes) => {
      seen.push(`together:${changes.map((c) => c.newImage!.id).join('+')}`);
      if (changes.some((c) => c.newImage!.id === failOn)) throw new Error(`cannot apply ${failOn}`);
    },
  });
const single = (seen: string[]) =>
  streamConsumer('single', {
    image: Item,
    insert: async ({ newImage }) => void seen.push(`single:${newImage!.id}`),
    modify: 'ignore',
    remove: 'ignore',
  });

describe('a consumer that takes a key’s records together', () => {
  it('gets each customer’s records at once, in stream order, before the next consumer sees them', async () => {
    const seen: string[] = [];
    process.env.OCRM_STREAM_KEYS_IN_FLIGHT = '1';
    const handler = groupedStreamHandler(together(seen), single(seen));
    const event: DynamoDBStreamEvent = {
      Records: [record(1, 'A'), record(2, 'B'), record(3, 'A'), record(4, 'A')],
    };
    const response = await handler(event, context);
    delete process.env.OCRM_STREAM_KEYS_IN_FLIGHT;
    expect(response.batchItemFailures).toEqual([]);
    expect(seen).toEqual([
      'together:I1+I3+I4',
      'single:I1',
      'single:I3',
      'single:I4',
      'together:I2',
      'single:I2',
    ]);
  });

  it('a failure fails the key’s records from its first on, after the others saw that first one', async () => {
    const seen: string[] = [];
    const handler = groupedStreamHandler(together(seen, 'I3'), single(seen));
    const event: DynamoDBStreamEvent = { Records: [record(1, 'A'), record(2, 'B'), record(3, 'A')] };
    const response = await handler(event, context);
    expect(seen).toContain('together:I2');
    expect(seen).toContain('single:I2');
    expect(seen).toContain('single:I1');
    expect(seen).not.toContain('single:I3');
    expect(response.batchItemFailures).toEqual([sequence(1), sequence(3)]);
  });

  it('a record it cannot read cuts the group: those before it apply, it and the later ones fail', async () => {
    const seen: string[] = [];
    const handler = groupedStreamHandler(together(seen), single(seen));
    const event: DynamoDBStreamEvent = {
      Records: [record(1, 'A'), record(2, 'A', 'not a number'), record(3, 'A')],
    };
    const response = await handler(event, context);
    expect(seen).toEqual(['together:I1', 'single:I1']);
    expect(response.batchItemFailures).toEqual([sequence(2), sequence(3)]);
  });
});
