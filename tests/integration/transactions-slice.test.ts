// The first vertical slice: POST /v1/transactions → transactions table → its stream → the activity
// handler → customer-activity, end to end on DynamoDB Local through the local runtime.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalRuntime } from '#infra/local/runtime.js';
import type { ApiClient } from '../support/local-runtime.js';
import { aBank } from '../support/steps/index.js';
import { transaction } from '../support/builders.js';

let runtime: LocalRuntime;
let api: ApiClient;

beforeAll(async () => {
  ({ runtime, api } = await aBank({ customers: 5 }));
});
afterAll(() => runtime?.stop());

const activityOf = async (customerId: string) =>
  (
    await runtime.document.send(
      new GetCommand({ TableName: runtime.tableName('customer-activity'), Key: { customerId } }),
    )
  ).Item;
const countTransactions = async () =>
  (
    await runtime.document.send(
      new ScanCommand({ TableName: runtime.tableName('transactions'), Select: 'COUNT' }),
    )
  ).Count;

describe('HTTP → table → stream → handler → table', () => {
  it('records the latest transaction as the customer’s last activity, whatever the order', async () => {
    const batch = [
      transaction({ transactionId: 'T-2', customerId: 'C0000001', bookedAt: '2026-11-20T03:00:00.000Z' }),
      transaction({ transactionId: 'T-3', customerId: 'C0000001', bookedAt: '2026-11-18T03:00:00.000Z' }),
      transaction({ transactionId: 'T-1', customerId: 'C0000002', bookedAt: '2026-11-19T03:00:00.000Z' }),
    ];
    const { status, body } = await api.post('core-banking', '/v1/transactions', { transactions: batch });
    expect(status).toBe(200);
    expect(body).toEqual({ accepted: 3, transactionIds: ['T-2', 'T-3', 'T-1'] });
    await runtime.drained();
    expect(await activityOf('C0000001')).toMatchObject({
      lastTransactionId: 'T-2',
      lastActivityAt: '2026-11-20T03:00:00.000Z',
    });
    expect(await activityOf('C0000002')).toMatchObject({ lastTransactionId: 'T-1' });
  });

  it('accepts a retried batch with the same answer and writes nothing twice', async () => {
    const batch = [
      transaction({ transactionId: 'T-10', customerId: 'C0000003' }),
      transaction({ transactionId: 'T-11', customerId: 'C0000003' }),
    ];
    const first = await api.post('core-banking', '/v1/transactions', { transactions: batch });
    const before = await countTransactions();
    const again = await api.post('core-banking', '/v1/transactions', { transactions: batch });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await countTransactions()).toBe(before);
    // a retry that adds a new transaction to already recorded ones records just the new one
    const grown = await api.post('core-banking', '/v1/transactions', {
      transactions: [...batch, transaction({ transactionId: 'T-12', customerId: 'C0000003' })],
    });
    expect(grown.status).toBe(200);
    expect(await countTransactions()).toBe((before ?? 0) + 1);
  });

  it('refuses a reused transaction id with other content, and writes none of the batch', async () => {
    const before = await countTransactions();
    const { status, body } = await api.post('core-banking', '/v1/transactions', {
      transactions: [
        transaction({ transactionId: 'T-new', customerId: 'C0000004' }),
        transaction({ transactionId: 'T-10', customerId: 'C0000003', amountFen: 999 }),
      ],
    });
    expect(status).toBe(409);
    expect(body.errors).toEqual([
      { path: 'body.transactions.1.transactionId', message: 'was recorded before with different content' },
    ]);
    expect(await countTransactions()).toBe(before);
  });

  it('refuses bad transactions with every failing path and writes nothing', async () => {
    const before = await countTransactions();
    const { status, body } = await api.post('core-banking', '/v1/transactions', {
      transactions: [
        transaction({ transactionId: 'T-bad-1', amountFen: 1.5 }),
        transaction({ transactionId: 'T-bad-2', direction: 'in', amountFen: -100 }),
        transaction({ transactionId: 'T-bad-3', assetClass: 'crypto', businessDate: '2026-02-30' }),
      ],
    });
    expect(status).toBe(400);
    expect(body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining([
        'body.transactions.0.amountFen',
        'body.transactions.1.direction',
        'body.transactions.2.assetClass',
        'body.transactions.2.businessDate',
      ]),
    );
    expect(await countTransactions()).toBe(before);
    expect((await api.post('core-banking', '/v1/transactions', { transactions: [] })).status).toBe(400);
    const tooMany = Array.from({ length: 101 }, (_, i) => transaction({ transactionId: `T-many-${i}` }));
    expect((await api.post('core-banking', '/v1/transactions', { transactions: tooMany })).status).toBe(400);
  });

  it('is for upstream systems: an RM may not post transactions', async () => {
    expect(
      (await api.post('rm-bj-cy-wj-01', '/v1/transactions', { transactions: [transaction()] })).status,
    ).toBe(403);
  });
});
