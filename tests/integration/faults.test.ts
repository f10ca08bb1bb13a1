// Faults: every write path under DynamoDB's throttling, a transaction that keeps losing a race, a
// failed condition and unprocessed batch items (aws-sdk-client-mock on the handlers' own Document
// client, passing every other call through to DynamoDB Local). A request either answers 503 with
// Retry-After and leaves every table as it was, or — when the fault clears within the retry budget —
// succeeds, written once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#infra/local/runtime.js';
import { system } from '#infra/declaration/index.js';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import {
  apiClient,
  scanAll,
  startTestRuntime,
  type ApiClient,
  type ApiResponse,
} from '../support/local-runtime.js';
import { transaction } from '../support/builders.js';
import {
  conditionFailed,
  dynamoFaults,
  provisionedThroughputExceeded,
  throttling,
  transactionConflict,
  unprocessedHalf,
  WRITES,
  type DynamoFaults,
  type Fault,
} from '../support/dynamo-faults.js';

let runtime: LocalRuntime;
let api: ApiClient;
let faults: DynamoFaults;

beforeAll(async () => {
  runtime = await startTestRuntime({ demoCustomers: 12, now: '2026-11-20T02:00:00.000Z' });
  api = apiClient(runtime);
  faults = dynamoFaults(dynamoDocumentClient(), runtime.document);
});
afterAll(async () => {
  faults?.restore();
  await runtime?.stop();
});

/**
 * Every item of every table, in a stable order, once the streams have caught up — but `usage`: a
 * sign-in mark is written as the caller is resolved, before the request's own work, and is true
 * whatever became of the request (an idempotent overwrite).
 */
const snapshot = async () => {
  await runtime.drained();
  const entries = await Promise.all(
    system.tables
      .filter((t) => t.id !== 'usage')
      .map(async (t) => {
        const items = (await scanAll<Record<string, unknown>>(runtime, t.id)).map((i) => JSON.stringify(i));
        return [t.id, items.sort()] as const;
      }),
  );
  return Object.fromEntries(entries);
};

interface Write {
  name: string;
  as: string;
  method: 'POST' | 'PUT' | 'PATCH';
  path: string;
  body: unknown;
  /** What a write DynamoDB refuses by its condition answers (the domain's word, never a 5xx). */
  onCondition: number[];
}

const send = (w: Write): Promise<ApiResponse> => api.call(w.as, w.method, w.path, w.body);

const busy: [string, Fault][] = [
  ['ThrottlingException', throttling],
  ['ProvisionedThroughputExceededException', provisionedThroughputExceeded],
  ['TransactionCanceledException (TransactionConflict), every attempt', transactionConflict],
];

const expectBusy = (response: ApiResponse, what: string) => {
  expect(response.status, what).toBe(503);
  expect(response.headers.get('retry-after'), what).toBe('1');
  expect(response.headers.get('content-type'), what).toBe('application/problem+json');
  expect(response.body.title, what).toBe('Service busy');
};

const writes: Write[] = [
  {
    name: 'a transaction batch (transactions)',
    as: 'core-banking',
    method: 'POST',
    path: '/v1/transactions',
    body: {
      transactions: [
        transaction({ transactionId: 'T-F-1', customerId: 'C0000001' }),
        transaction({ transactionId: 'T-F-2', customerId: 'C0000002' }),
      ],
    },
    onCondition: [409],
  },
  {
    name: 'a new customer, audited (customers + audit)',
    as: 'rm-bj-cy-wj-01',
    method: 'POST',
    path: '/v1/customers',
    body: {
      customerId: 'CORE-F-1',
      name: '李秀英',
      phone: '+8613812345678',
      orgId: 'BJ-CY-WJ',
      managerId: 'rm-bj-cy-wj-01',
      riskLevel: 'C3',
      smsConsent: true,
      tags: [],
    },
    onCondition: [409],
  },
  {
    name: 'a customer changed (customers + audit)',
    as: 'rm-bj-cy-wj-01',
    method: 'PATCH',
    path: '/v1/customers/CORE-F-1',
    body: { riskLevel: 'C4', tags: ['代发工资'] },
    onCondition: [409],
  },
  {
    name: 'a product (products + audit)',
    as: 'admin',
    method: 'POST',
    path: '/v1/products',
    body: {
      code: 'WMF001',
      name: '稳享理财90天',
      category: 'wealth',
      riskLevel: 'R2',
      termDays: 90,
      weightBp: 12_000,
      saleStart: '2026-11-01',
      saleEnd: '2026-11-30',
      tags: [],
      description: 'fault drill',
    },
    onCondition: [409],
  },
];

describe('a write that meets a persistent fault answers 503 + Retry-After and changes nothing', () => {
  for (const write of writes) {
    it(write.name, async () => {
      const before = await snapshot();
      // the fault at the first write call, then at the second, … until the request makes no more
      for (let skip = 0; ; skip++) {
        let clean = false;
        for (const [kind, fault] of busy) {
          faults.clear();
          const rule = faults.fail(WRITES, fault, { skip });
          const response = await send(write);
          if (rule.hits() === 0) {
            // no write call left to fail: this was the retry the client makes, and it succeeds
            expect(response.status, `${write.name} clean`).toBeLessThan(300);
            clean = true;
            break;
          }
          expectBusy(response, `${write.name}: ${kind} at write ${skip + 1}`);
          expect(await snapshot(), `${write.name}: ${kind} at write ${skip + 1}`).toEqual(before);
        }
        if (clean) break;
      }
      faults.clear();
    });
  }
});
