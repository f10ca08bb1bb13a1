// Every function with its triggers, once. Routes are the contracts themselves (method, path,
// roles, schemas), so the API Gateway route, the local route and the OpenAPI path cannot differ.
import type { FunctionDeclaration, StreamTrigger, TableAccess } from './types.js';
import type { RouteContract } from '#shared/http/contract.js';
import { getHealth, getMe, getOpenApi } from '#shared/platform/api.js';
import { getOrg, getOrgChildren, putOrg } from '#shared/org/api.js';
import { getStaff, listStaff, putStaff } from '#shared/staff/api.js';
import { createCustomer, getCustomer, listCustomers, updateCustomer } from '#shared/customers/api.js';
import { postTransactions } from '#shared/transactions/api.js';
import { listDeadLetters, replayDeadLetter } from '#shared/dead-letters/api.js';

/**
 * An API function: defaults for a request handler. Every authenticated one reads `staff` (who the
 * caller is) and writes `usage` (a day of use or a login, see shared/usage).
 */
export const api = (
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
  tables: routes.some((r) => r.auth === 'jwt') ? { staff: 'read', usage: 'write', ...tables } : tables,
  ...extra,
});

/**
 * The checker's side of a maker-checker capability (shared/maker-checker): list the proposed changes,
 * approve one (the next version stored with the decision and its audit entry) or reject one. Handlers
 * at `functions/<capability>/<subject>-changes.ts`, `-approve.ts`, `-reject.ts`.
 */
export const checkerFunctions = (
  capability: string,
  subject: string,
  table: string,
  routes: Record<'changes' | 'approve' | 'reject', RouteContract>,
): FunctionDeclaration[] => {
  const fn = (step: keyof typeof routes, tables: Record<string, TableAccess>) =>
    api(
      `${capability}-${subject}-${step}`,
      `functions/${capability}/${subject}-${step}.ts`,
      [routes[step]],
      tables,
    );
  return [
    fn('changes', { [table]: 'read' }),
    fn('approve', { [table]: 'read-write', audit: 'append' }),
    fn('reject', { [table]: 'read-write', audit: 'append' }),
  ];
};

/** A record kept within the org tree (a unit, a staff member, a customer): written with its audit entry. */
const keptInOrgTree = (table: string): Record<string, TableAccess> => ({
  [table]: 'read-write',
  orgs: 'read',
  audit: 'append',
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

  // org tree and staff
  api('orgs-get', 'functions/orgs/get.ts', [getOrg], { orgs: 'read' }),
  api('orgs-children', 'functions/orgs/children.ts', [getOrgChildren], { orgs: 'read' }),
  api('orgs-put', 'functions/orgs/put.ts', [putOrg], { orgs: 'read-write', audit: 'append' }),
  api('staff-get', 'functions/staff/get.ts', [getStaff]),
  api('staff-list', 'functions/staff/list.ts', [listStaff], { orgs: 'read' }),
  api('staff-put', 'functions/staff/put.ts', [putStaff], keptInOrgTree('staff')),

  // customers
  api('customers-create', 'functions/customers/create.ts', [createCustomer], keptInOrgTree('customers')),
  api('customers-list', 'functions/customers/list.ts', [listCustomers], { customers: 'read', orgs: 'read' }),
  // the customer 360: every part a key read or a Query of this one customer
  api('customers-get', 'functions/customers/get.ts', [getCustomer], {
    customers: 'read',
    audit: 'append',
    'tier-state': 'read',
    'aum-counters': 'read',
    'tier-policy': 'read',
    'performance-ledger': 'read',
    'sms-consent': 'read',
    'data-quality': 'read',
  }),
  api('customers-update', 'functions/customers/update.ts', [updateCustomer], keptInOrgTree('customers')),

  // transactions: HTTP → table → stream → handler → table
  api('transactions-ingest', 'functions/transactions/ingest.ts', [postTransactions], {
    transactions: 'read-write',
  }),

  // dead letters of the stream consumers: listed and replayed by head-office administrators
  api('dead-letters-list', 'functions/dead-letters/list.ts', [listDeadLetters], {}, { deadLetters: 'list' }),
  api(
    'dead-letters-replay',
    'functions/dead-letters/replay.ts',
    [replayDeadLetter],
    { 'dead-letter-replays': 'read-write', audit: 'append' },
    // a replay waits for the consumer's batch: as long as the HTTP API waits (30 s)
    { timeoutSeconds: 29, deadLetters: 'replay' },
  ),

  // Readers shared by several capabilities: a DynamoDB stream serves at most two readers per shard
  // before it throttles them, so a table's followers beyond its first reader run in one function.
  {
    name: 'ledger-followers',
    entry: 'functions/streams/ledger-followers.ts',
    memoryMb: 512,
    timeoutSeconds: 60,
    tables: {
      // campaign conversions mark the send records the ledger's sales are attributed to
      'campaign-messages': 'read-write',
      maturities: 'read-write',
      products: 'read',
    },
    streams: [streamDefaults('performance-ledger', { filters: [{ eventName: ['INSERT', 'MODIFY'] }] })],
  },
];
