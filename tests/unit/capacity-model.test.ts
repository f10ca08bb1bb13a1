import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  capacityModel,
  closeHours,
  iteratorAge,
  partitionsFor,
  type ModelInput,
  type OperationFigures,
} from '../../scripts/capacity/model.js';
import { itemBytes, transactUnits } from '../../scripts/capacity/meter.js';

const op = (wru: number, calls = 5): OperationFigures => ({
  wru,
  rru: wru / 4,
  calls,
  byTable: [
    { table: 'transactions', wru: wru / 2, rru: 0 },
    { table: 'aum-counters', wru: wru / 2, rru: wru / 4 },
  ],
  byConsumer: [
    { consumer: 'api', wru: wru / 2, rru: 0, calls: 0.01 },
    { consumer: 'tiering-on-transaction', wru: wru / 2, rru: wru / 4, calls },
  ],
  sharedKeys: [
    { table: 'report-aggregates', key: 'org#HO', kind: 'write', perOperation: 1, unitsPerTouch: 1 },
  ],
});

const input = (peakTps: number, customers = 100_000_000): ModelInput => ({
  load: {
    customers,
    sustainedTps: peakTps / 5,
    peakTps,
    peakMinutes: 60,
    smsPerDay: 5e6,
    registrationsPerDay: 1e6,
    closeHours: 2,
  },
  limits: {
    partitionWcu: 1000,
    partitionRcu: 3000,
    readersPerShard: 2,
    maxParallelizationFactor: 10,
    batchSize: 100,
    accountConcurrency: 1000,
  },
  assumptions: {
    roundTripMs: 10,
    recordsInFlightPerBatch: 1,
    closeConcurrencyPerSegment: 8,
    closeTaskShards: 1,
  },
  prices: {
    usdPerMillionWru: 0.625,
    usdPerMillionRru: 0.125,
    cnyPerMillionWru: 11.1538,
    cnyPerMillionRru: 2.2308,
  },
  transaction: op(20),
  registration: op(28),
  sms: op(10),
  closeCustomer: op(4, 2),
  readersByTable: { transactions: 2 },
});

describe('capacity model', () => {
  it('never needs fewer partitions, shards or write shards of a hot key for more load', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200_000 }), fc.integer({ min: 1, max: 200_000 }), (a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const l = capacityModel(input(low));
        const h = capacityModel(input(high));
        for (const t of l.tables)
          expect(h.tables.find((x) => x.table === t.table)!.partitions).toBeGreaterThanOrEqual(t.partitions);
        expect(h.transactionShards).toBeGreaterThanOrEqual(l.transactionShards);
        expect(h.hotKeys[0]!.shardsNeeded).toBeGreaterThanOrEqual(l.hotKeys[0]!.shardsNeeded);
        expect(h.monthly.usd).toBeGreaterThanOrEqual(l.monthly.usd);
      }),
    );
  });

  it('halves the month close when the segments double, until no more can run at once', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 64 }),
        fc.double({ min: 1, max: 1000, noNaN: true }),
        (segments, rate) => {
          const one = closeHours(1e8, segments, rate, Number.POSITIVE_INFINITY);
          expect(closeHours(1e8, segments * 2, rate, Number.POSITIVE_INFINITY)).toBeCloseTo(one / 2, 6);
          // beyond what can run at once, more segments change nothing
          expect(closeHours(1e8, 20, rate, 10)).toBe(closeHours(1e8, 10, rate, 10));
        },
      ),
    );
  });

  it('finds the fewest segments that close every customer in time', () => {
    const out = capacityModel(input(50_000));
    const rate = out.closeSegmentRate;
    expect(closeHours(1e8, out.closeSegmentsNeeded!, rate, Infinity)).toBeLessThanOrEqual(2);
    expect(closeHours(1e8, out.closeSegmentsNeeded! - 1, rate, Infinity)).toBeGreaterThan(2);
  });

  it('keeps the iterator current while capacity keeps up, and ages it by the shortfall when it does not', () => {
    expect(iteratorAge(100, 200, 3600, 0.5)).toBe(0.5);
    expect(iteratorAge(100, 50, 3600, 0)).toBe(1800);
    expect(partitionsFor(0, 0, { partitionWcu: 1000, partitionRcu: 3000 })).toBe(1);
    expect(partitionsFor(1001, 0, { partitionWcu: 1000, partitionRcu: 3000 })).toBe(2);
  });
});

describe('units computed for a TransactWriteItems', () => {
  const shapes = (table: string) =>
    table === 'c' ? { partitionKey: 'customerId', indexKeys: ['managerId'] } : undefined;

  it('counts a Put by its size per KB, once more per index holding it, and an Update as one unit', () => {
    const units = transactUnits(
      {
        TransactItems: [
          { Put: { TableName: 'c', Item: { customerId: 'C1', managerId: 'm', note: 'x'.repeat(1500) } } },
          { Update: { TableName: 'c', Key: { customerId: 'C2' } } },
        ],
      },
      shapes,
    );
    expect(units).toEqual([
      { table: 'c', key: 'C1', units: 4, indexUnits: 2 },
      { table: 'c', key: 'C2', units: 1, indexUnits: 0 },
    ]);
  });

  it('sizes an item by its names and values', () => {
    expect(itemBytes({ ab: 'xyz' })).toBe(5);
    expect(itemBytes({ n: 12345 })).toBe(1 + 4);
  });
});
