// Trigger rules as data over HTTP: listed, validated (every bad path reported, nothing stored),
// versioned, in force for the next transaction; a bad stored version or a poisoned transaction never
// stops the pipeline; AUM facts come from the tiering capability's counters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { invoke } from '#infra/local/invoke.js';
import type { LocalRuntime } from '#infra/local/runtime.js';
import type { ApiClient } from '../support/local-runtime.js';
import { aBank, aPostedBatch, type Bank } from '../support/steps/index.js';
import { putAndApprove } from '../support/maker-checker.js';
import { transaction } from '../support/builders.js';

process.env.OCRM_TRIGGER_RULES_CHECK_MS = '0'; // every record checks the rules' revision: no waiting in tests

const NOW = '2026-11-20T02:00:00.000Z';
const YUAN = 100;

let runtime: LocalRuntime;
let api: ApiClient;
let bank: Bank;

beforeAll(async () => {
  bank = await aBank({ customers: 10, now: NOW });
  ({ runtime, api } = bank);
});
afterAll(() => runtime?.stop());

const alertsOf = async (customerId: string) =>
  (await api.get('admin', `/v1/alerts?customerId=${customerId}`)).body.items as any[];

const watchList = {
  name: '可疑收款方',
  description: 'Money to a payee on the watch list',
  severity: 'critical',
  when: {
    all: [
      { fact: 'direction', operator: 'eq', value: 'out' },
      { fact: 'counterpartyName', operator: 'matches', value: '博彩|娱乐城' },
    ],
  },
  dedup: { windowDays: 1 },
  alert: { title: '向可疑收款方{counterpartyName}转出 {absAmountYuan}', slaHours: 2 },
};

