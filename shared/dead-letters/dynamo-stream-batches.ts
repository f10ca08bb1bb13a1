// A dead letter's batch read back from its DynamoDB stream shard (the stream keeps records 24 hours):
// GetShardIterator AT_SEQUENCE_NUMBER of its first record, then GetRecords until its last, in the
// shape Lambda delivers records in.
import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  type DynamoDBStreamsClient,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import { toLambdaRecord } from '#shared/stream/lambda-record.js';
import { readPastBatch, recordsOfBatch, type StreamBatchInfo } from './stream-batch.js';

/** GetRecords pages read for one batch before giving up (a batch is at most 10,000 records). */
const MAX_PAGES = 100;

/** The batch's records, read back from its shard in Lambda's event shape. */
export const readBatch = async (
  streams: DynamoDBStreamsClient,
  batch: StreamBatchInfo,
): Promise<{ records: DynamoDBRecord[]; complete: boolean }> => {
  let iterator: string | undefined;
  try {
    ({ ShardIterator: iterator } = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: batch.streamArn,
        ShardId: batch.shardId,
        ShardIteratorType: 'AT_SEQUENCE_NUMBER',
        SequenceNumber: batch.startSequenceNumber,
      }),
    ));
  } catch (error) {
    // trimmed (older than 24 hours) or the stream is gone
    if (
      (error as Error).name === 'TrimmedDataAccessException' ||
      (error as Error).name === 'ResourceNotFoundException'
    ) {
      return { records: [], complete: false };
    }
    throw error;
  }
  const read: DynamoDBRecord[] = [];
  for (let page = 0; iterator && page < MAX_PAGES && !readPastBatch(batch, read); page++) {
    const out = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
    read.push(...(out.Records ?? []).map((r) => toLambdaRecord(r, batch.streamArn)));
    iterator = out.NextShardIterator;
    // an open shard answers empty pages once caught up: nothing more of this batch will come
    if ((out.Records ?? []).length === 0 && read.length > 0) break;
  }
  return recordsOfBatch(batch, read);
};
