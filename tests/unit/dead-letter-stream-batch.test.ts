// A dead letter keeps its id while it waits: a failed replay sends its message again whole, a partial
// one sends the rest, and either way the id (mapping, shard, last sequence number) is the same, the
// replay count goes up by one and the last error and time are the newest; other mappings' letters
// never share it.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DynamoDBRecord } from 'aws-lambda';
import {
  deadLetterIdOf,
  decideAfterReplay,
  parseDeadLetter,
  withFailedReplay,
} from '#shared/dead-letters/stream-batch.js';

const STREAM =
  'arn:aws:dynamodb:cn-north-1:111111111111:table/Ocrm-transactions/stream/2026-12-01T00:00:00.000';
const seq = (n: number) => String(100_000_000_000_000_000_000n + BigInt(n));
const record = (n: number): DynamoDBRecord => ({
  eventID: `e${n}`,
  dynamodb: { SequenceNumber: seq(n), ApproximateCreationDateTime: 1_765_000_000 + n },
});
const body = (size: number) =>
  JSON.stringify({
    requestContext: { condition: 'RetryAttemptsExhausted', approximateInvokeCount: 3 },
    timestamp: '2026-12-07T01:02:03.000Z',
    DDBStreamBatchInfo: {
      shardId: 'shardId-1',
      startSequenceNumber: seq(0),
      endSequenceNumber: seq(size - 1),
      batchSize: size,
      streamArn: STREAM,
    },
  });
const letterOf = (text: string) => {
  const parsed = parseDeadLetter('m', text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.letter;
};

describe('a dead letter’s failed replays', () => {
  it('keep its id and count each one, with the newest error and time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.tuple(fc.nat(), fc.string({ minLength: 1 })), { minLength: 1, maxLength: 6 }),
        (size, failures) => {
          let text = body(size);
          const id = deadLetterIdOf('fn@transactions', letterOf(text).batch);
          failures.forEach(([pick, error], i) => {
            const letter = letterOf(text);
            const records = Array.from({ length: letter.batch.batchSize }, (_, k) =>
              record(size - letter.batch.batchSize + k),
            );
            const lowest = records[pick % records.length]!;
            const decision = decideAfterReplay(JSON.parse(text), records, {
              kind: 'partial',
              lowestFailed: lowest.dynamodb!.SequenceNumber!,
              reason: { kind: 'batch-item-failures', message: error },
            });
            const at = new Date(Date.UTC(2026, 11, 7, 0, i)).toISOString();
            text = withFailedReplay(decision.action === 'requeue-rest' ? decision.body : text, error, at);
            const next = letterOf(text);
            expect(deadLetterIdOf('fn@transactions', next.batch)).toBe(id);
            expect(next).toMatchObject({ replays: i + 1, lastReplayAt: at, lastReplayError: error });
            expect(next.batch.endSequenceNumber).toBe(seq(size - 1));
          });
          expect(deadLetterIdOf('other@transactions', letterOf(text).batch)).not.toBe(id);
          expect(id).toMatch(/^[A-Za-z0-9_-]{1,100}$/);
        },
      ),
    );
  });
});
