// The stream pipelines the bench measures (issue 16 item 4), each as a PipelineSpec: what is posted,
// through which API, and which stream consumers' work is its effect.
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { LocalRuntime } from '#infra/local/runtime.js';
import { businessDateOf } from '#shared/clock.js';
import type { PipelineSpec } from './pipeline.js';
import { apiCaller, pool, transactionPoster } from './support.js';

const stringOf = (record: DynamoDBRecord, field: string) =>
  (record.dynamodb?.NewImage?.[field] as { S?: string } | undefined)?.S;

const DEMO_CUSTOMERS = 500;
const demoCustomer = (i: number) => `C${String((i % DEMO_CUSTOMERS) + 1).padStart(7, '0')}`;

/** Transactions of the demo bank's customers: every tenth large enough to raise an alert. */
const transactionsPipeline = (runtime: LocalRuntime, name: string, functions: string[]): PipelineSpec => {
  let post: ((t: unknown[]) => Promise<void>) | undefined;
  return {
    name,
    functions,
    unit: 'transactions',
    batch: 100,
    inFlight: 4,
    keyOf: (record) => stringOf(record, 'transactionId'),
    setup: async () => {
      post = await transactionPoster(runtime);
    },
    item: (tag, i) => {
      const transactionId = `${tag}-${i}`;
      const customerId = demoCustomer(i * 7);
      const large = i % 10 === 9;
      const out = i % 5 === 4;
      const amountFen = large ? 60_000_000 : 10_000 + (i % 997) * 100;
      const bookedAt = runtime.clock.now().toISOString();
      const body = {
        transactionId,
        customerId,
        accountId: `A${i % 3}`,
        assetClass: i % 7 === 0 ? 'wealth' : 'deposit',
        amountFen: out ? -amountFen : amountFen,
        direction: out ? 'out' : 'in',
        channel: i % 2 ? 'mobile' : 'counter',
        bookedAt,
        businessDate: businessDateOf(runtime.clock.now()),
      };
      return { key: customerId, id: transactionId, item: body, body };
    },
    post: (bodies) => post!(bodies),
  };
};

// A branch of 200 RMs in 10 outlets with a customer each and one wealth product (the performance
// bench's shape), made once per run and shared by the registration and customer pipelines.
const BRANCH = 'PB';
const OUTLETS = 10;
const RMS = 200;
const rmId = (i: number) => `pb-rm-${String((i % RMS) + 1).padStart(3, '0')}`;
const outletOf = (i: number) => `PB-O${String((i % OUTLETS) + 1).padStart(2, '0')}`;
const customerOf = (i: number) => `PB-C${String((i % RMS) + 1).padStart(3, '0')}`;
export const BENCH_CAMPAIGN = 'CMPBENCH';

let branch: Promise<void> | undefined;
export const benchBranch = (runtime: LocalRuntime) =>
  (branch ??= (async () => {
    const call = apiCaller(runtime);
    await call('admin', 'PUT', `/v1/orgs/${BRANCH}`, { name: '压测分行', level: 'branch', parentId: 'HO' });
    await pool(OUTLETS, 4, async (o) => {
      await call('admin', 'PUT', `/v1/orgs/${outletOf(o)}`, {
        name: `压测网点${o + 1}`,
        level: 'outlet',
        parentId: BRANCH,
      });
    });
    await pool(RMS, 8, async (i) => {
      await call('admin', 'PUT', `/v1/staff/${rmId(i)}`, {
        name: `客户经理${i + 1}`,
        role: 'rm',
        orgId: outletOf(i),
      });
    });
    await pool(RMS, 8, async (i) => {
      await call('admin', 'POST', '/v1/customers', {
        customerId: customerOf(i),
        name: `压测客户${i + 1}`,
        orgId: outletOf(i),
        managerId: rmId(i),
        riskLevel: 'C5',
      });
    });
    await call('admin', 'POST', '/v1/products', {
      code: 'PB-WM',
      name: '压测理财',
      category: 'wealth',
      riskLevel: 'R3',
      weightBp: 12_500,
      saleStart: '2020-01-01',
    });
    // a sent campaign message to each of them, so a registration naming the campaign converts it
    const table = runtime.tableName('campaign-messages');
    await pool(Math.ceil(RMS / 25), 4, async (b) => {
      const requests = Array.from({ length: Math.min(25, RMS - b * 25) }, (_, j) => ({
        PutRequest: {
          Item: { campaignId: BENCH_CAMPAIGN, customerId: customerOf(b * 25 + j), status: 'sent' },
        },
      }));
      await runtime.document.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
    });
  })());

const registrationsPipeline = (
  runtime: LocalRuntime,
  name: string,
  functions: string[],
  campaignId?: string,
): PipelineSpec => {
  const call = apiCaller(runtime);
  return {
    name,
    functions,
    unit: 'registrations',
    batch: 1,
    inFlight: 16,
    keyOf: (record) => stringOf(record, 'externalRef'),
    setup: () => benchBranch(runtime),
    item: (tag, i) => {
      const externalRef = `${tag}-${i}`;
      const body = {
        channel: 'batch',
        externalRef,
        customerId: customerOf(i),
        productId: 'PB-WM',
        amountFen: 10_000 + (i % 997),
        credits: [{ staffId: rmId(i), sharePct: 100 }],
        occurredAt: runtime.clock.now().toISOString(),
        ...(campaignId ? { campaignId } : {}),
      };
      return { key: customerOf(i), id: externalRef, item: body, body };
    },
    post: async ([body]) => {
      await call('core-banking', 'POST', '/v1/performance', body);
    },
  };
};

const customersPipeline = (runtime: LocalRuntime): PipelineSpec => {
  const call = apiCaller(runtime);
  return {
    name: 'data quality',
    functions: ['data-quality-on-customer'],
    unit: 'customers',
    batch: 1,
    inFlight: 16,
    keyOf: (record) => stringOf(record, 'customerId'),
    setup: () => benchBranch(runtime),
    item: (tag, i) => {
      const customerId = `${tag}-${i}`;
      const body = {
        customerId,
        name: `压测新客${i}`,
        orgId: outletOf(i),
        managerId: rmId(i),
        ...(i % 4 !== 0 ? { riskLevel: 'C3' } : {}),
        ...(i % 3 !== 0 ? { phone: `+86138${String(10_000_000 + i).slice(-8)}` } : {}),
      };
      return { key: customerId, id: customerId, item: body, body };
    },
    post: async ([body]) => {
      await call('admin', 'POST', '/v1/customers', body);
    },
  };
};

/** Every stream pipeline, by the area name `npm run bench -- <area>` selects it with. */
export const pipelines = (runtime: LocalRuntime): Record<string, PipelineSpec> => ({
  tiering: transactionsPipeline(runtime, 'tiering', ['tiering-on-transaction']),
  monitoring: transactionsPipeline(runtime, 'monitoring', ['monitoring-on-transaction']),
  performance: registrationsPipeline(runtime, 'performance aggregates', ['performance-on-ledger']),
  conversions: registrationsPipeline(runtime, 'campaign conversions', ['ledger-followers'], BENCH_CAMPAIGN),
  'data-quality': customersPipeline(runtime),
  transactions: transactionsPipeline(runtime, 'transactions readers together', [
    'tiering-on-transaction',
    'monitoring-on-transaction',
  ]),
});
