// Given staff using the API, GET /v1/reports/usage shows each person's logins and days of use against
// the standard, rolled up the org tree; many requests under one token are one login.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#infra/local/runtime.js';
import { type ApiClient, fetch } from '../support/local-runtime.js';
import { aBankWithSignIns, type BankWithSignIns } from '../support/steps/index.js';

let runtime: LocalRuntime;
let api: ApiClient;
let bank: BankWithSignIns;

beforeAll(async () => {
  bank = await aBankWithSignIns({ customers: 20, streams: false, now: '2026-11-20T02:00:00Z' });
  ({ runtime, api } = bank);
});
afterAll(() => runtime?.stop());

const getAs = async (token: string, path: string) =>
  fetch(runtime.url + path, { headers: { authorization: `Bearer ${token}` } });

describe('usage', () => {
  it('counts one login however many requests a token makes, and a new sign-in as another', async () => {
    // two sign-ins a minute apart: two tokens with their own `iat`
    const first = await bank.signInAt('rm-bj-cy-wj-01', new Date(Date.now() - 60_000));
    for (let i = 0; i < 7; i++) expect((await getAs(first, '/v1/me')).status).toBe(200);
    const second = await bank.signInAt('rm-bj-cy-wj-01', new Date());
    for (let i = 0; i < 3; i++) await getAs(second, '/v1/customers?limit=1');
    await getAs(await runtime.token('rm-bj-cy-wj-02'), '/v1/me');

    const report = await api.get('bm-bj-cy', '/v1/reports/usage?month=2026-11');
    expect(report.status).toBe(200);
    const row = (id: string) => report.body.staff.find((s: { staffId: string }) => s.staffId === id);
    expect(row('rm-bj-cy-wj-01')).toMatchObject({ logins: 2, activeDays: 1, belowStandard: true });
    expect(row('rm-bj-cy-wj-02')).toMatchObject({ logins: 1, activeDays: 1 });
    expect(row('rm-bj-cy-wj-03')).toMatchObject({ logins: 0, activeDays: 0 });
    // bm-bj-cy signed in once to ask (the report request itself is a use)
    expect(row('bm-bj-cy')).toMatchObject({ logins: 1 });
    expect(report.body.standard).toBe(12);

    // totals roll up: each org's figure is the sum over the staff below it
    const staff = report.body.staff as {
      staffId: string;
      orgId: string;
      logins: number;
      activeDays: number;
    }[];
    const wj = report.body.byOrg.find((o: { orgId: string }) => o.orgId === 'BJ-CY-WJ');
    const wjStaff = staff.filter((s) => s.orgId === 'BJ-CY-WJ');
    expect(wj.logins).toBe(wjStaff.reduce((n, s) => n + s.logins, 0));
    expect(report.body.totals.logins).toBe(staff.reduce((n, s) => n + s.logins, 0));
    expect(report.body.totals.activeDays).toBe(staff.reduce((n, s) => n + s.activeDays, 0));
    expect(report.body.below).toEqual(staff.filter((s) => s.logins < 12).map((s) => s.staffId));
    expect(report.body.totals.staff).toBe(staff.length);

    const lower = await api.get('bm-bj-cy', '/v1/reports/usage?month=2026-11&standard=2');
    expect(lower.body.below).not.toContain('rm-bj-cy-wj-01');
  });

  it('is scoped: a subtree’s manager, head office; not RMs, not another subtree', async () => {
    expect((await api.get('rm-bj-cy-wj-01', '/v1/reports/usage')).status).toBe(403);
    expect((await api.get('bm-sh', '/v1/reports/usage?orgId=BJ-CY')).status).toBe(404);
    expect((await api.get('bm-bj-hd', '/v1/reports/usage?orgId=BJ-CY')).status).toBe(404);
    expect((await api.get('bm-bj', '/v1/reports/usage?orgId=BJ-CY')).status).toBe(200);
    const bank = await api.get('admin', '/v1/reports/usage?period=2026-11');
    expect(bank.status).toBe(200);
    expect(bank.body.byOrg.map((o: { orgId: string }) => o.orgId)).toEqual(
      expect.arrayContaining(['HO', 'BJ', 'SH']),
    );
    const sh = await api.get('bm-sh', '/v1/reports/usage');
    expect(sh.body.staff.every((s: { orgId: string }) => s.orgId.startsWith('SH'))).toBe(true);
  });

  it('refuses bad input with paths', async () => {
    const bad = await api.get('admin', '/v1/reports/usage?month=2026-13&standard=0');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'query.month',
      'query.standard',
    ]);
  });
});
