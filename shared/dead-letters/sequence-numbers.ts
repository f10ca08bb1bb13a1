// A stream record's place in its shard: its sequence number, and their order (decimal strings of
// varying length, compared as numbers). What Lambda's batch responses and dead letters name records by.
import type { DynamoDBRecord } from 'aws-lambda';

export const sequenceNumberOf = (record: DynamoDBRecord): string => record.dynamodb?.SequenceNumber ?? '';

/** Sequence numbers are decimal strings of varying length: compare them as numbers. */
export const compareSequenceNumbers = (a: string, b: string): number => {
  const [x, y] = [BigInt(a), BigInt(b)];
  return x < y ? -1 : x > y ? 1 : 0;
};
