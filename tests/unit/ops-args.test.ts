// The ops kit's pure decisions: the command line, the dead-letter message Lambda writes for a
// DynamoDB stream batch, which records of a shard are the batch, and what a replay's outcome does
// to the message; and the text the commands print.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DynamoDBRecord } from 'aws-lambda';
import { parseArgs, UsageError } from '../../scripts/ops/args.js';
import {
  decideAfterReplay,
  invocationRecordOf,
  parseDeadLetter,
  recordsOfBatch,
  type InvocationRecord,
} from '#shared/dead-letters/stream-batch.js';
import { age, formatStatus, yuan } from '../../scripts/ops/format.js';

const target = { stack: 'Ocrm', json: false };

describe('the command line', () => {
  it('reads each command with its stack, region and profile', () => {
    expect(parseArgs(['status', '--stack', 'Ocrm', '--region', 'cn-north-1', '--profile', 'ops'])).toEqual({
      kind: 'status',
      target: { stack: 'Ocrm', region: 'cn-north-1', profile: 'ops', json: false },
    });
    expect(
      parseArgs(['dead-letters', 'list', 'tiering-on-transaction@transactions', '--stack=Ocrm']),
    ).toEqual({
      kind: 'dead-letters-list',
      target,
      mapping: 'tiering-on-transaction@transactions',
    });
    expect(
      parseArgs(['dead-letters', 'replay', 'a@b#2', '--stack', 'Ocrm', '--limit', '5', '--json']),
    ).toEqual({
      kind: 'dead-letters-replay',
      target: { ...target, json: true },
      mapping: 'a@b#2',
      limit: 5,
    });
    expect(parseArgs(['month-close', 'run', '2026-10', '--stack', 'Ocrm', '--segments', '16'])).toEqual({
      kind: 'month-close-run',
      target,
      month: '2026-10',
      totalSegments: 16,
    });
    expect(parseArgs(['month-close', 'status', '2026-10', '--stack', 'Ocrm'])).toEqual({
      kind: 'month-close-status',
      target,
      month: '2026-10',
    });
    expect(
      parseArgs(['campaign', 'pause', 'C1', '--stack', 'Ocrm', '--as', 'S9', '--note', 'complaint']),
    ).toEqual({
      kind: 'campaign-pause',
      target,
      campaignId: 'C1',
      staffId: 'S9',
      note: 'complaint',
    });
    expect(parseArgs([])).toEqual({ kind: 'help' });
  });

  it.each([
    [['status'], /--stack/],
    [['status', '--stack'], /--stack needs a value/],
    [['status', '--stack', 'Ocrm', '--force'], /unknown option --force/],
    [['dead-letters', 'list', 'customers', '--stack', 'Ocrm'], /function@table/],
    [['dead-letters', 'purge', 'a@b', '--stack', 'Ocrm'], /list\|replay/],
    [['dead-letters', 'replay', 'a@b', '--stack', 'Ocrm', '--limit', '0'], /positive/],
    [['month-close', 'run', '2026-13', '--stack', 'Ocrm'], /YYYY-MM/],
    [['campaign', 'pause', 'C1', '--stack', 'Ocrm'], /--as <staffId>/],
    [['reboot', '--stack', 'Ocrm'], /unknown command reboot/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });
});

const STREAM =
  'arn:aws:dynamodb:cn-north-1:111111111111:table/Ocrm-transactions/stream/2026-12-01T00:00:00.000';
const seq = (n: number) => String(100_000_000_000_000_000_000n + BigInt(n));
const record = (n: number): DynamoDBRecord => ({
  eventID: `e${n}`,
  eventName: 'INSERT',
  eventSourceARN: STREAM,
  dynamodb: { SequenceNumber: seq(n), ApproximateCreationDateTime: 1_765_000_000 + n },
});
/** The invocation record Lambda writes to the on-failure destination of a DynamoDB stream mapping. */
const message = (from: number, to: number): InvocationRecord => ({
  requestContext: {
    requestId: 'r-1',
    functionArn: 'arn:aws:lambda:cn-north-1:111111111111:function:on-tx',
    condition: 'RetryAttemptsExhausted',
    approximateInvokeCount: 3,
  },
  responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
  version: '1.0',
  timestamp: '2026-12-07T01:02:03.000Z',
  DDBStreamBatchInfo: {
    shardId: 'shardId-00000001765000000000-abcdef01',
    startSequenceNumber: seq(from),
    endSequenceNumber: seq(to),
    approximateArrivalOfFirstRecord: '2026-12-07T01:00:00Z',
    approximateArrivalOfLastRecord: '2026-12-07T01:00:01Z',
    batchSize: to - from + 1,
    streamArn: STREAM,
  },
});

describe('a stream mapping’s dead letter', () => {
  it('is read from Lambda’s invocation record; anything else is unreadable', () => {
    const parsed = parseDeadLetter('m-1', JSON.stringify(message(3, 7)));
    expect(parsed).toEqual({
      ok: true,
      letter: {
        messageId: 'm-1',
        failedAt: '2026-12-07T01:02:03.000Z',
        condition: 'RetryAttemptsExhausted',
        attempts: 3,
        functionError: 'Unhandled',
        batch: message(3, 7).DDBStreamBatchInfo,
      },
    });
    expect(parseDeadLetter('m-2', 'hello')).toEqual({ ok: false, error: 'not JSON' });
    expect(parseDeadLetter('m-3', '{"Records":[]}')).toEqual({
      ok: false,
      error: 'not a DynamoDB stream invocation record',
    });
  });

  it('is exactly the records from its first to its last sequence number', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 30 }),
        (from, size, readTo) => {
          const to = from + size;
          const read = Array.from({ length: readTo + 1 }, (_, i) => record(from + i));
          const { records, complete } = recordsOfBatch(message(from, to).DDBStreamBatchInfo, read);
          expect(records.map((r) => r.eventID)).toEqual(
            Array.from({ length: Math.min(size, readTo) + 1 }, (_, i) => `e${from + i}`),
          );
          expect(complete).toBe(readTo >= size);
        },
      ),
    );
  });

  it('is deleted after a success, kept after an error, and narrowed to the rest after a partial failure', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.nat(), (size, pick) => {
        const original = message(10, 10 + size - 1);
        const records = Array.from({ length: size }, (_, i) => record(10 + i));
        expect(decideAfterReplay(original, records, { kind: 'success' })).toEqual({ action: 'delete' });
        const reason = { kind: 'function-error' as const, message: 'boom' };
        expect(decideAfterReplay(original, records, { kind: 'error', reason })).toEqual({
          action: 'keep',
          error: 'boom',
        });
        const failedAt = pick % size;
        const decision = decideAfterReplay(original, records, {
          kind: 'partial',
          lowestFailed: seq(10 + failedAt),
          reason: { kind: 'batch-item-failures', message: 'one failed' },
        });
        if (failedAt === 0) {
          expect(decision).toEqual({ action: 'keep', error: 'one failed' });
          return;
        }
        expect(decision.action).toBe('requeue-rest');
        if (decision.action !== 'requeue-rest') return;
        expect(decision.remaining).toBe(size - failedAt);
        const rest = invocationRecordOf(decision.body);
        expect(rest.DDBStreamBatchInfo).toMatchObject({
          startSequenceNumber: seq(10 + failedAt),
          endSequenceNumber: original.DDBStreamBatchInfo.endSequenceNumber,
          batchSize: size - failedAt,
          shardId: original.DDBStreamBatchInfo.shardId,
        });
        // everything else Lambda wrote is kept, fields this code does not know included
        expect(rest.requestContext).toEqual(original.requestContext);
        expect((rest as { version?: string }).version).toBe('1.0');
      }),
    );
  });
});

