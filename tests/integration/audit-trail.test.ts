// The auditor's read of the audit trail (GET /v1/audit): entries written by a reveal, a staff change
// and a contact are found by customer, by staff member, by action and by time range, page by page,
// as JSON and CSV; only the auditor may read it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#infra/local/runtime.js';
import { apiClient, startTestRuntime, type ApiClient } from '../support/local-runtime.js';

let runtime: LocalRuntime;
let api: ApiClient;
let customerId: string;
let other: string;
const RM = 'rm-bj-cy-wj-01';
const AUDITOR = 'auditor';
/** Asia/Shanghai date of an instant. */
const shanghaiDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
let today: string;

const trail = async (query: string) => {
  const res = await api.get(AUDITOR, `/v1/audit?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items as {
    auditId: string;
    action: string;
    actorId: string;
    customerId?: string;
    at: string;
  }[];
};

beforeAll(async () => {
  runtime = await startTestRuntime({ demoCustomers: 5 });
  api = apiClient(runtime);
  today = shanghaiDay(runtime.clock.now().getTime());
  customerId = 'CAUDIT0001';
  other = 'CAUDIT0002';
  for (const [id, phone] of [
    [customerId, '+8613812345678'],
    [other, '+8613987654321'],
  ] as const) {
    const created = await api.post(RM, '/v1/customers', {
      customerId: id,
      name: '李秀英',
      phone,
      idNumber: '11010519491231002X',
      orgId: 'BJ-CY-WJ',
      managerId: RM,
      riskLevel: 'C3',
      tags: [],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  }
  const purpose = encodeURIComponent('回访客户确认理财到期');
  expect((await api.get(RM, `/v1/customers/${customerId}?reveal=phone&purpose=${purpose}`)).status).toBe(200);
  expect((await api.get(RM, `/v1/customers/${other}?reveal=idNumber&purpose=${purpose}`)).status).toBe(200);
  const staff = { name: '审计测试', role: 'rm', orgId: 'BJ-CY-WJ', active: true };
  expect((await api.put('admin', '/v1/staff/rm-audit-test-01', staff)).status).toBe(201);
  expect((await api.put('admin', '/v1/staff/rm-audit-test-01', { ...staff, active: false })).status).toBe(
    200,
  );
});
afterAll(() => runtime?.stop());

describe('GET /v1/audit', () => {
  it('finds a customer’s entries by customerId, and only theirs', async () => {
    const items = await trail(`customerId=${customerId}`);
    expect(items.map((i) => i.action)).toContain('customer.reveal');
    expect(items.every((i) => i.customerId === customerId)).toBe(true);
    expect(items.find((i) => i.action === 'customer.reveal')).toMatchObject({ actorId: RM });
  });

  it('records a refused reveal with who tried, the purpose and why it was refused', async () => {
    const purpose = encodeURIComponent('营销名单核对');
    const refusals: [string, number, RegExp][] = [
      ['marketing', 403, /role marketing may not reveal/], // may read the customer, masked
      ['rm-sh-pd-ljz-01', 404, /not in the caller’s scope/], // another branch's RM: not found
    ];
    for (const [who, status] of refusals) {
      const res = await api.get(who, `/v1/customers/${customerId}?reveal=phone&purpose=${purpose}`);
      expect(res.status, who).toBe(status);
      expect(JSON.stringify(res.body)).not.toContain('13812345678');
    }
    const refused = await trail(`customerId=${customerId}&action=customer.reveal-refused`);
    expect(refused.map((i) => i.actorId).sort()).toEqual(refusals.map(([who]) => who).sort());
    for (const [who, , why] of refusals) {
      const entry = refused.find((i) => i.actorId === who) as unknown as { detail: Record<string, unknown> };
      expect(entry.detail).toMatchObject({ fields: ['phone'], purpose: '营销名单核对' });
      expect(String(entry.detail.refused)).toMatch(why);
    }
    // a read without a reveal is not a refusal
    expect((await api.get('marketing', `/v1/customers/${customerId}`)).status).toBe(200);
    expect(await trail(`customerId=${customerId}&action=customer.reveal-refused`)).toHaveLength(2);
  });

  it('finds what a staff member did by staffId, newest first, other criteria as filters', async () => {
    const admin = await trail('staffId=admin');
    expect(admin.filter((i) => i.action.startsWith('staff.')).map((i) => i.action)).toEqual([
      'staff.update',
      'staff.create',
    ]);
    expect(admin.every((i) => i.actorId === 'admin')).toBe(true);
    const ids = admin.map((i) => i.auditId);
    expect(ids).toEqual([...ids].sort().reverse());
    const reveals = await trail(`staffId=${RM}&action=customer.reveal`);
    expect(reveals).toHaveLength(2);
    expect((await trail(`staffId=${RM}`)).map((i) => i.action).sort()).toEqual([
      'customer.create',
      'customer.create',
      'customer.reveal',
      'customer.reveal',
    ]);
    const one = await trail(`staffId=${RM}&customerId=${other}&action=customer.reveal`);
    expect(one).toHaveLength(1);
    expect(one[0]!.customerId).toBe(other);
  });

  it('finds entries by action', async () => {
    const items = await trail('action=staff.create');
    expect(items.length).toBeGreaterThanOrEqual(1);
    expect(items.every((i) => i.action === 'staff.create')).toBe(true);
    expect(await trail('action=customer.never-done')).toEqual([]);
  });

  it('bounds by from and to: dates (Asia/Shanghai) and instants, inclusive', async () => {
    const all = await trail(`staffId=${RM}`);
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect(await trail(`staffId=${RM}&from=${today}&to=${today}`)).toEqual(all);
    const [newest, older] = [all[0]!, all.at(-1)!];
    const window = await trail(
      `staffId=${RM}&from=${encodeURIComponent(older.at)}&to=${encodeURIComponent(older.at)}`,
    );
    expect(window.map((i) => i.auditId)).toContain(older.auditId);
    expect(window.every((i) => i.at === older.at)).toBe(true);
    const after = await trail(`staffId=${RM}&from=${encodeURIComponent(newest.at)}`);
    expect(after.map((i) => i.at).every((at) => at >= newest.at)).toBe(true);
    const yesterday = shanghaiDay(Date.parse(`${today}T00:00:00+08:00`) - 1);
    expect(await trail(`staffId=${RM}&to=${yesterday}`)).toEqual([]);
  });

  it('reads a time range with no other criterion from the day index, across pages', async () => {
    const items = await trail(`from=${today}`);
    const actions = items.map((i) => i.action);
    expect(actions).toEqual(expect.arrayContaining(['customer.reveal', 'staff.create', 'staff.update']));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await api.get(
        AUDITOR,
        `/v1/audit?from=${today}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((i: { auditId: string }) => i.auditId));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(items.map((i) => i.auditId));
  });

  it('downloads as CSV, formula-guarded, the next page in x-next-cursor', async () => {
    const res = await api.get(AUDITOR, `/v1/audit?staffId=${RM}&format=csv&limit=1`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('x-next-cursor')).toBeTruthy();
    const lines = (res.body as string)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('at,auditId,actorId,action,entityKey,customerId,correlationId,changes,detail');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`,customer.reveal,customer#${other},${other},`);
    expect(lines[1]).toContain(RM);
  });

  it('is for the auditor alone', async () => {
    for (const who of ['admin', 'bm-bj', RM, 'marketing', 'core-banking']) {
      const res = await api.get(who, `/v1/audit?customerId=${customerId}`);
      expect(res.status, who).toBe(403);
    }
    expect((await api.get(null, `/v1/audit?customerId=${customerId}`)).status).toBe(401);
  });

  it('refuses what it cannot answer from an index, and bad bounds or cursors, naming the field', async () => {
    const cases: [string, string][] = [
      ['', 'query.from'],
      ['from=2026-02-30', 'query.from'],
      ['from=yesterday', 'query.from'],
      [`customerId=${customerId}&from=2026-12-02&to=2026-12-01`, 'query.to'],
      ['from=2024-01-01&to=2026-01-01', 'query.to'],
      ['action=DROP TABLE', 'query.action'],
      [`customerId=${customerId}&cursor=eyJwayI6IngifQ`, 'query.cursor'],
      [`customerId=${customerId}&limit=0`, 'query.limit'],
      ['staffId=admin&sort=asc', 'query'],
    ];
    for (const [query, path] of cases) {
      const res = await api.get(AUDITOR, `/v1/audit?${query}`);
      expect(res.status, query).toBe(400);
      expect(
        res.body.errors.map((e: { path: string }) => e.path),
        query,
      ).toContain(path);
    }
    // a cursor of another query: the staff member's, replayed for a customer
    const page = await api.get(AUDITOR, `/v1/audit?staffId=${RM}&limit=1`);
    const replayed = await api.get(
      AUDITOR,
      `/v1/audit?customerId=${customerId}&cursor=${encodeURIComponent(page.body.nextCursor)}`,
    );
    expect(replayed.status).toBe(400);
    expect(replayed.body.errors[0].path).toBe('query.cursor');
  });
});
