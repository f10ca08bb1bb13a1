// RFC 9457 problem+json responses, built in one place.
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DomainError, MethodNotAllowed, type FieldError } from '#shared/errors.js';

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
      error instanceof MethodNotAllowed ? { allow: error.allowed.join(', ') } : {};
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
  if (isThrottling(error)) {
    return {
      problem: {
        type: 'https://ocrm.example/problems/service-busy',
        title: 'Service busy',
        status: 503,
        detail: 'The service is busy; nothing was changed. Retry after a moment.',
        instance,
        correlationId,
      },
      headers: { 'retry-after': '1' },
    };
  }
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

const THROTTLING = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
]);
const isThrottling = (error: unknown): boolean =>
  error instanceof Error && (THROTTLING.has(error.name) || isThrottledTransaction(error));

// A TransactWriteItems cancelled only because of throttling is just as retryable.
const isThrottledTransaction = (error: Error): boolean => {
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
  return (
    error.name === 'TransactionCanceledException' &&
    Array.isArray(reasons) &&
    reasons.some((r) => r.Code === 'ThrottlingError') &&
    reasons.every((r) => r.Code === 'ThrottlingError' || r.Code === 'None')
  );
};