describe('what status prints', () => {
  it('names ages, depths, the month close and the spend in a person’s units', () => {
    expect([age(850), age(42_000), age(425_000)]).toEqual(['850ms', '42s', '7m 05s']);
    expect(yuan(1_234_567)).toBe('¥12,345.67');
    const text = formatStatus({
      stack: 'Ocrm',
      at: '2026-12-07T02:00:00.000Z',
      resources: { functions: 4, mappings: 1, queues: 2, tables: 3, unplaced: 0 },
      mappings: [
        {
          name: 'tiering-on-transaction@transactions',
          function: 'tiering-on-transaction',
          iteratorAgeMs: 61_000,
        },
      ],
      deadLetters: [
        {
          name: 'tiering-on-transaction/TransactionsStreamDeadLetters',
          mapping: 'x',
          visible: 2,
          inFlight: 0,
        },
      ],
      monthClose: { month: '2026-11' },
      sms: { month: '2026-12', channel: 'sns', spentFen: 250_000, budgetFen: 1_000_000 },
    });
    expect(text).toContain('tiering-on-transaction@transactions  1m 01s');
    expect(text).toContain('tiering-on-transaction/TransactionsStreamDeadLetters  2');
    expect(text).toContain('month close 2026-11: not run');
    expect(text).toContain('SMS spend 2026-12 (sns): ¥2,500.00 of ¥10,000.00 (25.0%)');
    expect(text).toContain('dead letters waiting in 1 queue(s)');
  });
});
