// Which DynamoDB faults a client may retry (503 + Retry-After) and which are not the client's to retry.
import { describe, expect, it } from 'vitest';
import {
  ProvisionedThroughputExceededException,
  ThrottlingException,
  TransactionCanceledException,
  TransactionConflictException,
  type CancellationReason,
} from '@aws-sdk/client-dynamodb';
import { problemFromError } from '#shared/http/problem.js';
import { ServiceBusy } from '#shared/errors.js';

const $metadata = {};
const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata,
    CancellationReasons: codes.map((Code): CancellationReason => ({ Code })),
  });
const answer = (error: unknown) => {
  const { problem, headers } = problemFromError(error, '/v1/x', 'c-1');
  return { status: problem.status, retryAfter: headers['retry-after'] };
};
const busy = { status: 503, retryAfter: '1' };

describe('faults a retry clears answer 503 + Retry-After', () => {
  it.each([
    ['ThrottlingException', new ThrottlingException({ message: 'slow down', $metadata })],
    [
      'ProvisionedThroughputExceededException',
      new ProvisionedThroughputExceededException({ message: 'over', $metadata }),
    ],
    ['TransactionConflictException', new TransactionConflictException({ message: 'conflict', $metadata })],
    ['a transaction cancelled by a conflict', cancelled('None', 'TransactionConflict')],
    ['a transaction cancelled by throttling', cancelled('ThrottlingError', 'None')],
    ['a transaction cancelled by throughput', cancelled('ProvisionedThroughputExceeded')],
    ['a conflict beside a failed condition', cancelled('ConditionalCheckFailed', 'TransactionConflict')],
    ['unprocessed batch items that never cleared (ServiceBusy)', new ServiceBusy()],
  ])('%s', (_name, error) => {
    expect(answer(error)).toEqual(busy);
  });
});

describe('faults a retry does not clear are not 503', () => {
  it('a transaction cancelled by a condition alone, or by an invalid item, is an error of ours (500)', () => {
    // (its store answers a condition it expects: 409 or an idempotent success)
    expect(answer(cancelled('ConditionalCheckFailed', 'None'))).toEqual({
      status: 500,
      retryAfter: undefined,
    });
    expect(answer(cancelled('ValidationError', 'TransactionConflict'))).toEqual({
      status: 500,
      retryAfter: undefined,
    });
  });
});
