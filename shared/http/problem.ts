// RFC 9457 problem+json responses, built in one place.
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DomainError, MethodNotAllowed, ServiceBusy, type FieldError } from '#shared/errors.js';

const RETRY_AFTER_SECONDS = '1';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  correlationId?: string;
  errors?: FieldError[];
}

export const problemResponse = (
  problem: Problem,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 => ({
  statusCode: problem.status,
  headers: { 'content-type': 'application/problem+json', ...headers },
  body: JSON.stringify(problem),
});

export const problemFromError = (
  error: unknown,
  instance: string,
  correlationId: string,
): { problem: Problem; headers: Record<string, string> } => {
  if (error instanceof DomainError) {
    const headers: Record<string, string> =
      error instanceof MethodNotAllowed
        ? { allow: error.allowed.join(', ') }
        : error instanceof ServiceBusy
          ? { 'retry-after': RETRY_AFTER_SECONDS }
          : {};
    return {
      problem: {
        type: error.type,
        title: error.title,
        status: error.status,
        detail: error.message,
        instance,
        correlationId,
        ...(error.errors ? { errors: error.errors } : {}),
      },
      headers,
    };
  }
  if (isThrottling(error)) return problemFromError(new ServiceBusy(), instance, correlationId);
  return {
    problem: {
      type: 'https://ocrm.example/problems/internal-error',
      title: 'Internal error',
      status: 500,
      detail: 'Something went wrong on our side; quote the correlation id to support.',
      instance,
      correlationId,
    },
    headers: {},
  };
};

// What the SDK gives up on after its own retries and that changed nothing: throttling, and a
// write that kept losing a race with another transaction on the same item.
const BUSY = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TransactionConflictException',
  'TransactionInProgressException',
]);
const isThrottling = (error: unknown): boolean =>
  error instanceof Error && (BUSY.has(error.name) || isBusyTransaction(error));

// A TransactWriteItems cancelled by throttling or a conflict is just as retryable — even when a
// condition failed beside it (the store has its answer for a condition alone, and the retry gets
// there); one cancelled by a condition alone is the domain's answer, which its store turns into one.
const BUSY_REASONS = new Set(['ThrottlingError', 'ProvisionedThroughputExceeded', 'TransactionConflict']);
const RETRY_CLEARS = new Set([...BUSY_REASONS, 'ConditionalCheckFailed', 'None']);
const isBusyTransaction = (error: Error): boolean => {
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
  return (
    error.name === 'TransactionCanceledException' &&
    Array.isArray(reasons) &&
    reasons.some((r) => BUSY_REASONS.has(r.Code ?? '')) &&
    reasons.every((r) => RETRY_CLEARS.has(r.Code ?? ''))
  );
};
