import { describe, expect, it } from 'vitest';
import type { DynamoDBRecord } from 'aws-lambda';
import { interpretBatchResponse, runBatch } from '#shared/dead-letters/batch-outcome.js';

const records: DynamoDBRecord[] = [
  '000000000000000000009',
  '000000000000000000010',
  '000000000000000000011',
].map((SequenceNumber, i) => ({ eventID: `e${i}`, eventName: 'INSERT', dynamodb: { SequenceNumber } }));
const failures = (...itemIdentifier: unknown[]) => ({
  batchItemFailures: itemIdentifier.map((id) => ({ itemIdentifier: id })),
});

describe('reading a stream batch response as Lambda does (ReportBatchItemFailures)', () => {
  it.each([
    ['nothing', undefined],
    ['null', null],
    ['an empty response', {}],
    ['a null list', { batchItemFailures: null }],
    ['an empty list', { batchItemFailures: [] }],
  ])('counts %s as a full success', (_name, response) => {
    expect(interpretBatchResponse(response, records)).toEqual({ kind: 'success' });
  });

  it('resumes at the lowest failed sequence number, compared as numbers', () => {
    const outcome = interpretBatchResponse(
      failures('000000000000000000011', '000000000000000000010'),
      records,
    );
    expect(outcome).toMatchObject({ kind: 'partial', lowestFailed: '000000000000000000010' });
  });

  it.each([
    ['an empty itemIdentifier', failures('')],
    ['a null itemIdentifier', failures(null)],
    ['a misspelt key', { batchItemFailures: [{ itemIdentifer: '000000000000000000010' }] }],
    ['a sequence number not in the batch', failures('000000000000000000012')],
    ['a list that is not a list', { batchItemFailures: 'all' }],
  ])('fails the whole batch for %s', (_name, response) => {
    expect(interpretBatchResponse(response, records)).toMatchObject({ kind: 'error' });
  });

  it('turns a thrown error into a failed outcome with its name and message', async () => {
    const outcome = await runBatch(() => Promise.reject(new TypeError('boom')), records);
    expect(outcome).toEqual({
      kind: 'error',
      reason: { kind: 'function-error', errorType: 'TypeError', message: 'boom' },
    });
  });
});
