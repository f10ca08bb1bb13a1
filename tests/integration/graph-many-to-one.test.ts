// The many-to-one scenario on the local stack (issue 17):
//   given  ten customers, each of a different RM, and an other-bank account none of them paid before
//   when   they all pay it within two days, through the transactions feed and stream (one batch posted twice)
//   then   one alert per customer, to that customer's RM, listing the nine others masked with their RMs;
//          the account number is nowhere in the alerts or the graph's table
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#infra/local/runtime.js';
import { apiClient, scanAll, startTestRuntime, type ApiClient } from '../support/local-runtime.js';
import { transaction } from '../support/builders.js';

const MULE = '6217009900001234';
let runtime: LocalRuntime;
let api: ApiClient;

beforeAll(async () => {
  // the thresholds are data: ten payers within two days, as the scenario says
  process.env.OCRM_GRAPH_MANY_TO_ONE = JSON.stringify({ minPayers: 10, windowDays: 2 });
  runtime = await startTestRuntime({ demoCustomers: 80, now: '2026-11-20T02:00:00.000Z' });
  api = apiClient(runtime);
});
afterAll(async () => {
  delete process.env.OCRM_GRAPH_MANY_TO_ONE;
  await runtime?.stop();
});

describe('ten customers of ten RMs pay one new account within two days', () => {
  it('raises one alert per customer, to their RM, with the others listed masked', async () => {
    const all = await scanAll<{ customerId: string; managerId: string; name: string }>(runtime, 'customers');
    const oneEach = [...new Map(all.map((c) => [c.managerId, c])).values()].slice(0, 10);
    expect(oneEach).toHaveLength(10);
    const transactions = oneEach.map((c, i) =>
      transaction({
        customerId: c.customerId,
        amountFen: -(3_000_000 + i),
        channel: 'mobile',
        counterpartyAccount: MULE,
        counterpartyBank: '某商业银行',
        counterpartyName: '赵六',
        bookedAt: i < 5 ? '2026-11-19T03:00:00.000Z' : '2026-11-20T01:00:00.000Z',
        businessDate: i < 5 ? '2026-11-19' : '2026-11-20',
      }),
    );
    for (const _ of [1, 2])
      expect((await api.post('core-banking', '/v1/transactions', { transactions })).status).toBe(200);
    await runtime.drained();

    const alerts = (await scanAll<Record<string, any>>(runtime, 'alerts')).filter(
      (a) => a.ruleId === 'graph-many-to-one',
    );
    expect(alerts.map((a) => a.customerId).sort()).toEqual(oneEach.map((c) => c.customerId).sort());
    for (const customer of oneEach) {
      const alert = alerts.find((a) => a.customerId === customer.customerId)!;
      expect(alert.managerId).toBe(customer.managerId);
      expect(alert.evidence.payers).toBe(10);
      const listed = String(alert.evidence.others).split('、');
      expect(listed).toHaveLength(9);
      for (const other of oneEach.filter((c) => c !== customer)) {
        expect(listed).toContain(
          `${[...other.name][0]}${'*'.repeat([...other.name].length - 1)} (${other.managerId})`,
        );
        expect(String(alert.evidence.others)).not.toContain(other.name);
      }
    }
    // the RM sees it in their alerts
    const mine = (await api.get(oneEach[0]!.managerId, '/v1/alerts')).body.items as { ruleId: string }[];
    expect(mine.filter((a) => a.ruleId === 'graph-many-to-one')).toHaveLength(1);
    expect(JSON.stringify(alerts)).not.toContain(MULE);
    expect(JSON.stringify(await scanAll(runtime, 'relationship-graph'))).not.toContain(MULE);
  });
});
