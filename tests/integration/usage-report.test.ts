// Usage (系统使用) beyond workbench-usage.test.ts: sign-ins told apart by the token's own `iat` (no
// waiting for the clock), a refreshed token of one sign-in is still one login, days of use across
// days and months (marks written by the recorder at chosen instants, read back by the report route),
// the standard (12, or configured) and who is below it, every org figure the sum of the staff below
// it, and the report's scope by the org tree.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#infra/local/runtime.js';
import { loadOrCreateDevKey, signDevToken } from '#infra/local/jwt.js';
import { fixedClock } from '#shared/clock.js';
import type { Caller } from '#shared/auth/caller.js';
import type { OrgUnit } from '#shared/org/org-unit.js';
import type { Staff } from '#shared/staff/staff.js';
import { usageRecorder } from '#shared/usage/recorder.js';
import { apiClient, startTestRuntime, type ApiClient, scanAll, fetch } from '../support/local-runtime.js';
import { dynamoUsageStore } from '#shared/usage/dynamo-usage.js';

// 10:00 on 20 November 2026 in Shanghai
const NOW = Date.parse('2026-11-20T02:00:00Z');
const HOUR = 3600_000;

let runtime: LocalRuntime;
let api: ApiClient;
let key: Awaited<ReturnType<typeof loadOrCreateDevKey>>;
let staff: Staff[];
let orgs: OrgUnit[];

const scanOf = <T>(table: string): Promise<T[]> => scanAll<T>(runtime, table);

beforeAll(async () => {
  const keyFile = join(mkdtempSync(join(tmpdir(), 'ocrm-usage-key-')), 'key.json');
  runtime = await startTestRuntime({
    demoCustomers: 5,
    streams: false,
    now: new Date(NOW).toISOString(),
    keyFile,
  });
  api = apiClient(runtime);
  key = await loadOrCreateDevKey(keyFile);
  staff = await scanOf<Staff>('staff');
  orgs = await scanOf<OrgUnit>('orgs');
});
afterAll(() => runtime?.stop());

/**
 * A token of a sign-in at `signedInAt` (its `iat`), as the IdP would issue it. The authorizer checks
 * expiry on the wall clock (the runtime's business clock is set back to NOW), so it lasts until then.
 */
const signedIn = (staffId: string, signedInAt: number, extraClaims: Record<string, unknown> = {}) =>
  signDevToken(key, staffId, {
    now: new Date(signedInAt),
    expiresInSeconds: Math.ceil((Math.max(Date.now(), signedInAt) - signedInAt) / 1000) + 12 * 3600,
    extraClaims,
  });

