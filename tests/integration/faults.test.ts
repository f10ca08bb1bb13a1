// Faults: every write path under DynamoDB's throttling, a transaction that keeps losing a race, a
// failed condition and unprocessed batch items (aws-sdk-client-mock on the handlers' own Document
// client, passing every other call through to DynamoDB Local). A request either answers 503 with
// Retry-After and leaves every table as it was, or — when the fault clears within the retry budget —
// succeeds, written once.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
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
import { ServiceBusy } from '#shared/errors.js';
import { dynamoTierStore } from '#shared/tiering/dynamo-tiers.js';
import { DEFAULT_TIER_POLICY } from '#shared/tiering/policy.js';
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
import { product, transaction } from '../support/builders.js';
import { anApprovedCampaign, beijingCampaign } from '../support/steps/index.js';
import { consentingCustomers } from '../support/campaigns.js';
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
beforeEach(() => faults.clear());
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
    body: product({ code: 'WMF001' }),
    onCondition: [409],
  },
  {
    name: 'a product changed (products + audit)',
    as: 'admin',
    method: 'PUT',
    path: '/v1/products/WMF001',
    body: (({ code: _code, ...content }) => content)(product({ riskLevel: 'R3' })),
    onCondition: [409],
  },
  {
    name: 'a contact logged (timeline + audit)',
    as: 'rm-bj-cy-wj-01',
    method: 'POST',
    path: '/v1/customers/CORE-F-1/contacts',
    body: { channel: 'phone', note: '电话回访', occurredAt: '2026-11-20T01:00:00Z' },
    onCondition: [409],
  },
  {
    name: 'a sale registered (performance ledger)',
    as: 'core-banking',
    method: 'POST',
    path: '/v1/performance',
    body: {
      channel: 'counter',
      externalRef: 'CTR-F-1',
      customerId: 'CORE-F-1',
      productId: 'WMF001',
      amountFen: 1_000_001,
      credits: [{ staffId: 'rm-bj-cy-wj-01', sharePct: 100 }],
      occurredAt: '2026-11-20T09:30:00+08:00',
    },
    onCondition: [409],
  },
  {
    name: 'a campaign drafted (campaigns + audit)',
    as: 'bm-bj',
    method: 'POST',
    path: '/v1/campaigns',
    body: {
      name: 'faults drill',
      scopeOrgId: 'BJ',
      audience: { customerIds: ['CORE-F-1'] },
      template: { text: '【示例银行】{name}您好，新品理财上线。回复TD退订' },
      schedule: { startAt: '2026-11-21T00:00:00Z', endAt: '2026-11-30T00:00:00Z' },
    },
    onCondition: [409],
  },
  {
    name: 'an allocation requested (allocations + audit)',
    as: 'bm-bj-cy',
    method: 'POST',
    path: '/v1/allocations',
    body: { customerIds: ['CORE-F-1'], toManagerId: 'rm-bj-cy-wj-02', reason: '均衡管户' },
    onCondition: [409],
  },
  {
    name: 'a trigger rule (trigger-rules + audit)',
    as: 'admin',
    method: 'PUT',
    path: '/v1/trigger-rules/faults-watch',
    body: {
      name: '可疑收款方',
      description: 'Money to a payee on the watch list',
      severity: 'critical',
      when: { all: [{ fact: 'direction', operator: 'eq', value: 'out' }] },
      dedup: { windowDays: 1 },
      alert: { title: '向可疑收款方转出 {absAmountYuan}', slaHours: 2 },
    },
    onCondition: [409],
  },
  {
    name: 'a tier policy (tier-policy + audit)',
    as: 'admin',
    method: 'PUT',
    path: '/v1/tier-policy',
    body: { effectiveFrom: '2026-12-01', tiers: DEFAULT_TIER_POLICY.tiers, downgradeAfterMonths: 2 },
    onCondition: [409],
  },
  {
    name: 'an org unit (orgs + audit)',
    as: 'admin',
    method: 'PUT',
    path: '/v1/orgs/BJ-CY-WJF',
    body: { name: '望京故障网点', level: 'outlet', parentId: 'BJ-CY' },
    onCondition: [409],
  },
  {
    name: 'a staff member (staff + audit)',
    as: 'admin',
    method: 'PUT',
    path: '/v1/staff/rm-faults',
    body: { name: '王小明', role: 'rm', orgId: 'BJ-CY-WJ' },
    onCondition: [409],
  },
  {
    name: 'an article (articles + audit)',
    as: 'admin',
    method: 'POST',
    path: '/v1/articles',
    body: { title: '四季度市场观点', body: '建议稳健配置。', tags: [], publishFrom: '2026-11-01T00:00:00Z' },
    onCondition: [409],
  },
  {
    name: 'a consent withdrawn at the counter (consent ledger + customer)',
    as: 'bm-bj-cy',
    method: 'PUT',
    path: '/v1/customers/CORE-F-1/sms-consent',
    body: { consent: 'withdrawn', source: 'counter', evidence: 'form-2026-1120-F1' },
    onCondition: [409],
  },
  {
    name: 'an inbound TD reply (consent ledger)',
    as: 'core-banking',
    method: 'POST',
    path: '/v1/sms/inbound',
    body: { messageId: 'in-F-1', from: '+8613812345678', text: '退订' },
    onCondition: [409],
  },
];

