// GET /v1/me/usage: every person reads their own logins this month against the standard (12 unless
// configured) — the same figure the usage report shows their manager — and nobody else's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#infra/local/runtime.js';
import { type ApiClient, fetch } from '../support/local-runtime.js';
import { aBankWithSignIns, type BankWithSignIns } from '../support/steps/index.js';

let runtime: LocalRuntime;
let api: ApiClient;
let bank: BankWithSignIns;

beforeAll(async () => {
  bank = await aBankWithSignIns({ customers: 0, streams: false, now: '2026-11-20T02:00:00Z' });
  ({ runtime, api } = bank);
});
afterAll(() => runtime?.stop());

/** A sign-in `minutesAgo` (its own `iat`): each is one login however many requests it makes. */
const signIn = (staffId: string, minutesAgo: number) =>
  bank.signInAt(staffId, new Date(Date.now() - minutesAgo * 60_000));

const getWith = async (token: string, path: string) => {
  const response = await fetch(runtime.url + path, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe('my usage', () => {
  it('gives the caller their own logins and days this month, as the report counts them', async () => {
    const rm = 'rm-bj-cy-wj-01';
    const first = await signIn(rm, 3);
    for (let i = 0; i < 4; i++) expect((await getWith(first, '/v1/customers?limit=1')).status).toBe(200);
    const second = await signIn(rm, 1);

    const mine = await getWith(second, '/v1/me/usage');
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual({
      staffId: rm,
      month: '2026-11',
      logins: 2,
      activeDays: 1,
      standard: 12,
      belowStandard: true,
    });
    const report = await api.get('bm-bj-cy', '/v1/reports/usage?month=2026-11');
    const row = report.body.staff.find((s: { staffId: string }) => s.staffId === rm);
    expect(row).toMatchObject({
      logins: mine.body.logins,
      activeDays: mine.body.activeDays,
      belowStandard: true,
    });

    // another month: nothing yet
    expect((await getWith(second, '/v1/me/usage?month=2026-10')).body).toMatchObject({
      logins: 0,
      activeDays: 0,
    });
  });

  it('answers for the caller only: a colleague’s logins are theirs, and no parameter names anyone else', async () => {
    const colleague = await api.get('rm-bj-cy-wj-02', '/v1/me/usage');
    expect(colleague.status).toBe(200);
    expect(colleague.body).toMatchObject({ staffId: 'rm-bj-cy-wj-02', logins: 1 });
    // a manager asking is answered about the manager, never about a person in their unit
    const bm = await api.get('bm-bj-cy', '/v1/me/usage');
    expect(bm.body.staffId).toBe('bm-bj-cy');
    const other = await api.get('bm-bj-cy', '/v1/me/usage?staffId=rm-bj-cy-wj-01');
    expect(other.status).toBe(400);
    expect(other.body.errors).toEqual([{ path: 'query', message: expect.stringContaining('staffId') }]);
  });

  it('follows the configured standard', async () => {
    const saved = process.env.OCRM_USAGE_STANDARD_LOGINS;
    process.env.OCRM_USAGE_STANDARD_LOGINS = '1';
    try {
      expect((await api.get('rm-bj-cy-wj-02', '/v1/me/usage')).body).toMatchObject({
        standard: 1,
        belowStandard: false,
      });
    } finally {
      if (saved === undefined) delete process.env.OCRM_USAGE_STANDARD_LOGINS;
      else process.env.OCRM_USAGE_STANDARD_LOGINS = saved;
    }
  });

  it('is for the bank’s people (not upstream systems); bad input is a problem naming every field', async () => {
    const integration = await api.get('core-banking', '/v1/me/usage');
    expect(integration.status).toBe(403);
    expect(integration.headers.get('content-type')).toContain('application/problem+json');
    const bad = await api.get('auditor', '/v1/me/usage?month=2026-13&extra=1');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'query', message: expect.stringContaining('extra') },
        expect.objectContaining({ path: 'query.month' }),
      ]),
    );
    expect(bad.body.errors).toHaveLength(2);
  });
});