const request = async (token: string, path = '/v1/me') => {
  const response = await fetch(runtime.url + path, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  await response.text();
};

const callerOf = (staffId: string): Caller => {
  const s = staff.find((p) => p.staffId === staffId)!;
  return { staffId: s.staffId, name: s.name, role: s.role, orgId: s.orgId, orgPath: s.orgPath };
};

/** Requests of one staff member at chosen instants, recorded as the request path records them. */
const useAt = async (staffId: string, uses: { signedInAt: string; at: string[] }[]) => {
  const clock = fixedClock(uses[0]!.at[0]!);
  const record = usageRecorder(
    () => dynamoUsageStore(runtime.document),
    () => clock.now(),
  );
  for (const use of uses) {
    for (const at of use.at) {
      clock.set(at);
      await record(callerOf(staffId), { iat: String(Date.parse(use.signedInAt) / 1000) });
    }
  }
};

type Row = { staffId: string; orgId: string; logins: number; activeDays: number; belowStandard: boolean };
type OrgRow = { orgId: string; staff: number; logins: number; activeDays: number; belowStandard: number };

const report = async (as: string, query: string) => {
  const response = await api.get(as, `/v1/reports/usage?${query}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as {
    orgId: string;
    standard: number;
    totals: OrgRow;
    byOrg: OrgRow[];
    staff: Row[];
    below: string[];
  };
};
const rowOf = (body: { staff: Row[] }, staffId: string) => body.staff.find((s) => s.staffId === staffId);

describe('usage report', () => {
  it('counts a sign-in once however many requests, a refreshed token of it too, and a new sign-in as another', async () => {
    const rm = 'rm-bj-cy-wj-02';
    const first = await signedIn(rm, NOW - 3 * HOUR);
    for (let i = 0; i < 6; i++) await request(first, i % 2 ? '/v1/customers?limit=1' : '/v1/me');
    // a refresh: a new token (new iat) of the same sign-in (auth_time)
    const refreshed = await signedIn(rm, NOW - HOUR, {
      auth_time: Math.floor((NOW - 3 * HOUR) / 1000),
    });
    await request(refreshed);
    await request(refreshed);
    const again = await signedIn(rm, NOW - HOUR / 2);
    await request(again);
    await request(first);

    expect(rowOf(await report('bm-bj-cy', 'month=2026-11'), rm)).toMatchObject({
      logins: 2,
      activeDays: 1,
      belowStandard: true,
    });
  });

  it('counts days of use per business day (Asia/Shanghai), and a login in the month it was made', async () => {
    await useAt('rm-bj-cy-gm-01', [
      // 23:00 on 31 October, still at it at 00:30 on 1 November: October's login, a day of use in each
      { signedInAt: '2026-10-31T15:00:00Z', at: ['2026-10-31T15:00:00Z', '2026-10-31T16:30:00Z'] },
      // 2 November: one sign-in, many requests
      {
        signedInAt: '2026-11-02T01:00:00Z',
        at: ['2026-11-02T01:00:00Z', '2026-11-02T03:00:00Z', '2026-11-02T09:00:00Z'],
      },
      // 5 November: two sign-ins
      { signedInAt: '2026-11-05T01:00:00Z', at: ['2026-11-05T01:00:00Z', '2026-11-05T02:00:00Z'] },
      { signedInAt: '2026-11-05T06:00:00Z', at: ['2026-11-05T06:00:00Z'] },
      // 23:30 on 5 November into 00:30 on the 6th: one login, two days
      { signedInAt: '2026-11-05T15:30:00Z', at: ['2026-11-05T15:30:00Z', '2026-11-05T16:30:00Z'] },
      // 00:30 on 1 December: December's
      { signedInAt: '2026-11-30T16:30:00Z', at: ['2026-11-30T16:30:00Z'] },
    ]);
    // logins: 2, 5 (×2), 5 late = 4; days: 1, 2, 5, 6 November = 4
    expect(rowOf(await report('bm-bj-cy', 'month=2026-11'), 'rm-bj-cy-gm-01')).toMatchObject({
      logins: 4,
      activeDays: 4,
    });
    expect(rowOf(await report('bm-bj-cy', 'month=2026-10'), 'rm-bj-cy-gm-01')).toMatchObject({
      logins: 1,
      activeDays: 1,
    });
    expect(rowOf(await report('bm-bj-cy', 'month=2026-12'), 'rm-bj-cy-gm-01')).toMatchObject({
      logins: 1,
      activeDays: 1,
    });
  });

  it('lists who is below the standard (12 a month, or as configured), rolled up the org tree', async () => {
    const logins = (n: number) =>
      Array.from({ length: n }, (_, i) => {
        const at = `2026-11-${String(i + 3).padStart(2, '0')}T01:00:00Z`;
        return { signedInAt: at, at: [at] };
      });
    await useAt('rm-bj-hd-zgc-01', logins(12));
    await useAt('rm-bj-cy-wj-03', logins(11));

    const bj = await report('bm-bj', 'month=2026-11');
    expect(bj.standard).toBe(12);
    expect(rowOf(bj, 'rm-bj-hd-zgc-01')).toMatchObject({ logins: 12, activeDays: 12, belowStandard: false });
    expect(rowOf(bj, 'rm-bj-cy-wj-03')).toMatchObject({ logins: 11, activeDays: 11, belowStandard: true });
    expect(bj.below).toEqual(bj.staff.filter((s) => s.logins < 12).map((s) => s.staffId));
    expect(bj.below).toContain('rm-bj-cy-wj-03');
    expect(bj.below).not.toContain('rm-bj-hd-zgc-01');

    // every org unit's figures are the sums over the staff in its subtree, up to the report's org
    const pathOf = new Map(orgs.map((o) => [o.orgId, o.path]));
    const expected = orgs
      .filter((o) => o.path.startsWith(pathOf.get('BJ')!))
      .map((o) => {
        const below = bj.staff.filter((s) => pathOf.get(s.orgId)!.startsWith(o.path));
        return {
          orgId: o.orgId,
          staff: below.length,
          logins: below.reduce((n, s) => n + s.logins, 0),
          activeDays: below.reduce((n, s) => n + s.activeDays, 0),
          belowStandard: below.filter((s) => s.belowStandard).length,
        };
      })
      .filter((o) => o.staff > 0)
      .sort((a, b) => a.orgId.localeCompare(b.orgId));
    expect(bj.byOrg).toEqual(expected);
    expect(bj.totals).toEqual(expected.find((o) => o.orgId === 'BJ'));
    expect(bj.totals.logins).toBeGreaterThanOrEqual(12 + 11 + 4 + 2);

    // a lower standard in the query, or configured for the deployment
    expect((await report('bm-bj', 'month=2026-11&standard=11')).below).not.toContain('rm-bj-cy-wj-03');
    const saved = process.env.OCRM_USAGE_STANDARD_LOGINS;
    process.env.OCRM_USAGE_STANDARD_LOGINS = '11';
    try {
      const configured = await report('bm-bj', 'month=2026-11');
      expect(configured.standard).toBe(11);
      expect(configured.below).not.toContain('rm-bj-cy-wj-03');
      expect(configured.totals.belowStandard).toBe(bj.totals.belowStandard - 1);
    } finally {
      if (saved === undefined) delete process.env.OCRM_USAGE_STANDARD_LOGINS;
      else process.env.OCRM_USAGE_STANDARD_LOGINS = saved;
    }
  });

  it('is scoped: a branch manager sees exactly their subtree’s people, head office everyone; RMs none', async () => {
    const people = (orgPath: string) =>
      staff
        .filter((s) => s.active && s.role !== 'integration' && s.orgPath.startsWith(orgPath))
        .map((s) => s.staffId)
        .sort();
    const cy = orgs.find((o) => o.orgId === 'BJ-CY')!;

    const own = await report('bm-bj-cy', 'month=2026-11');
    expect(own.orgId).toBe('BJ-CY');
    expect(own.staff.map((s) => s.staffId)).toEqual(people(cy.path));
    // the same subtree asked for from above
    expect((await report('bm-bj', 'orgId=BJ-CY&month=2026-11')).staff).toEqual(own.staff);
    expect((await report('admin', 'orgId=BJ-CY&month=2026-11')).staff).toEqual(own.staff);
    // not above their own unit, not sideways
    expect((await api.get('bm-bj-cy', '/v1/reports/usage?orgId=BJ')).status).toBe(404);
    expect((await api.get('bm-bj-cy', '/v1/reports/usage?orgId=BJ-HD')).status).toBe(404);
    expect((await api.get('bm-sh', '/v1/reports/usage?orgId=BJ-CY')).status).toBe(404);
    // RMs do not read reports
    expect((await api.get('rm-bj-cy-wj-01', '/v1/reports/usage')).status).toBe(403);

    const bank = await report('admin', 'month=2026-11');
    const ho = orgs.find((o) => o.orgId === bank.orgId)!;
    expect(ho.level).toBe('head_office');
    expect(bank.staff.map((s) => s.staffId)).toEqual(people(ho.path));
    expect(bank.totals.logins).toBe(bank.staff.reduce((n, s) => n + s.logins, 0));
    expect((await report('marketing', 'month=2026-11')).totals).toEqual(
      expect.objectContaining({ orgId: ho.orgId, staff: bank.totals.staff }),
    );
  });
});
