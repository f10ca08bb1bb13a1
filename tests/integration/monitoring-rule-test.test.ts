// Testing a draft trigger rule over HTTP (POST /v1/trigger-rules/{ruleId}/test) on a small bank: the
// answer for a sample transaction on a real customer is what the stream then does with a real
// transaction of the same shape (an alert raised, or none), sample facts answer as the real ones do,
// and each rule's hits in the last 30 days count the alerts it raised, once each. Admins only; a
// customer out of scope is 404; a bad body is a problem+json naming every field, and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#infra/local/runtime.js';
import type { ApiClient } from '../support/local-runtime.js';
import { aBank, aPostedBatch, type Bank } from '../support/steps/index.js';
import { putAndApprove } from '../support/maker-checker.js';
import { transaction } from '../support/builders.js';

process.env.OCRM_TRIGGER_RULES_CHECK_MS = '0';

const NOW = '2026-11-20T02:00:00.000Z';
const RULE = 'it-outflow-7d';
const PATH = `/v1/trigger-rules/${RULE}`;

const draft = {
  name: '7日他行流出（试算）',
  severity: 'high',
  when: {
    all: [
      { fact: 'direction', operator: 'eq', value: 'out' },
      { fact: 'otherBank', operator: 'eq', value: true },
      { fact: 'outflowFen', windowDays: 7, operator: 'gte', value: 3_000_000 },
    ],
  },
  dedup: { windowDays: 1 },
  alert: { title: '{customerName} 7日流出他行 {absAmountYuan}', slaHours: 4 },
};

let runtime: LocalRuntime;
let api: ApiClient;
let bank: Bank;
let customers: { customerId: string; orgId: string }[];

beforeAll(async () => {
  bank = await aBank({ customers: 10, now: NOW });
  ({ runtime, api } = bank);
  customers = (await api.get('admin', '/v1/customers?limit=3')).body.items;
});
afterAll(() => runtime?.stop());

const outflow = (customerId: string, amountFen: number, businessDate: string) =>
  transaction({
    customerId,
    amountFen: -amountFen,
    direction: 'out',
    channel: 'mobile',
    counterpartyBank: '招商银行',
    category: 'transfer',
    businessDate,
    bookedAt: `${businessDate}T01:00:00.000Z`,
  });
const test = (as: string, body: unknown) => api.post(as, `${PATH}/test`, body);
const ruleAlerts = async (customerId: string) =>
  ((await api.get('admin', `/v1/alerts?customerId=${customerId}`)).body.items as any[]).filter(
    (a) => a.ruleId === RULE,
  );
const hits = async () =>
  ((await api.get('admin', '/v1/trigger-rules')).body.items as any[]).find((r) => r.ruleId === RULE)?.hits30d;