describe('trigger rules over HTTP', () => {
  it('lists the built-in rules to an admin only', async () => {
    const { status, body } = await api.get('admin', '/v1/trigger-rules');
    expect(status).toBe(200);
    expect(body.revision).toBe(0);
    expect(body.items.map((r: any) => `${r.ruleId}@${r.version}`).sort()).toEqual([
      'cumulative-outflow@0',
      'dormant-reactivated@0',
      'large-cash@0',
      'large-transaction@0',
      'maturity@0',
      'outflow-other-bank@0',
      'salary-credit@0',
      'tier-threshold-crossed@0',
    ]);
    expect(body.facts).toContainEqual({
      fact: 'outflowFen',
      type: 'window',
      operators: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte'],
      parameters: { windowDays: '1..31' },
    });
    expect(body.placeholders).toContain('absAmountYuan');
    expect((await api.get('rm-bj-cy-wj-01', '/v1/trigger-rules')).status).toBe(403);
    expect((await api.put('bm-bj', '/v1/trigger-rules/x1', watchList)).status).toBe(403);
    const openapi = (await api.get(null, '/v1/openapi.json')).body;
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining([
        '/v1/trigger-rules/{ruleId}',
        '/v1/alerts/{alertId}/close',
        '/v1/reports/net-outflow',
      ]),
    );
  });

  it('refuses a bad rule with the path of every mistake, and stores nothing', async () => {
    const bad = await api.put('admin', '/v1/trigger-rules/watch-list', {
      ...watchList,
      colour: 'red', // unknown field
      severity: 5, // wrong type
      when: {
        all: [
          { fact: 'direction', operator: 'eq', value: 'out' },
          { fact: 'counterpartyName', operator: 'matches', value: '博彩(' }, // invalid regex
          { fact: 'outflowFen', windowDays: 90, operator: 'gte', value: 1 }, // invalid window
          { fact: 'counterpartyName', operator: 'matches', value: '(?<!本)行$' }, // lookaround: not RE2
          { fact: 'counterpartyName', operator: 'matches', value: '(银)\\1' }, // back reference: not RE2
        ],
      },
      dedup: { windowDays: 0 }, // invalid window
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/problem\+json/);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'body',
      'body.dedup.windowDays',
      'body.severity',
      'body.when.all.1.value',
      'body.when.all.2.windowDays',
      'body.when.all.3.value',
      'body.when.all.4.value',
    ]);
    expect((await api.put('admin', '/v1/trigger-rules/Bad_Id', watchList)).status).toBe(400);
    expect((await api.get('admin', '/v1/trigger-rules/watch-list')).status).toBe(404);
    expect((await api.get('admin', '/v1/trigger-rules')).body.revision).toBe(0);
  });

  it('stores versions: a new rule, the same content again (no version), a change', async () => {
    const created = await putAndApprove(api, 'admin', '/v1/trigger-rules/watch-list', watchList);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      ruleId: 'watch-list',
      version: 1,
      enabled: true,
      updatedBy: 'admin',
    });
    const again = await putAndApprove(api, 'admin', '/v1/trigger-rules/watch-list', watchList);
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(1);
    const changed = await putAndApprove(api, 'admin', '/v1/trigger-rules/watch-list', {
      ...watchList,
      severity: 'high',
    });
    expect(changed.body.version).toBe(2);
    const one = (await api.get('admin', '/v1/trigger-rules/watch-list')).body;
    expect(one.version).toBe(2);
    expect(one.versions.map((v: any) => v.version)).toEqual([2, 1]);
    expect((await api.get('admin', '/v1/trigger-rules')).body.revision).toBe(2);
  });

  it('puts a new version in force for the next transaction', async () => {
    await aPostedBatch(bank, [
      transaction({
        transactionId: 'RULE-1',
        customerId: 'C0000001',
        amountFen: -800_000,
        counterpartyName: '某某娱乐城',
        counterpartyBank: '工商银行',
      }),
    ]);
    const [alert] = (await alertsOf('C0000001')).filter((a) => a.ruleId === 'watch-list');
    expect(alert).toMatchObject({
      ruleVersion: 2,
      severity: 'high',
      slaHours: 2,
      title: '向可疑收款方某某娱乐城转出 ¥8,000',
    });
  });

  it('can switch a built-in rule off', async () => {
    const builtIn = (await api.get('admin', '/v1/trigger-rules/large-transaction')).body;
    const { ruleId: _r, version: _v, updatedAt: _a, updatedBy: _b, versions: _vs, ...input } = builtIn;
    expect(
      (await putAndApprove(api, 'admin', '/v1/trigger-rules/large-transaction', { ...input, enabled: false }))
        .status,
    ).toBe(200);
    await aPostedBatch(bank, [
      transaction({ transactionId: 'RULE-2', customerId: 'C0000002', amountFen: 900_000 * YUAN }),
    ]);
    expect((await alertsOf('C0000002')).map((a) => a.ruleId)).not.toContain('large-transaction');
    expect(
      (await putAndApprove(api, 'admin', '/v1/trigger-rules/large-transaction', input)).body.version,
    ).toBe(2);
  });

  it('keeps the last good version when a bad one reaches the store around the API', async () => {
    await runtime.document.send(
      new PutCommand({
        TableName: runtime.tableName('trigger-rules'),
        Item: {
          ...watchList,
          ruleId: 'watch-list',
          version: 3,
          enabled: true,
          when: { fact: 'counterpartyName', operator: 'matches', value: '((' },
          updatedAt: NOW,
          updatedBy: 'someone',
        },
      }),
    );
    await runtime.document.send(
      new UpdateCommand({
        TableName: runtime.tableName('trigger-rules'),
        Key: { ruleId: '$head', version: 0 },
        UpdateExpression: 'ADD revision :one',
        ExpressionAttributeValues: { ':one': 1 },
      }),
    );
    await aPostedBatch(bank, [
      transaction({
        transactionId: 'RULE-3',
        customerId: 'C0000003',
        amountFen: -500_000,
        counterpartyName: '博彩公司',
      }),
    ]);
    expect((await alertsOf('C0000003')).find((a) => a.ruleId === 'watch-list')).toMatchObject({
      ruleVersion: 2,
    });
    const listed = (await api.get('admin', '/v1/trigger-rules')).body;
    expect(listed.items.find((r: any) => r.ruleId === 'watch-list').version).toBe(2);
    expect(listed.skipped).toEqual([
      { ruleId: 'watch-list', version: 3, problem: expect.stringMatching(/when.value/) },
    ]);
    expect((await runtime.streams.deadLetters()).filter((d) => d.mapping.startsWith('monitoring'))).toEqual(
      [],
    );
  });
});