/**
 * The fault at the request's first write call, then at its second, … (each time from a fresh try):
 * every time 503 + Retry-After with no table changed; until the request makes no more write calls
 * than the fault skips — that one is the client's retry, and it succeeds.
 */
const drill = async (write: Write) => {
  const before = await snapshot();
  for (let skip = 0; ; skip++) {
    for (const [kind, fault] of busy) {
      faults.clear();
      const rule = faults.fail(WRITES, fault, { skip });
      const response = await send(write);
      faults.clear();
      if (rule.hits() === 0) {
        expect(response.status, `${write.name} clean: ${JSON.stringify(response.body)}`).toBeLessThan(300);
        return response;
      }
      expectBusy(response, `${write.name}: ${kind} at write ${skip + 1}`);
      expect(await snapshot(), `${write.name}: ${kind} at write ${skip + 1}`).toEqual(before);
    }
  }
};

describe('a write that meets a persistent fault answers 503 + Retry-After and changes nothing', () => {
  for (const write of writes) it(write.name, () => drill(write).then(() => undefined));
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

describe('a stream record failed by a fault is reported, retried, and applied once', () => {
  const context = { functionName: 'faults', awsRequestId: 'r' } as Context;
  let sequence = 0;
  const recordOf = (item: Record<string, unknown>): DynamoDBRecord => ({
    eventID: `ev-${++sequence}`,
    eventName: 'INSERT',
    eventSource: 'aws:dynamodb',
    dynamodb: {
      SequenceNumber: String(sequence).padStart(21, '0'),
      ApproximateCreationDateTime: Date.parse('2026-11-20T02:00:00Z') / 1000,
      NewImage: marshall(item) as Record<string, AttributeValue> as never,
    },
  });
  type Reader = (
    event: { Records: DynamoDBRecord[] },
    context: Context,
  ) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;
  /**
   * The records the mapping will deliver again: those in batchItemFailures — or, when every record of
   * the batch failed, all of them (Powertools then throws, and Lambda retries the whole batch).
   */
  const failedIn = async (reader: Reader, ...records: DynamoDBRecord[]): Promise<string[]> => {
    try {
      return (await reader({ Records: records }, context)).batchItemFailures.map((f) => f.itemIdentifier);
    } catch (error) {
      if ((error as Error).name !== 'FullBatchFailureError') throw error;
      return records.map((r) => r.eventID!);
    }
  };
  const stored = (customerId: string, transactionId: string) => {
    const t = transaction({ transactionId, customerId, amountFen: 5_000_000, channel: 'mobile' });
    return { ...t, receivedAt: '2026-11-20T02:00:01.000Z', bookedKey: `${t.bookedAt}#${transactionId}` };
  };

  /** Every number of every item, by table, key (with the customer and transaction made generic) and path. */
  const numbers = async (customerId: string, transactionId: string) => {
    const out = new Map<string, number>();
    // generated ids (an alert's) made generic too, and the write shard an org counter took (by entry id)
    const generic = (text: string) =>
      text
        .split(customerId)
        .join('<C>')
        .split(transactionId)
        .join('<T>')
        .replace(/[0-9A-Z]{20,}/g, '<ID>')
        .replace(/^(O#[^#|]+)#\d+\|/, '$1#<shard>|');
    const walk = (prefix: string, value: unknown) => {
      // an item's version is its optimistic-lock token, not a count: a redone write may move it on
      if (prefix.endsWith('.version')) return;
      if (typeof value === 'number') out.set(prefix, (out.get(prefix) ?? 0) + value);
      else if (value && typeof value === 'object')
        for (const [k, v] of Object.entries(value)) walk(`${prefix}.${k}`, v);
    };
    for (const table of system.tables) {
      if (table.id === 'usage') continue;
      const keyNames = [table.partitionKey.name, table.sortKey?.name].filter(Boolean) as string[];
      for (const item of await scanAll<Record<string, unknown>>(runtime, table.id)) {
        const key = generic(keyNames.map((k) => String(item[k])).join('|'));
        const { ...rest } = item;
        for (const k of keyNames) delete rest[k];
        walk(`${table.id}/${key}`, rest);
      }
    }
    return out;
  };
  const delta = (before: Map<string, number>, after: Map<string, number>) => {
    const out: Record<string, number> = {};
    for (const k of new Set([...before.keys(), ...after.keys()])) {
      const d = (after.get(k) ?? 0) - (before.get(k) ?? 0);
      if (d !== 0) out[k] = d;
    }
    return out;
  };

  it('each reader: a persistent fault → batchItemFailures; redelivered until clean; once more → nothing changes', async () => {
    // two customers alike (same RM, no history): X meets the faults, Y is the single clean application
    const customer = (id: string, phone: string) =>
      api.post('rm-bj-cy-wj-02', '/v1/customers', {
        customerId: id,
        name: '王芳',
        phone,
        orgId: 'BJ-CY-WJ',
        managerId: 'rm-bj-cy-wj-02',
        riskLevel: 'C3',
        tags: [],
      });
    expect((await customer('CORE-F-X', '+8613811110001')).status).toBe(201);
    expect((await customer('CORE-F-Y', '+8613811110002')).status).toBe(201);
    const x = stored('CORE-F-X', 'T-F-X');
    const y = stored('CORE-F-Y', 'T-F-Y');

    // loaded now, once the runtime has set the table names (as Lambda loads them on a cold start)
    const readers: [string, Reader][] = [
      [
        'transactions → tiering + report counters',
        (await import('../../functions/streams/transactions-tiering.js')).handler as unknown as Reader,
      ],
      [
        'transactions → monitoring + last activity',
        (await import('../../functions/streams/transactions-monitoring.js')).handler as unknown as Reader,
      ],
    ];
    const beforeX = await numbers('CORE-F-X', 'T-F-X');
    for (const [name, reader] of readers) {
      // the fault at the first write, then the second, … : each time the record is reported failed
      for (let skip = 0; ; skip++) {
        faults.clear();
        const rule = faults.fail(WRITES, throttling, { skip });
        const failed = await failedIn(reader, recordOf(x));
        faults.clear();
        if (rule.hits() === 0) {
          expect(failed, `${name}: clean`).toEqual([]);
          break;
        }
        expect(failed, `${name}: fault at write ${skip + 1}`).toEqual([`ev-${sequence}`]);
      }
      // a redelivery after success changes nothing
      expect(await failedIn(reader, recordOf(x)), `${name}: redelivered`).toEqual([]);
    }
    const afterX = await numbers('CORE-F-X', 'T-F-X');

    const beforeY = await numbers('CORE-F-Y', 'T-F-Y');
    for (const [name, reader] of readers) {
      expect(await failedIn(reader, recordOf(y)), name).toEqual([]);
    }
    const afterY = await numbers('CORE-F-Y', 'T-F-Y');

    const once = delta(beforeY, afterY);
    expect(Object.keys(once).length).toBeGreaterThan(0);
    expect(delta(beforeX, afterX)).toEqual(once);
  });

  it('the ledger readers (aggregates; conversions and maturities): the same, for a registered sale', async () => {
    const readers: [string, Reader][] = [
      [
        'ledger → performance aggregates',
        (await import('../../functions/performance/on-ledger.js')).handler as unknown as Reader,
      ],
      [
        'ledger → conversions + maturities',
        (await import('../../functions/streams/ledger-followers.js')).handler as unknown as Reader,
      ],
    ];
    // two sales alike, by the same RM, to two customers alike; X's meets the faults (streams are off:
    // the ledger entries are written and left for these readers)
    const sale = async (customerId: string, externalRef: string) => {
      const response = await api.post('core-banking', '/v1/performance', {
        channel: 'counter',
        externalRef,
        customerId,
        productId: 'WMF001',
        amountFen: 2_000_000,
        credits: [{ staffId: 'rm-bj-cy-wj-02', sharePct: 100 }],
        occurredAt: '2026-11-20T09:00:00+08:00',
      });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      const entryId = response.body.entryId as string;
      const items = (await scanAll<{ entryId: string }>(runtime, 'performance-ledger')).filter(
        (e) => e.entryId === entryId,
      );
      expect(items.length).toBeGreaterThan(0);
      return { entryId, records: () => items.map((item) => recordOf(item)) };
    };
    const x = await sale('CORE-F-X', 'CTR-F-X');
    const y = await sale('CORE-F-Y', 'CTR-F-Y');

    const beforeX = await numbers('CORE-F-X', x.entryId);
    for (const [name, reader] of readers) {
      for (let skip = 0; ; skip++) {
        const rule = faults.fail(WRITES, throttling, { skip });
        const failed = await failedIn(reader, ...x.records());
        faults.clear();
        if (rule.hits() === 0) {
          expect(failed, `${name}: clean`).toEqual([]);
          break;
        }
        expect(failed.length, `${name}: fault at write ${skip + 1}`).toBeGreaterThan(0);
      }
      expect(await failedIn(reader, ...x.records()), `${name}: redelivered`).toEqual([]);
    }
    const afterX = await numbers('CORE-F-X', x.entryId);

    const beforeY = await numbers('CORE-F-Y', y.entryId);
    for (const [name, reader] of readers) expect(await failedIn(reader, ...y.records()), name).toEqual([]);
    const afterY = await numbers('CORE-F-Y', y.entryId);

    const once = delta(beforeY, afterY);
    expect(Object.keys(once).length).toBeGreaterThan(0);
    expect(delta(beforeX, afterX)).toEqual(once);
  });
});

describe('SNS throttling in campaign dispatch: retried later, sent once', () => {
  it('Publish throttled twice → the message is queued again, then sent once; a later run sends nothing', async () => {
    const target = (await consentingCustomers(runtime, '/HO/BJ/'))[0]!;
    const id = await anApprovedCampaign(
      api,
      beijingCampaign([target.customerId], { name: 'faults', endAt: '2026-11-30T00:00:00Z' }),
    );

    const real = new SNSClient({ endpoint: gateway.endpoint, maxAttempts: 1 });
    const sns = mockClient(snsPublishClient());
    let throttled = 0;
    sns
      .on(CheckIfPhoneNumberIsOptedOutCommand)
      .callsFake((input) => real.send(new CheckIfPhoneNumberIsOptedOutCommand(input)));
    sns.on(PublishCommand).callsFake(async (input) => {
      if (throttled < 2) {
        throttled++;
        throw new ThrottledException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 429 } });
      }
      return real.send(new PublishCommand(input));
    });
    const message = async () => {
      const page = await api.get('marketing', `/v1/campaigns/${id}/messages?limit=10`);
      expect(page.status).toBe(200);
      return page.body.items.find((m: { customerId: string }) => m.customerId === target.customerId);
    };
    const dispatch = async () => {
      const run = await runtime.schedules.run('campaigns-dispatch');
      expect(run?.ok, run?.error).toBe(true);
    };
    try {
      await dispatch();
      expect(throttled).toBeGreaterThan(0);
      expect(gateway.gateway.outbox({ phone: target.phone! })).toHaveLength(0);
      expect((await message())?.status).not.toBe('failed');
      await vi.waitFor(
        async () => {
          await dispatch();
          expect((await message())?.status).toBe('sent');
        },
        { timeout: 30_000, interval: 200 },
      );
      await dispatch();
    } finally {
      sns.restore();
    }
    expect(throttled).toBe(2);
    expect(gateway.gateway.outbox({ phone: target.phone! })).toHaveLength(1);
    // one attempt per claim: two throttled, one sent
    expect(await message()).toMatchObject({ status: 'sent', attempts: 3 });
  });
});

describe('a write that commits one whole step, then meets a fault, converges on retry', () => {
  it('an allocation approval (approved, then each customer moved): 503 at any write; the retry completes it, once', async () => {
    for (let skip = 0; ; skip++) {
      const customerId = `CORE-F-A${skip}`;
      const created = await api.post('rm-bj-cy-wj-01', '/v1/customers', {
        customerId,
        name: '赵敏',
        orgId: 'BJ-CY-WJ',
        managerId: 'rm-bj-cy-wj-01',
        riskLevel: 'C3',
        tags: [],
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const requested = await api.post('bm-bj-cy', '/v1/allocations', {
        customerIds: [customerId],
        toManagerId: 'rm-bj-cy-wj-03',
        reason: '调岗',
      });
      expect(requested.status, JSON.stringify(requested.body)).toBe(201);
      const path = `/v1/allocations/${requested.body.allocationId}/approve`;
      const rule = faults.fail(WRITES, throttling, { skip });
      const first = await api.post('bm-bj', path, { note: '同意' });
      faults.clear();
      if (rule.hits() > 0) {
        expectBusy(first, `approval, fault at write ${skip + 1}`);
        const retried = await api.post('bm-bj', path, { note: '同意' });
        expect(
          retried.status,
          `retry after a fault at write ${skip + 1}: ${JSON.stringify(retried.body)}`,
        ).toBe(200);
      } else expect(first.status).toBe(200);
      expect((await api.get('rm-bj-cy-wj-03', `/v1/customers/${customerId}`)).status).toBe(200);
      const approvals = (await scanAll<{ entityKey: string; action: string }>(runtime, 'audit')).filter(
        (a) =>
          a.entityKey === `allocation#${requested.body.allocationId}` && a.action === 'allocation.approve',
      );
      expect(approvals).toHaveLength(1);
      if (rule.hits() === 0) break;
    }
  });

  it('a balance snapshot: 503 after its adjustment is committed; the retry answers it as a duplicate, counted once', async () => {
    const snapshot = {
      customerId: 'C0000006',
      assetClass: 'wealth',
      businessDate: '2026-10-31',
      balanceFen: 30_000_000,
    };
    // the adjustment (claim + counters + audit, one transaction) lands; the tier decision after it fails
    const rule = faults.fail(WRITES, throttling, { skip: 1 });
    const failed = await api.post('core-banking', '/v1/balances', { balances: [snapshot] });
    faults.clear();
    expect(rule.hits()).toBeGreaterThan(0);
    expectBusy(failed, 'balances, fault after the adjustment');
    const retried = await api.post('core-banking', '/v1/balances', { balances: [snapshot] });
    expect(retried.status).toBe(200);
    expect(retried.body.items).toEqual([
      { ...snapshot, status: 'duplicate', countedFen: 0, adjustmentFen: 30_000_000 },
    ]);
    const adjustments = (await scanAll<{ entityKey: string; action: string }>(runtime, 'audit')).filter(
      (a) => a.entityKey === 'aum#C0000006' && a.action === 'aum.adjust',
    );
    expect(adjustments).toHaveLength(1);
    // the retry made the tier decision the failed request could not
    const state = (
      await scanAll<{ customerId: string; key: string; outlook?: { balanceFen?: number } }>(
        runtime,
        'tier-state',
      )
    ).find((s) => s.customerId === 'C0000006' && s.key === 'STATE');
    expect(state).toBeDefined();
  });
});
