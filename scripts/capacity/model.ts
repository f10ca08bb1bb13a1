// The capacity model (issue 16 item 5): a pure function from measured units per operation, published
// limits and prices, and the bank's load, to partitions, shards, hot keys, Lambda concurrency, the
// month close's duration, the iterator age at peak and the monthly on-demand cost. No I/O: the figures
// come in, figures go out, so tests/unit/capacity-model.test.ts can hold it to its laws.

/** What one operation costs and how it runs, measured (scripts/capacity/measure.ts). */
export interface OperationFigures {
  /** Billed write / read request units per operation. */
  wru: number;
  rru: number;
  /** DynamoDB calls per operation (each a round trip). */
  calls: number;
  byTable: { table: string; wru: number; rru: number }[];
  byConsumer: { consumer: string; wru: number; rru: number; calls: number }[];
  /** Keys shared by many operations (not per customer): the hot-key candidates. */
  sharedKeys: {
    table: string;
    key: string;
    kind: 'read' | 'write';
    perOperation: number;
    unitsPerTouch: number;
  }[];
}

export interface Load {
  customers: number;
  /** Transactions a second over the day (the daily volume is this × 86,400). */
  sustainedTps: number;
  peakTps: number;
  /** How long a peak lasts, minutes (assumed). */
  peakMinutes: number;
  smsPerDay: number;
  registrationsPerDay: number;
  /** The month close must be done within this many hours. */
  closeHours: number;
}

export interface Limits {
  partitionWcu: number;
  partitionRcu: number;
  readersPerShard: number;
  maxParallelizationFactor: number;
  batchSize: number;
  accountConcurrency: number;
}

export interface Assumptions {
  /** Round trip of one DynamoDB call from Lambda in the same Region, ms. */
  roundTripMs: number;
  /** Records of one batch a consumer works on at once (per-key groups side by side). */
  recordsInFlightPerBatch: number;
  /** Customers a month-close segment closes at once (MonthCloseOptions.concurrency). */
  closeConcurrencyPerSegment: number;
  /** Open shards of the month-close task table's stream (a small table: one). */
  closeTaskShards: number;
}

export interface Prices {
  usdPerMillionWru: number;
  usdPerMillionRru: number;
  cnyPerMillionWru: number;
  cnyPerMillionRru: number;
}

export interface ModelInput {
  load: Load;
  limits: Limits;
  assumptions: Assumptions;
  prices: Prices;
  transaction: OperationFigures;
  registration: OperationFigures;
  sms: OperationFigures;
  closeCustomer: OperationFigures;
  /** Stream readers per table, from the declaration. */
  readersByTable: Record<string, number>;
}

export interface TablePlan {
  table: string;
  peakWru: number;
  peakRru: number;
  partitions: number;
}

export interface HotKey {
  table: string;
  key: string;
  kind: 'read' | 'write';
  /** Units a second on this one key at peak. */
  peakUnits: number;
  /** Write shards (or cache) needed so each stays under one partition's limit. */
  shardsNeeded: number;
}

export interface ConsumerPlan {
  consumer: string;
  /** Seconds one record keeps a consumer busy: its calls × the round trip ÷ records in flight. */
  secondsPerRecord: number;
  /** Concurrent invocations needed at peak. */
  concurrencyAtPeak: number;
  /** Concurrent invocations the stream allows: shards × parallelizationFactor. */
  concurrencyAvailable: number;
  /** Records a second it can do with that. */
  capacityTps: number;
  /** The oldest record's age at the end of the peak, seconds. */
  iteratorAgeAtPeakSeconds: number;
}

export interface CloseSegmentsPlan {
  segments: number;
  hours: number;
}

export interface ModelOutput {
  tables: TablePlan[];
  transactionShards: number;
  hotKeys: HotKey[];
  consumers: ConsumerPlan[];
  totalConcurrencyAtPeak: number;
  /** Concurrency the peak would need if the streams allowed it (uncapped). */
  concurrencyNeededAtPeak: number;
  /** The month close: customers a second one segment closes, and the duration by segments. */
  closeSegmentRate: number;
  closeBySegments: CloseSegmentsPlan[];
  /** The fewest segments that close every customer within closeHours (undefined: none do). */
  closeSegmentsNeeded?: number;
  /** Segments that can run at once: task shards × parallelizationFactor. */
  closeSegmentsAvailable: number;
  monthly: { wru: number; rru: number; usd: number; cny: number; lines: CostLine[] };
}

export interface CostLine {
  what: string;
  perMonth: number;
  wru: number;
  rru: number;
}

const DAYS_PER_MONTH = 30.4;

/** Partitions a table needs for its peak units (throughput only; storage adds one per 10 GB). */
export const partitionsFor = (
  wru: number,
  rru: number,
  limits: Pick<Limits, 'partitionWcu' | 'partitionRcu'>,
) => Math.max(1, Math.ceil(wru / limits.partitionWcu), Math.ceil(rru / limits.partitionRcu));

/** Hours to close `customers` with `segments` segments of `segmentRate` customers/s (capped at `available`). */
export const closeHours = (customers: number, segments: number, segmentRate: number, available: number) =>
  customers / (Math.min(segments, available) * segmentRate) / 3600;

/** Age of the oldest record after `seconds` of arrivals at `arrival`/s handled at `capacity`/s. */
export const iteratorAge = (arrival: number, capacity: number, seconds: number, busySeconds: number) =>
  capacity >= arrival ? busySeconds : seconds * (1 - capacity / arrival) + busySeconds;

