// GET /v1/customers/{customerId}/graph on the local stack with real JWTs (issue 17):
//   given  a customer who paid and was paid by 25 counterparty accounts, through the transactions stream
//   when   their RM, another RM and the admin ask for the neighbourhood
//   then   the RM and the admin get the 20 largest by amount, masked; the other RM gets 404
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#infra/local/runtime.js';
import { apiClient, scanAll, startTestRuntime, type ApiClient } from '../support/local-runtime.js';
import { transaction } from '../support/builders.js';

let runtime: LocalRuntime;
let api: ApiClient;
const account = (i: number) => `62220212345${String(i).padStart(5, '0')}`;

beforeAll(async () => {
  runtime = await startTestRuntime({ demoCustomers: 8, now: '2026-11-20T02:00:00.000Z' });
  api = apiClient(runtime);
});
afterAll(() => runtime?.stop());

describe('a customer’s graph neighbourhood', () => {
  it('is the 20 largest counterparties, masked, in scope only', async () => {
    const customers = await scanAll<{ customerId: string; managerId: string }>(runtime, 'customers');
    const [mine] = customers;
    const other = customers.find((c) => c.managerId !== mine!.managerId)!;
    // counterparty i moves (i + 1) × 1,000 yuan: one payment out, and for the even ones a payment in
    const transactions = Array.from({ length: 25 }, (_, i) => [
      transaction({
        customerId: mine!.customerId,
        amountFen: -(i + 1) * 100_000,
        counterpartyAccount: account(i),
        counterpartyBank: '建设银行',
        counterpartyName: '李四',
      }),
      ...(i % 2 === 0
        ? [
            transaction({
              customerId: mine!.customerId,
              amountFen: (i + 1) * 100_000,
              counterpartyAccount: account(i),
              counterpartyBank: '建设银行',
            }),
          ]
        : []),
    ]).flat();
    expect((await api.post('core-banking', '/v1/transactions', { transactions })).status).toBe(200);
    await runtime.drained();

    const path = `/v1/customers/${mine!.customerId}/graph`;
    const { status, body } = await api.get(mine!.managerId, path);
    expect(status).toBe(200);
    const totals = (i: number) => (i % 2 === 0 ? 2 : 1) * (i + 1) * 100_000;
    const expected = Array.from({ length: 25 }, (_, i) => i)
      .sort((a, b) => totals(b) - totals(a))
      .slice(0, 20);
    expect(body.counterparties.map((c: { totalFen: number }) => c.totalFen)).toEqual(expected.map(totals));
    expect(body.counterparties[0]).toMatchObject({
      bank: '建设银行',
      maskedAccount: `****${account(expected[0]!).slice(-4)}`,
      maskedName: '李*',
      count: 2,
      inFen: totals(expected[0]!) / 2,
      outFen: totals(expected[0]!) / 2,
      firstDate: '2026-11-20',
    });
    const text = JSON.stringify(body);
    for (let i = 0; i < 25; i++) expect(text).not.toContain(account(i));
    expect(text).not.toContain('李四');

    expect((await api.get('admin', path)).body).toEqual(body);
    expect((await api.get(other.managerId, path)).status).toBe(404);
    expect((await api.get('core-banking', path)).status).toBe(403);
  });
});
