// The property: for random registrations and reversals (made over HTTP), their real ledger
// stream records delivered to the real stream handler in random order, in random batches, with
// duplicates, the aggregates on DynamoDB Local equal a brute-force sum of the ledger — read back
// through the aggregate store and through GET /v1/leaderboards. Runs accumulate on one ledger, so
// later runs also redeliver earlier runs' records.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { system } from '#infra/declaration/index.js';
import type { LocalRuntime } from '#infra/local/runtime.js';
import { invoke } from '#infra/local/invoke.js';
import { toLambdaRecord } from '#shared/stream/lambda-record.js';
import { unitsOnPath } from '#shared/performance/aggregate.js';
import { dynamoAggregateStore } from '#shared/performance/dynamo-aggregates.js';
import { periodsOf } from '#shared/performance/period.js';
import { orgShards } from '#shared/performance/settings.js';
import type { LedgerEntry } from '#shared/performance/entry.js';
import { PRODUCT_CATEGORIES } from '#shared/products/product.js';
import { apiClient, startTestRuntime, type ApiClient } from '../support/local-runtime.js';
import { bruteForce } from '../support/performance.js';

let runtime: LocalRuntime;
let api: ApiClient;
let streams: DynamoDBStreamsClient;
let dynamodb: DynamoDBClient;

const CUSTOMERS = [
  {
    customerId: 'PP-WJ',
    orgId: 'BJ-CY-WJ',
    managerId: 'rm-bj-cy-wj-01',
    line: ['rm-bj-cy-wj-01', 'rm-bj-cy-wj-02', 'rm-bj-cy-wj-03', 'bm-bj-cy', 'bm-bj'],
  },
  {
    customerId: 'PP-GM',
    orgId: 'BJ-CY-GM',
    managerId: 'rm-bj-cy-gm-01',
    line: ['rm-bj-cy-gm-01', 'rm-bj-cy-gm-02', 'bm-bj-cy'],
  },
  {
    customerId: 'PP-LJZ',
    orgId: 'SH-PD-LJZ',
    managerId: 'rm-sh-pd-ljz-01',
    line: ['rm-sh-pd-ljz-01', 'rm-sh-pd-ljz-02', 'bm-sh-pd', 'bm-sh'],
  },
];
const PRODUCTS = [
  {
    code: 'PP-WM',
    name: '理财',
    category: 'wealth',
    riskLevel: 'R3',
    weightBp: 15_000,
    saleStart: '2025-01-01',
  },
  {
    code: 'PP-FD',
    name: '基金',
    category: 'fund',
    riskLevel: 'R4',
    weightBp: 7_777,
    saleStart: '2025-01-01',
  },
  { code: 'PP-INS', name: '保险', category: 'insurance', riskLevel: 'R2', saleStart: '2025-01-01' },
];
// instants whose Beijing business dates straddle a day, a month, a quarter and a year
const INSTANTS = [
  '2026-03-31T15:30:00Z',
  '2026-03-31T16:30:00Z',
  '2025-12-31T17:00:00Z',
  '2026-11-20T01:00:00Z',
];

beforeAll(async () => {
  runtime = await startTestRuntime({ demoCustomers: 3, now: '2026-11-20T06:00:00.000Z', streams: false });
  api = apiClient(runtime);
  const local = {
    endpoint: runtime.dynamoEndpoint,
    region: process.env.AWS_REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  };
  streams = new DynamoDBStreamsClient(local);
  dynamodb = new DynamoDBClient(local);
  for (const { line: _line, ...c } of CUSTOMERS) {
    expect(
      (await api.post('admin', '/v1/customers', { name: '性质客户', riskLevel: 'C5', ...c })).status,
    ).toBe(201);
  }
  for (const p of PRODUCTS) expect((await api.post('admin', '/v1/products', p)).status).toBe(201);
  expect((await api.put('admin', '/v1/product-categories/insurance', { weightBp: 13_333 })).status).toBe(200);
});
afterAll(async () => {
  streams?.destroy();
  dynamodb?.destroy();
  await runtime?.stop();
});

/** Every record of the ledger's stream so far, as Lambda delivers them. */
const ledgerStreamRecords = async (): Promise<DynamoDBRecord[]> => {
  const { Table } = await dynamodb.send(
    new DescribeTableCommand({ TableName: runtime.tableName('performance-ledger') }),
  );
  const streamArn = Table!.LatestStreamArn!;
  const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
  const records: DynamoDBRecord[] = [];
  for (const shard of StreamDescription?.Shards ?? []) {
    let iterator = (
      await streams.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: shard.ShardId!,
          ShardIteratorType: 'TRIM_HORIZON',
        }),
      )
    ).ShardIterator;
    while (iterator) {
      const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
      records.push(...(page.Records ?? []).map((r) => toLambdaRecord(r, streamArn)));
      if ((page.Records ?? []).length === 0) break;
      iterator = page.NextShardIterator;
    }
  }
  return records;
};