describe('testing a draft rule', () => {
  it('is for admins only', async () => {
    const sample = { rule: draft, transaction: outflow(customers[0]!.customerId, 1_000_000, '2026-11-20') };
    for (const who of ['rm-bj-cy-wj-01', 'bm-bj', 'marketing', 'auditor', 'core-banking']) {
      expect((await test(who, sample)).status, who).toBe(403);
    }
    expect((await test(null as never, sample)).status).toBe(401);
  });

  it('refuses a bad body naming every failing field, and changes nothing', async () => {
    const before = (await api.get('admin', '/v1/trigger-rules')).body.revision;
    const bad = await test('admin', {
      rule: { ...draft, severity: 'urgent', when: { fact: 'outflowFen', operator: 'gte', value: 1 } },
      transaction: {
        ...outflow(customers[0]!.customerId, 1, '2026-11-20'),
        amountFen: 'lots',
        businessDate: '2026-02-30',
      },
      customer: { tier: 'bronze', aumFen: -1, days: [{ businessDate: '2026-11-19', outFen: 1 }] },
      extra: true,
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/problem\+json/);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'body',
      'body.customer.aumFen',
      'body.customer.days.0.inFen',
      'body.customer.tier',
      'body.rule.severity',
      'body.rule.when.windowDays',
      'body.transaction.amountFen',
      'body.transaction.businessDate',
    ]);
    expect((await test('admin', { rule: draft, transaction: {} })).status).toBe(400);
    expect((await api.post('admin', '/v1/trigger-rules/Bad_Id/test', { rule: draft })).status).toBe(400);
    expect((await api.get('admin', '/v1/trigger-rules')).body.revision).toBe(before);
    expect((await api.get('admin', '/v1/trigger-rule-changes')).body.items).toEqual([]);
    expect((await api.get('admin', PATH)).status).toBe(404);
  });

  it('does not find a customer out of the caller’s scope, or one that does not exist', async () => {
    const { customerId, orgId } = customers[0]!;
    const other = orgId.startsWith('SH') ? 'BJ' : 'SH';
    const staff = { name: '上海分行管理员', role: 'admin', orgId: other };
    expect((await api.put('admin', '/v1/staff/admin-branch-it', staff)).status).toBe(201);
    const sample = { rule: draft, transaction: outflow(customerId, 1_000_000, '2026-11-20') };
    expect((await test('admin-branch-it', sample)).status).toBe(404);
    const nobody = { rule: draft, transaction: outflow('C9999999', 1_000_000, '2026-11-20') };
    expect((await test('admin', nobody)).status).toBe(404);
    // sample facts need no customer of ours
    expect((await test('admin', { ...nobody, customer: { tier: 'gold' } })).status).toBe(200);
  });

  it('answers what the stream then does with a real transaction of the same shape', async () => {
    const [a, b] = customers.map((c) => c.customerId) as [string, string];
    // both moved ¥20,000 to another bank two days ago
    await aPostedBatch(bank, [outflow(a, 2_000_000, '2026-11-18'), outflow(b, 2_000_000, '2026-11-18')]);

    const firing = outflow(a, 1_000_000, '2026-11-20');
    const quiet = outflow(b, 999_999, '2026-11-20');
    const yes = await test('admin', { rule: draft, transaction: { ...firing, transactionId: 'SAMPLE-A' } });
    const no = await test('admin', { rule: draft, transaction: { ...quiet, transactionId: 'SAMPLE-B' } });
    expect(yes.status, JSON.stringify(yes.body)).toBe(200);
    expect(yes.body).toMatchObject({
      fires: true,
      matched: true,
      enabled: true,
      facts: { direction: 'out', otherBank: true, 'outflowFen:7d': 3_000_000 },
      customer: { source: 'customer', customerId: a },
      alert: { severity: 'high', slaHours: 4, alreadyRaised: false },
    });
    expect(no.body).toMatchObject({ fires: false, facts: { 'outflowFen:7d': 2_999_999 } });
    expect(no.body.alert).toBeUndefined();
    expect(no.body.conditions.map((c: any) => c.matched)).toEqual([false, true, true, false]);
    // the same answers from sample facts that say what the store says
    const sampleOf = (t: object) => ({
      rule: draft,
      transaction: t,
      customer: { tier: 'standard', days: [{ businessDate: '2026-11-18', outFen: 2_000_000, inFen: 0 }] },
    });
    expect((await test('admin', sampleOf(firing))).body.fires).toBe(true);
    expect((await test('admin', sampleOf(quiet))).body.fires).toBe(false);
    // a disabled draft would raise nothing
    const off = await test('admin', { rule: { ...draft, enabled: false }, transaction: firing });
    expect(off.body).toMatchObject({ fires: false, matched: true, enabled: false });

    // the draft goes in force, and the real transactions arrive
    expect((await putAndApprove(api, 'admin', PATH, draft)).status).toBe(201);
    expect(await hits()).toBe(0);
    await aPostedBatch(bank, [firing, quiet]);
    const raised = await ruleAlerts(a);
    expect(raised.map((x) => x.alertId)).toEqual([yes.body.alert.alertId]);
    expect(raised[0].title).toBe(yes.body.alert.title);
    expect(await ruleAlerts(b)).toEqual([]);
    expect(await hits()).toBe(1);

    // tested again now: the alert of this window is there already
    const again = await test('admin', { rule: draft, transaction: outflow(a, 5_000, '2026-11-20') });
    expect(again.body.alert).toMatchObject({ alertId: yes.body.alert.alertId, alreadyRaised: true });
  });

  it('counts each alert once in the rule’s hits: another firing in the same window adds none', async () => {
    const [a, b] = customers.map((c) => c.customerId) as [string, string];
    await aPostedBatch(bank, [outflow(a, 3_000_000, '2026-11-20')]);
    expect(await hits()).toBe(1);
    await aPostedBatch(bank, [outflow(b, 3_000_000, '2026-11-20')]);
    expect(await ruleAlerts(b)).toHaveLength(1);
    expect(await hits()).toBe(2);
    const list = (await api.get('admin', '/v1/trigger-rules')).body;
    expect(list.hitsWindow).toEqual({ from: '2026-10-22', to: '2026-11-20' });
    expect(list.items.every((r: any) => Number.isInteger(r.hits30d))).toBe(true);
  });
});
