// Faults: every write path under DynamoDB's throttling, a transaction that keeps losing a race, a
// failed condition and unprocessed batch items (aws-sdk-client-mock on the handlers' own Document
// client, passing every other call through to DynamoDB Local). A request either answers 503 with
// Retry-After and leaves every table as it was, or — when the fault clears within the retry budget —
// succeeds, written once.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Context, DynamoDBRecord } from 'aws-lambda';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import {
  CheckIfPhoneNumberIsOptedOutCommand,
  PublishCommand,
  SNSClient,
  ThrottledException,
} from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { startSmsGatewayServer, type SmsGatewayServer } from '#infra/local/sms-gateway.js';
import type { Customer } from '#shared/customers/customer.js';
import { ServiceBusy } from '#shared/errors.js';
import { dynamoTierStore } from '#shared/tiering/tier-store.js';
import type { LocalRuntime } from '#infra/local/runtime.js';
import { system } from '#infra/declaration/index.js';
import { dynamoDocumentClient, snsPublishClient } from '#shared/adapters/aws.js';
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
let gateway: SmsGatewayServer;

beforeAll(async () => {
  // Streams are not polled: a fault armed for a request must meet that request's calls, not a
  // poller's; the stream handlers are invoked here, by hand, as the event source mapping would.
  runtime = await startTestRuntime({ demoCustomers: 40, now: '2026-11-20T02:00:00.000Z', streams: false });
  api = apiClient(runtime);
  faults = dynamoFaults(dynamoDocumentClient(), runtime.document);
  gateway = await startSmsGatewayServer(0);
  process.env.OCRM_SNS_ENDPOINT = gateway.endpoint;
});
afterAll(async () => {
  faults?.restore();
  await runtime?.stop();
  await gateway?.close();
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

describe('a failed condition is the domain’s answer, never a 5xx', () => {
  it('a cancelled TransactWriteItems (ConditionalCheckFailed) answers 409 and writes nothing', async () => {
    const write = writes[0]!;
    const fresh = {
      ...write,
      body: { transactions: [transaction({ transactionId: 'T-F-COND', customerId: 'C0000003' })] },
    };
    const before = await snapshot();
    faults.clear();
    faults.fail('TransactWriteCommand', conditionFailed, { times: 1 });
    const response = await send(fresh);
    faults.clear();
    expect(response.status).toBe(409);
    expect(await snapshot()).toEqual(before);
  });

  it('an audited write whose record condition fails answers 409 (customers + audit)', async () => {
    const before = await snapshot();
    faults.clear();
    faults.fail('TransactWriteCommand', conditionFailed, { times: 1 });
    const response = await api.patch('rm-bj-cy-wj-01', '/v1/customers/CORE-F-1', { riskLevel: 'C2' });
    faults.clear();
    expect(response.status).toBe(409);
    expect(await snapshot()).toEqual(before);
  });
});

describe('a fault that clears within the retry budget is invisible: one answer, written once', () => {
  it('a transaction conflict twice, then the batch is written once', async () => {
    faults.clear();
    const conflict = faults.fail('TransactWriteCommand', transactionConflict, { times: 2 });
    const body = { transactions: [transaction({ transactionId: 'T-F-RACE', customerId: 'C0000004' })] };
    const response = await api.post('core-banking', '/v1/transactions', body);
    const attempts = faults.calls(['TransactWriteCommand']).length;
    faults.clear();
    expect(response.status).toBe(200);
    expect(conflict.hits()).toBe(2);
    expect(attempts).toBe(3);
    const written = (await scanAll<{ transactionId: string }>(runtime, 'transactions')).filter(
      (t) => t.transactionId === 'T-F-RACE',
    );
    expect(written).toHaveLength(1);
  });

  it('an audited write (putWithAudit) that loses a race once is written once, with one audit entry', async () => {
    faults.clear();
    faults.fail('TransactWriteCommand', transactionConflict, { times: 1 });
    const response = await api.patch('rm-bj-cy-wj-01', '/v1/customers/CORE-F-1', { tags: ['重点客户'] });
    faults.clear();
    expect(response.status).toBe(200);
    const audit = (await scanAll<{ entityKey: string; action: string }>(runtime, 'audit')).filter(
      (a) => a.entityKey === 'customer#CORE-F-1' && a.action === 'customer.update',
    );
    expect(audit).toHaveLength(2); // the PATCH of the first suite, and this one
  });

  it('UnprocessedKeys of a BatchGetItem are asked again: the same answer as without them', async () => {
    const path = '/v1/workbench';
    faults.clear();
    const clean = await api.get('rm-bj-cy-wj-01', path);
    expect(clean.status).toBe(200);
    const rule = faults.fail('BatchGetCommand', unprocessedHalf, { times: 3 });
    const retried = await api.get('rm-bj-cy-wj-01', path);
    faults.clear();
    expect(rule.hits()).toBeGreaterThan(0);
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual(clean.body);
  });

  it('UnprocessedKeys that never clear answer 503 + Retry-After, not a partial page', async () => {
    faults.clear();
    faults.fail('BatchGetCommand', unprocessedHalf);
    const response = await api.get('rm-bj-cy-wj-01', '/v1/workbench');
    faults.clear();
    expectBusy(response, 'workbench with keys never processed');
  });

  it('UnprocessedItems of a BatchWriteItem are written on retry; items that never clear fail as ServiceBusy', async () => {
    const tiers = dynamoTierStore(dynamoDocumentClient());
    const closes = Array.from({ length: 30 }, (_, i) => ({
      customerId: `C-F-${String(i).padStart(3, '0')}`,
      key: 'CLOSE#2026-10',
      month: '2026-10',
      tier: 'standard',
      closedAt: '2026-11-01T00:00:00.000Z',
    }));
    faults.clear();
    faults.fail('BatchWriteCommand', unprocessedHalf, { times: 4 });
    await tiers.putCloses(closes as never);
    const written = (await scanAll<{ customerId: string }>(runtime, 'tier-state')).filter((s) =>
      s.customerId.startsWith('C-F-'),
    );
    expect(written).toHaveLength(30);
    faults.clear();
    faults.fail('BatchWriteCommand', unprocessedHalf);
    await expect(
      tiers.putCloses(closes.map((c) => ({ ...c, key: 'CLOSE#2026-09', month: '2026-09' })) as never),
    ).rejects.toBeInstanceOf(ServiceBusy);
    faults.clear();
  });
});
