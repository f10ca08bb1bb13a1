// The tiering capability's adapters, built once per container by the handlers that need them.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Clock } from '#shared/clock.js';
import { clock } from '#shared/adapters/runtime.js';
import { dynamoCustomerStore } from '#shared/customers/dynamo-customers.js';
import { dynamoCounterStore } from './dynamo-counters.js';
import { dynamoPolicyStore } from './dynamo-policy.js';
import { cachedPolicyStore } from './policy-cache.js';
import { dynamoTierStore } from './dynamo-tiers.js';
import { dynamoMonthCloseStore, dynamoSegmentTaskQueue } from './dynamo-month-close.js';
import type { TieringDeps } from './evaluate.js';
import type { CoordinatorDeps, SegmentWorkerDeps } from './month-close-tasks.js';
import type { MonthCloseDeps } from './month-close.js';
import type { TableNames } from './dynamo-transact.js';

export const dynamoTieringDeps = (): TieringDeps => ({
  counters: dynamoCounterStore(),
  tiers: dynamoTierStore(),
  policies: cachedPolicyStore(dynamoPolicyStore()),
  customers: dynamoCustomerStore(),
  clock,
});

export const dynamoMonthCloseDeps = (): MonthCloseDeps => ({
  ...dynamoTieringDeps(),
  runs: dynamoMonthCloseStore(),
});

/** The month-close coordinator: only the run records and the segment tasks. */
export const dynamoCoordinatorDeps = (): CoordinatorDeps => ({
  runs: dynamoMonthCloseStore(),
  tasks: dynamoSegmentTaskQueue(),
  clock,
});

/** A month-close segment worker: everything a decision needs, the run records, continuations. */
export const dynamoSegmentWorkerDeps = (): SegmentWorkerDeps => ({
  ...dynamoMonthCloseDeps(),
  tasks: dynamoSegmentTaskQueue(),
});

/** The same adapters on other tables (a benchmark's own): `names` maps a declared table id to its name. */
export const monthCloseDepsOn = (
  client: DynamoDBDocumentClient,
  names: TableNames,
  at: Clock = clock,
): MonthCloseDeps => ({
  counters: dynamoCounterStore(client, names),
  tiers: dynamoTierStore(client, names),
  policies: cachedPolicyStore(dynamoPolicyStore(client, names)),
  // a month close reads customers by its scan; only real-time evaluation looks one up
  customers: { get: async () => undefined },
  clock: at,
  runs: dynamoMonthCloseStore(client, names),
});
