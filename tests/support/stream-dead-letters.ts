// For the dead-letter tests on DynamoDB Local's real stream: items written to a table with a stream,
// read back as the stream holds them (shard, sequence numbers), and the invocation record Lambda puts
// on a mapping's on-failure queue when it gives up on a batch of them.
import { randomUUID } from 'node:crypto';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type DynamoDBStreamsClient,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';

export interface WrittenBatch {
  streamArn: string;
  shardId: string;
  records: _Record[];
}

/** Writes items to `table` and returns them as its stream holds them (its first shard). */
export const streamWriter =
  (clients: { dynamodb: DynamoDBClient; streams: DynamoDBStreamsClient }, table: () => string) =>
  async (items: { pk: string; amount: number; poison?: boolean }[]): Promise<WrittenBatch> => {
    const { dynamodb, streams } = clients;
    const document = DynamoDBDocumentClient.from(dynamodb);
    const TableName = table();
    for (const Item of items) await document.send(new PutCommand({ TableName, Item }));
    const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName }));
    const streamArn = Table!.LatestStreamArn!;
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    const shardId = StreamDescription!.Shards![0]!.ShardId!;
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ShardIteratorType: 'TRIM_HORIZON',
      }),
    );
    const { Records = [] } = await streams.send(new GetRecordsCommand({ ShardIterator, Limit: 1000 }));
    const ours = Records.filter((r) => items.some((i) => i.pk === r.dynamodb?.Keys?.pk?.S));
    return { streamArn, shardId, records: ours };
  };

/** What Lambda puts on the queue when it gives up on the batch of these records (at `timestamp`). */
export const lambdaDeadLetter = (batch: WrittenBatch, timestamp = new Date().toISOString()) =>
  JSON.stringify({
    requestContext: {
      requestId: randomUUID(),
      functionArn: 'arn:aws:lambda:local:1:function:f',
      condition: 'RetryAttemptsExhausted',
      approximateInvokeCount: 3,
    },
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
    version: '1.0',
    timestamp,
    DDBStreamBatchInfo: {
      shardId: batch.shardId,
      startSequenceNumber: batch.records[0]!.dynamodb!.SequenceNumber,
      endSequenceNumber: batch.records.at(-1)!.dynamodb!.SequenceNumber,
      approximateArrivalOfFirstRecord: timestamp,
      approximateArrivalOfLastRecord: timestamp,
      batchSize: batch.records.length,
      streamArn: batch.streamArn,
    },
  });
