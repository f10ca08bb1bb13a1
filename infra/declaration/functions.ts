// Every function with its triggers, once. Routes are the contracts themselves (method, path,
// roles, schemas), so the API Gateway route, the local route and the OpenAPI path cannot differ.
import type { FunctionDeclaration, StreamTrigger, TableAccess } from './types.js';
import type { RouteContract } from '#shared/http/contract.js';
import { getHealth, getMe, getOpenApi } from '#shared/platform/api.js';

/** An API function: defaults for a request handler; every authenticated one reads `staff` (the caller). */
const api = (
  name: string,
  entry: string,
  routes: RouteContract[],
  tables: Record<string, TableAccess> = {},
  extra: Partial<FunctionDeclaration> = {},
): FunctionDeclaration => ({
  name,
  entry,
  memoryMb: 512,
  timeoutSeconds: 10,
  routes,
  tables: routes.some((r) => r.auth === 'jwt') ? { staff: 'read', ...tables } : tables,
  ...extra,
});

/** Stream defaults: small batches, partial batch responses, bisect, bounded retries, then the DLQ. */
export const streamDefaults = (table: string, overrides: Partial<StreamTrigger> = {}): StreamTrigger => ({
  kind: 'stream',
  table,
  startingPosition: 'TRIM_HORIZON',
  batchSize: 100,
  maxBatchingWindowSeconds: 0,
  bisectOnError: true,
  retryAttempts: 3,
  maxRecordAgeSeconds: 86_400,
  reportBatchItemFailures: true,
  onFailure: 'dead-letter-queue',
  ...overrides,
});

export const functions: FunctionDeclaration[] = [
  // platform
  api('platform-health', 'functions/platform/health.ts', [getHealth]),
  api('platform-me', 'functions/platform/me.ts', [getMe]),
  api('platform-openapi', 'functions/platform/openapi.ts', [getOpenApi]),
  api('platform-not-found', 'functions/platform/not-found.ts', [], {}, { catchAllRoute: true }),
];
