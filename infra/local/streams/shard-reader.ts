// Reading a DynamoDB stream's shards: listing them, an iterator from a checkpoint (or the start), a
// page of records. The Streams I/O of the poller.
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type DynamoDBStreamsClient,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import { toLambdaRecord } from '#shared/stream/lambda-record.js';

/** GetRecords returns at most 1000 records. */
export const GET_RECORDS_LIMIT = 1000;

export const listShards = async (streams: DynamoDBStreamsClient, streamArn: string): Promise<Shard[]> => {
  const shards: Shard[] = [];
  let ExclusiveStartShardId: string | undefined;
  do {
    const { StreamDescription } = await streams.send(
      new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId }),
    );
    shards.push(...(StreamDescription?.Shards ?? []));
    ExclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
  } while (ExclusiveStartShardId);
  return shards;
};

/**
 * An iterator just after `checkpoint`, or at `startAt` without one; from TRIM_HORIZON when the
 * records after the checkpoint were trimmed (said through `report`). Undefined: a closed shard read to its end.
 */
export const openIterator = async (
  streams: DynamoDBStreamsClient,
  at: { streamArn: string; shardId: string; checkpoint?: string; startAt: 'TRIM_HORIZON' | 'LATEST' },
  report: (line: string) => void,
): Promise<string | undefined> => {
  const iterator = async (
    type: 'AFTER_SEQUENCE_NUMBER' | 'TRIM_HORIZON' | 'LATEST',
    SequenceNumber?: string,
  ): Promise<string | undefined> =>
    (
      await streams.send(
        new GetShardIteratorCommand({
          StreamArn: at.streamArn,
          ShardId: at.shardId,
          ShardIteratorType: type,
          SequenceNumber,
        }),
      )
    ).ShardIterator;
  if (!at.checkpoint) return iterator(at.startAt);
  try {
    return await iterator('AFTER_SEQUENCE_NUMBER', at.checkpoint);
  } catch (error) {
    if ((error as Error).name !== 'TrimmedDataAccessException') throw error;
    report(`shard ${at.shardId}: records after ${at.checkpoint} were trimmed; reading from TRIM_HORIZON`);
    return iterator('TRIM_HORIZON');
  }
};

/** One page of the shard in Lambda's record shape, and the iterator after it (none: the shard ended). */
export const readRecords = async (
  streams: DynamoDBStreamsClient,
  streamArn: string,
  iterator: string,
): Promise<{ records: DynamoDBRecord[]; next?: string }> => {
  const out = await streams.send(
    new GetRecordsCommand({ ShardIterator: iterator, Limit: GET_RECORDS_LIMIT }),
  );
  return {
    records: (out.Records ?? []).map((raw) => toLambdaRecord(raw, streamArn)),
    next: out.NextShardIterator,
  };
};
