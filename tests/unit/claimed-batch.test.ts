// writeClaimed's answers to what DynamoDB Local does not produce on demand: a transaction cancelled
// for several claims at once alongside a conflict, a failed condition it did not set, and throttling.
// (Replays through real cancellations are covered on DynamoDB Local by the coalesced property tests.)
import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { writeClaimed, type ClaimedBatch } from '#shared/adapters/claimed-batch.js';

const document = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const dynamo = mockClient(document);

interface Change {
  id: string;
  day: string;
  amount: number;
}

const batch: ClaimedBatch<Change> = {
  own: (c) => [
    {
      Put: {
        TableName: 't',
        Item: { pk: c.id },
        ConditionExpression: 'attribute_not_exists(pk)',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    },
  ],
  shared: (c) => [c.day],
  merge: (day, changes) => ({
    Update: {
      TableName: 't',
      Key: { pk: day },
      UpdateExpression: 'ADD total :sum',
      ExpressionAttributeValues: { ':sum': changes.reduce((s, c) => s + c.amount, 0) },
    },
  }),
};

const cancelled = (codes: string[]) =>
  new TransactionCanceledException({
    message: 'cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) =>
      Code === 'ConditionalCheckFailed' ? { Code, Item: { pk: { S: 'was' } } } : { Code },
    ),
  });

const changes: Change[] = [
  { id: 'a', day: 'd1', amount: 1 },
  { id: 'b', day: 'd1', amount: 2 },
  { id: 'c', day: 'd2', amount: 4 },
];

beforeEach(() => dynamo.reset());

describe('writeClaimed', () => {
  it('drops every change whose claim failed and writes the others again, with only their sums', async () => {
    dynamo
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled(['ConditionalCheckFailed', 'None', 'ConditionalCheckFailed', 'None', 'None']))
      .resolves({});
    const outcomes = await writeClaimed(document, changes, batch);
    expect(outcomes).toEqual([
      { kind: 'duplicate', claim: { pk: 'was' } },
      { kind: 'applied' },
      { kind: 'duplicate', claim: { pk: 'was' } },
    ]);
    const calls = dynamo.commandCalls(TransactWriteCommand);
    expect(calls).toHaveLength(2);
    const retried = calls[1]!.args[0].input.TransactItems!;
    expect(retried).toHaveLength(2);
    expect(retried[0]!.Put!.Item).toEqual({ pk: 'b' });
    expect(retried[1]!.Update).toMatchObject({ Key: { pk: 'd1' }, ExpressionAttributeValues: { ':sum': 2 } });
  });

  it('tries a conflicted transaction again as it was', async () => {
    dynamo
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled(['None', 'TransactionConflict', 'None', 'None', 'None']))
      .resolves({});
    expect(await writeClaimed(document, changes, batch)).toEqual(changes.map(() => ({ kind: 'applied' })));
    const calls = dynamo.commandCalls(TransactWriteCommand);
    expect(calls[1]!.args[0].input.TransactItems).toEqual(calls[0]!.args[0].input.TransactItems);
  });

  it('fails on a condition that is not a claim, and on throttling (the records are retried)', async () => {
    dynamo
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled(['None', 'None', 'None', 'ConditionalCheckFailed', 'None']));
    await expect(writeClaimed(document, changes, batch)).rejects.toThrow(/condition it does not set/);
    const throttled = Object.assign(new Error('Rate of requests exceeds the allowed throughput'), {
      name: 'ThrottlingException',
    });
    dynamo.on(TransactWriteCommand).rejects(throttled);
    await expect(writeClaimed(document, changes, batch)).rejects.toThrow(/allowed throughput/);
  });

  it('puts at most 100 items in one transaction, sums per chunk', async () => {
    dynamo.on(TransactWriteCommand).resolves({});
    const many = Array.from({ length: 150 }, (_, i) => ({ id: `x${i}`, day: `d${i % 3}`, amount: 1 }));
    expect((await writeClaimed(document, many, batch)).every((o) => o.kind === 'applied')).toBe(true);
    const sizes = dynamo.commandCalls(TransactWriteCommand).map((c) => c.args[0].input.TransactItems!.length);
    // 97 claims and 3 days, then the other 53 claims and their 3 days
    expect(sizes).toEqual([100, 56]);
  });
});