const ledger = async (): Promise<LedgerEntry[]> => {
  const items: LedgerEntry[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await runtime.document.send(
      new ScanCommand({ TableName: runtime.tableName('performance-ledger'), ExclusiveStartKey: start }),
    );
    items.push(...((page.Items ?? []) as LedgerEntry[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
};

const ZERO = { amountFen: 0, points: 0, count: 0 };
const onLedger = system.functions.find((f) => f.name === 'performance-on-ledger')!;

const saleArbitrary = fc.record({
  customer: fc.nat(CUSTOMERS.length - 1),
  product: fc.nat(PRODUCTS.length - 1),
  amountFen: fc.integer({ min: 1, max: 5_000_000_000 }),
  picks: fc.uniqueArray(fc.nat(9), { minLength: 1, maxLength: 3 }),
  cuts: fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { minLength: 2, maxLength: 2 }),
  instant: fc.nat(INSTANTS.length - 1),
  reversed: fc.boolean(),
});

const runArbitrary = fc.record({
  sales: fc.array(saleArbitrary, { minLength: 2, maxLength: 6 }),
  duplicates: fc.array(fc.nat(), { maxLength: 12 }),
  order: fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
  batchSizes: fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 40, maxLength: 40 }),
});

let externalRef = 0;
const delivered = new Set<string>();

describe('aggregates from the ledger stream', () => {
  it('equal a brute-force sum of the ledger, whatever the order, batching and duplicates (property)', async () => {
    await fc.assert(
      fc.asyncProperty(runArbitrary, async ({ sales, duplicates, order, batchSizes }) => {
        // given: registrations and some reversals, through the API
        for (const s of sales) {
          const customer = CUSTOMERS[s.customer]!;
          const staff = [...new Set(s.picks.map((p) => customer.line[p % customer.line.length]!))];
          const cuts = [0, ...s.cuts.slice(0, staff.length - 1).sort((a, b) => a - b), 100];
          const credits = staff.map((staffId, i) => ({ staffId, sharePct: cuts[i + 1]! - cuts[i]! }));
          const registered = await api.post('core-banking', '/v1/performance', {
            channel: 'batch',
            externalRef: `PP-${++externalRef}`,
            customerId: customer.customerId,
            productId: PRODUCTS[s.product]!.code,
            amountFen: s.amountFen,
            credits,
            occurredAt: INSTANTS[s.instant],
          });
          expect(registered.status, JSON.stringify(registered.body)).toBe(201);
          if (s.reversed) {
            const reversed = await api.post(
              'core-banking',
              `/v1/performance/${registered.body.entryId}/reverse`,
              { reason: '随机冲正' },
            );
            expect(reversed.status).toBe(201);
          }
        }

        // when: the stream's records reach the handler shuffled, in random batches, some twice
        const all = await ledgerStreamRecords();
        const fresh = all.filter((r) => !delivered.has(r.eventID!));
        const again = duplicates.map((d) => all[d % all.length]!);
        const deliveries = [...fresh, ...again];
        for (let i = deliveries.length - 1; i > 0; i--) {
          const j = order[i % order.length]! % (i + 1);
          [deliveries[i], deliveries[j]] = [deliveries[j]!, deliveries[i]!];
        }
        for (let i = 0, b = 0; i < deliveries.length; b++) {
          const batch = deliveries.slice(i, i + batchSizes[b % batchSizes.length]!);
          i += batch.length;
          const response = (await invoke(onLedger, { Records: batch })) as DynamoDBBatchResponse;
          expect(response.batchItemFailures).toEqual([]);
        }
        for (const r of fresh) delivered.add(r.eventID!);

        // then: every aggregate equals the brute-force sum of the ledger
        const entries = await ledger();
        expect(all.length).toBe(entries.length);
        const expected = bruteForce(entries);
        const store = dynamoAggregateStore(runtime.document);
        const periods = [...new Set(entries.flatMap((e) => periodsOf(e.businessDate)))];
        const staffIds = [...new Set(entries.flatMap((e) => e.credits.map((c) => c.staffId)))];
        const orgIds = [...new Set(entries.flatMap((e) => e.credits.flatMap((c) => unitsOnPath(c.orgPath))))];
        await Promise.all(
          periods.map(async (period) => {
            const orgs = await store.orgTotals(orgIds, period, orgShards());
            for (const orgId of orgIds) {
              const totals = orgs.get(orgId)!;
              expect(totals.total, `${orgId} ${period}`).toEqual(
                expected.get(`O#${orgId}|${period}|ALL`) ?? ZERO,
              );
              for (const category of PRODUCT_CATEGORIES) {
                expect(totals.byCategory[category] ?? ZERO).toEqual(
                  expected.get(`O#${orgId}|${period}|${category}`) ?? ZERO,
                );
              }
            }
            const staff = await Promise.all(staffIds.map((staffId) => store.staffTotals(staffId, period)));
            staff.forEach((totals, i) => {
              const staffId = staffIds[i]!;
              expect(totals.total, `${staffId} ${period}`).toEqual(
                expected.get(`S#${staffId}|${period}|ALL`) ?? ZERO,
              );
              for (const category of PRODUCT_CATEGORIES) {
                expect(totals.byCategory[category] ?? ZERO).toEqual(
                  expected.get(`S#${staffId}|${period}|${category}`) ?? ZERO,
                );
              }
            });
          }),
        );
        // and the leaderboard says the same
        const year = await api.get('admin', '/v1/leaderboards?orgId=HO&period=2026&limit=200');
        expect(year.body.total).toEqual(expected.get('O#HO|2026|ALL') ?? ZERO);
        for (const row of year.body.items) {
          const { rank: _rank, staffId, name: _name, orgId: _orgId, ...figures } = row;
          expect(figures).toEqual(expected.get(`S#${staffId}|2026|ALL`));
        }
        for (const unit of year.body.units) {
          expect({ amountFen: unit.amountFen, points: unit.points, count: unit.count }).toEqual(
            expected.get(`O#${unit.orgId}|2026|ALL`) ?? ZERO,
          );
        }
      }),
      { numRuns: 6 },
    );
  }, 300_000);
});