export const capacityModel = (input: ModelInput): ModelOutput => {
  const { load, limits, assumptions, prices } = input;
  const rtt = assumptions.roundTripMs / 1000;
  const peakSeconds = load.peakMinutes * 60;
  const smsPerSecond = load.smsPerDay / 86_400;
  const registrationsPerSecond = load.registrationsPerDay / 86_400;

  // tables: the peak of transactions, with registrations and SMS at their daily average beside it
  const byTable = new Map<string, { wru: number; rru: number }>();
  const addTables = (op: OperationFigures, rate: number) => {
    for (const t of op.byTable) {
      const sum = byTable.get(t.table) ?? { wru: 0, rru: 0 };
      sum.wru += t.wru * rate;
      sum.rru += t.rru * rate;
      byTable.set(t.table, sum);
    }
  };
  addTables(input.transaction, load.peakTps);
  addTables(input.registration, registrationsPerSecond);
  addTables(input.sms, smsPerSecond);
  const tables = [...byTable]
    .map(([table, u]) => ({
      table,
      peakWru: u.wru,
      peakRru: u.rru,
      partitions: partitionsFor(u.wru, u.rru, limits),
    }))
    .sort((a, b) => b.partitions - a.partitions || b.peakWru - a.peakWru);
  // a stream has about one open shard per partition of its table
  const transactionShards = tables.find((t) => t.table === 'transactions')?.partitions ?? 1;

  const hotKeys = input.transaction.sharedKeys
    .map((k) => {
      const peakUnits = k.perOperation * load.peakTps * k.unitsPerTouch;
      const limit = k.kind === 'write' ? limits.partitionWcu : limits.partitionRcu;
      return {
        table: k.table,
        key: k.key,
        kind: k.kind,
        peakUnits,
        shardsNeeded: Math.max(1, Math.ceil(peakUnits / limit)),
      };
    })
    .sort((a, b) => b.peakUnits - a.peakUnits);

  // the transactions stream's consumers (API and the month close are not stream readers of it)
  const consumers = input.transaction.byConsumer
    .filter((c) => c.consumer !== 'api')
    .map((c) => {
      const secondsPerRecord = (c.calls * rtt) / assumptions.recordsInFlightPerBatch;
      const concurrencyAtPeak = Math.ceil(load.peakTps * secondsPerRecord);
      const concurrencyAvailable = transactionShards * limits.maxParallelizationFactor;
      const capacityTps = concurrencyAvailable / Math.max(secondsPerRecord, 1e-9);
      const busySeconds = secondsPerRecord * limits.batchSize;
      return {
        consumer: c.consumer,
        secondsPerRecord,
        concurrencyAtPeak,
        concurrencyAvailable,
        capacityTps,
        iteratorAgeAtPeakSeconds: iteratorAge(load.peakTps, capacityTps, peakSeconds, busySeconds),
      };
    });
  // the API: a POST's calls one after another (its calls per transaction × 100 per POST of 100)
  const apiCalls = input.transaction.byConsumer
    .filter((c) => c.consumer === 'api')
    .reduce((s, c) => s + c.calls, 0);
  const apiConcurrency = Math.ceil(load.peakTps * apiCalls * rtt);
  const concurrencyNeededAtPeak = consumers.reduce((s, c) => s + c.concurrencyAtPeak, 0) + apiConcurrency;
  const totalConcurrencyAtPeak =
    consumers.reduce((s, c) => s + Math.min(c.concurrencyAtPeak, c.concurrencyAvailable), 0) + apiConcurrency;

  // month close: a segment closes closeConcurrencyPerSegment customers at once, each `calls` round trips
  const closeSegmentRate =
    assumptions.closeConcurrencyPerSegment / Math.max(input.closeCustomer.calls * rtt, 1e-9);
  const closeSegmentsAvailable = assumptions.closeTaskShards * limits.maxParallelizationFactor;
  const closeBySegments = [1, 2, 4, 8, 10, 16, 32, 64, 128, 256].map((segments) => ({
    segments,
    hours: closeHours(load.customers, segments, closeSegmentRate, Number.POSITIVE_INFINITY),
  }));
  const needed = Math.ceil(load.customers / (closeSegmentRate * load.closeHours * 3600));
  const closeSegmentsNeeded = Number.isFinite(needed) && needed > 0 ? needed : undefined;

  const perMonth = (perDay: number) => perDay * DAYS_PER_MONTH;
  const lines: CostLine[] = [
    {
      what: 'transactions',
      perMonth: perMonth(load.sustainedTps * 86_400),
      wru: input.transaction.wru,
      rru: input.transaction.rru,
    },
    { what: 'SMS sends', perMonth: perMonth(load.smsPerDay), wru: input.sms.wru, rru: input.sms.rru },
    {
      what: 'performance registrations',
      perMonth: perMonth(load.registrationsPerDay),
      wru: input.registration.wru,
      rru: input.registration.rru,
    },
    {
      what: 'month-close customers',
      perMonth: load.customers,
      wru: input.closeCustomer.wru,
      rru: input.closeCustomer.rru,
    },
  ];
  const wru = lines.reduce((s, l) => s + l.perMonth * l.wru, 0);
  const rru = lines.reduce((s, l) => s + l.perMonth * l.rru, 0);
  return {
    tables,
    transactionShards,
    hotKeys,
    consumers,
    totalConcurrencyAtPeak,
    concurrencyNeededAtPeak,
    closeSegmentRate,
    closeBySegments,
    ...(closeSegmentsNeeded ? { closeSegmentsNeeded } : {}),
    closeSegmentsAvailable,
    monthly: {
      wru,
      rru,
      usd: (wru / 1e6) * prices.usdPerMillionWru + (rru / 1e6) * prices.usdPerMillionRru,
      cny: (wru / 1e6) * prices.cnyPerMillionWru + (rru / 1e6) * prices.cnyPerMillionRru,
      lines,
    },
  };
};
