// The published limits and prices the capacity model uses, each with where it is published, and the
// assumptions it makes where nothing is published (each marked as one in docs/capacity.md).
import type { Assumptions, Limits, Load, Prices } from './model.js';

export interface Sourced<T> {
  value: T;
  source: string;
}

const DDB_PARTITION =
  'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/warm-throughput-scenarios.html';
const DDB_STREAM_LIMITS =
  'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Limits.html#limits-dynamodb-streams';
const LAMBDA_DDB_PARAMS = 'https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-params.html';
const LAMBDA_QUOTAS = 'https://docs.aws.amazon.com/lambda/latest/dg/limits.html';
const DDB_ON_DEMAND = 'https://aws.amazon.com/dynamodb/pricing/on-demand/';
const DDB_PRICE_CUT = 'https://airbyte.com/data-engineering-resources/dynamodb-pricing';
const DDB_CHINA = 'https://www.amazonaws.cn/en/dynamodb/pricing/';

export const limits: { [K in keyof Limits]: Sourced<Limits[K]> } = {
  partitionWcu: { value: 1_000, source: `${DDB_PARTITION} (each partition: 1,000 write units/s)` },
  partitionRcu: { value: 3_000, source: `${DDB_PARTITION} (each partition: 3,000 read units/s)` },
  readersPerShard: { value: 2, source: `${DDB_STREAM_LIMITS} (no more than two processes per shard)` },
  maxParallelizationFactor: { value: 10, source: `${LAMBDA_DDB_PARAMS} (ParallelizationFactor maximum 10)` },
  batchSize: {
    value: 100,
    source: `${LAMBDA_DDB_PARAMS} (BatchSize default 100, maximum 10,000; declared 100)`,
  },
  accountConcurrency: {
    value: 1_000,
    source: `${LAMBDA_QUOTAS} (concurrent executions, default quota 1,000 per Region)`,
  },
};

export const prices: { [K in keyof Prices]: Sourced<Prices[K]> } = {
  usdPerMillionWru: {
    value: 0.625,
    source: `${DDB_ON_DEMAND}; figure as quoted after the November 2024 cut at ${DDB_PRICE_CUT}`,
  },
  usdPerMillionRru: { value: 0.125, source: `${DDB_ON_DEMAND}; figure as quoted at ${DDB_PRICE_CUT}` },
  cnyPerMillionWru: {
    value: 11.1538,
    source: `${DDB_CHINA} (China (Beijing) and (Ningxia), on-demand write requests)`,
  },
  cnyPerMillionRru: {
    value: 2.2308,
    source: `ASSUMED: ${DDB_CHINA} was read only as far as the write price; one fifth of it, the us-east-1 read:write ratio — verify`,
  },
};

export const unitRules = {
  write: `${DDB_ON_DEMAND} (a standard write unit writes up to 1 KB; transactional requests take twice the units)`,
  read: `${DDB_ON_DEMAND} (a strongly consistent read of up to 4 KB is one unit, eventually consistent half, transactional two)`,
};

export const defaultLoad: { [K in keyof Load]: Sourced<Load[K]> } = {
  customers: { value: 100_000_000, source: 'issue 16: 100 million customers' },
  sustainedTps: {
    value: 10_000,
    source: 'issue 16: 10,000 transactions/s sustained (taken as the daily average)',
  },
  peakTps: { value: 50_000, source: 'issue 16: 50,000 transactions/s at peak' },
  peakMinutes: { value: 60, source: 'ASSUMED: a salary-day or quarter-end peak lasts an hour' },
  smsPerDay: { value: 5_000_000, source: 'issue 16: 5 million SMS a day' },
  registrationsPerDay: {
    value: 1_000_000,
    source: 'ASSUMED: a million performance registrations a day (1 % of customers)',
  },
  closeHours: { value: 2, source: 'issue 16: 100 million customers inside 2 hours' },
};

export const defaultAssumptions: { [K in keyof Assumptions]: Sourced<Assumptions[K]> } = {
  roundTripMs: {
    value: 10,
    source:
      'ASSUMED: 10 ms a DynamoDB call from Lambda in the Region (DynamoDB advertises single-digit ms; the call adds network)',
  },
  recordsInFlightPerBatch: {
    value: 1,
    source:
      'shared/stream/stream-handler.ts as measured: records of a batch one at a time (--in-flight N models per-key concurrency)',
  },
  closeConcurrencyPerSegment: {
    value: 8,
    source: 'shared/tiering/month-close.ts: MonthCloseOptions.concurrency default 8',
  },
  closeTaskShards: {
    value: 1,
    source:
      'ASSUMED: the month-close task table is tiny, so its stream has one open shard (infra/declaration/tiering.ts)',
  },
};

export const valuesOf = <T extends object>(sourced: { [K in keyof T]: Sourced<T[K]> }): T =>
  Object.fromEntries(Object.entries(sourced).map(([k, v]) => [k, (v as Sourced<unknown>).value])) as T;