describe('the pipeline under bad input', () => {
  it('dead-letters a transaction it cannot read and goes on with the next ones', async () => {
    await runtime.document.send(
      new PutCommand({
        TableName: runtime.tableName('transactions'),
        Item: {
          ...transaction({ transactionId: 'POISON-1', customerId: 'C0000004', amountFen: -900_000 * YUAN }),
          assetClass: 'crypto',
          receivedAt: NOW,
          bookedKey: `2026-11-20T02:00:00.000Z#POISON-1`,
        },
      }),
    );
    await aPostedBatch(bank, [
      transaction({ transactionId: 'AFTER-1', customerId: 'C0000004', amountFen: -900_000 * YUAN }),
    ]);
    const letters = (await runtime.streams.deadLetters()).filter((d) =>
      d.mapping.startsWith('monitoring-on-transaction'),
    );
    expect(letters).toHaveLength(1);
    const triggers = (await alertsOf('C0000004')).map((a) => a.trigger.transactionId);
    expect(triggers.length).toBeGreaterThan(0);
    expect(new Set(triggers)).toEqual(new Set(['AFTER-1']));
  });
  it('ignores a removed transaction, deleted by us or by its time to live, and reports only a bad record', async () => {
    // a delete through the stream mapping: filtered out, nothing dead-lettered, the next one processed
    const removed = transaction({
      transactionId: 'GONE-1',
      customerId: 'C0000005',
      amountFen: -700_000 * YUAN,
    });
    await aPostedBatch(bank, [removed]);
    await runtime.document.send(
      new DeleteCommand({ TableName: runtime.tableName('transactions'), Key: { transactionId: 'GONE-1' } }),
    );
    await aPostedBatch(bank, [
      transaction({ transactionId: 'GONE-2', customerId: 'C0000005', amountFen: -700_000 * YUAN }),
    ]);
    const letters = (await runtime.streams.deadLetters()).filter((d) =>
      d.mapping.startsWith('monitoring-on-transaction'),
    );
    expect(letters).toHaveLength(1); // POISON-1's, from the test before
    expect((await alertsOf('C0000005')).some((a) => a.trigger.transactionId === 'GONE-1')).toBe(true);

    // and the handler itself, given what no filter lets through: REMOVE, a TTL delete, a bad image
    const fn = runtime.plan.streamMappings.find((m) => m.fn.name === 'monitoring-on-transaction')!.fn;
    const image = (item: Record<string, unknown>) =>
      marshall(item, { removeUndefinedValues: true }) as NonNullable<DynamoDBRecord['dynamodb']>['NewImage'];
    const record = (
      eventID: string,
      eventName: DynamoDBRecord['eventName'],
      extra: Partial<DynamoDBRecord>,
    ) =>
      ({
        eventID,
        eventName,
        eventSource: 'aws:dynamodb',
        dynamodb: { SequenceNumber: eventID, ApproximateCreationDateTime: Date.parse(NOW) / 1000 },
        ...extra,
      }) as DynamoDBRecord;
    const stored = { ...removed, receivedAt: NOW, bookedKey: `${removed.bookedAt}#GONE-1` };
    const event: DynamoDBStreamEvent = {
      Records: [
        record('1', 'REMOVE', { dynamodb: { SequenceNumber: '1', OldImage: image(stored) } }),
        record('2', 'REMOVE', {
          dynamodb: { SequenceNumber: '2', OldImage: image(stored) },
          userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' },
        }),
        record('3', 'INSERT', {
          dynamodb: { SequenceNumber: '3', NewImage: image({ ...stored, assetClass: 'crypto' }) },
        }),
      ],
    };
    expect(await invoke(fn, event)).toEqual({ batchItemFailures: [{ itemIdentifier: '3' }] });
  });
});

describe('AUM facts from the tiering counters', () => {
  it('fires 他行转出 at 30% of the previous close, and the upgrade opportunity on a crossing', async () => {
    await aPostedBatch(bank, [
      transaction({
        transactionId: 'AUM-1',
        customerId: 'C0000005',
        amountFen: 100_000 * YUAN,
        bookedAt: '2026-11-19T02:00:00.000Z',
        businessDate: '2026-11-19',
      }),
    ]);
    await aPostedBatch(bank, [
      transaction({
        transactionId: 'AUM-2',
        customerId: 'C0000005',
        amountFen: -35_000 * YUAN,
        counterpartyBank: '建设银行',
      }),
      transaction({ transactionId: 'AUM-3', customerId: 'C0000006', amountFen: 60_000 * YUAN }),
    ]);
    const outflow = (await alertsOf('C0000005')).find((a) => a.ruleId === 'outflow-other-bank');
    expect(outflow?.evidence).toMatchObject({ aumFen: 100_000 * YUAN, absAmountFen: 35_000 * YUAN });
    const crossed = (await alertsOf('C0000006')).find((a) => a.ruleId === 'tier-threshold-crossed');
    expect(crossed?.evidence).toEqual({ crossedTier: 'gold' });
  });
});
