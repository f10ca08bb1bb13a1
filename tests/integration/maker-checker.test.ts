// Maker-checker for the tier policy and the trigger rules, over HTTP: a PUT proposes (202, nothing in
// force moves), the maker can neither approve nor reject (403), another admin approves (the next
// version, in force) or rejects with a reason; an approval on a base that moved on is 409; each
// proposal, approval and rejection leaves its audit entry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#infra/local/runtime.js';
import { apiClient, startTestRuntime, type ApiClient } from '../support/local-runtime.js';
import { theAuditTrailOf } from '../support/steps/index.js';

let runtime: LocalRuntime;
let api: ApiClient;

beforeAll(async () => {
  process.env.OCRM_TIER_POLICY_CACHE_SECONDS = '0';
  runtime = await startTestRuntime({ demoCustomers: 2, now: '2026-11-20T02:00:00.000Z' });
  api = apiClient(runtime);
});
afterAll(() => runtime?.stop());

const auditOf = (entityKey: string) => theAuditTrailOf(runtime, entityKey);

const policy = (goldFen: number) => ({
  effectiveFrom: '2026-12-01',
  tiers: [
    { tier: 'standard', minAvgAumFen: 0 },
    { tier: 'gold', minAvgAumFen: goldFen },
  ],
});
const inForce = async () => (await api.get('admin', '/v1/tier-policy?on=2026-12-01')).body;

describe('tier policy under maker-checker', () => {
  let first: number;

  it('a PUT proposes: 202 with the pending change, the policy in force untouched', async () => {
    const put = await api.put('admin', '/v1/tier-policy', policy(6_000_000));
    expect(put.status).toBe(202);
    expect(put.body).toMatchObject({
      subject: 'tier-policy',
      status: 'pending',
      baseVersion: 0,
      proposedBy: 'admin',
      proposal: { effectiveFrom: '2026-12-01', downgradeAfterMonths: 3 },
    });
    first = put.body.changeId;
    expect(put.headers.get('location')).toBe(`/v1/tier-policy-changes/${first}`);
    expect((await inForce()).version).toBe(0);
    expect((await auditOf(`tier-policy-change#${first}`)).map((e) => e.action)).toEqual([
      'tier-policy.propose',
    ]);
  });

  it('lists pending changes to admins only', async () => {
    const pending = await api.get('admin-2', '/v1/tier-policy-changes');
    expect(pending.status).toBe(200);
    expect(pending.body.items.map((c: any) => c.changeId)).toEqual([first]);
    expect((await api.get('rm-bj-cy-wj-01', '/v1/tier-policy-changes')).status).toBe(403);
    expect((await api.post('bm-bj', `/v1/tier-policy-changes/${first}/approve`)).status).toBe(403);
  });

  it('the maker can neither approve nor reject their own change', async () => {
    expect((await api.post('admin', `/v1/tier-policy-changes/${first}/approve`)).status).toBe(403);
    const reject = await api.post('admin', `/v1/tier-policy-changes/${first}/reject`, { reason: '撤回' });
    expect(reject.status).toBe(403);
    expect((await inForce()).version).toBe(0);
    expect((await api.get('admin', '/v1/tier-policy-changes')).body.items).toHaveLength(1);
  });

  it('another admin approves: the next version is stored and in force from its date, once', async () => {
    const approved = await api.post('admin-2', `/v1/tier-policy-changes/${first}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ version: 1, createdBy: 'admin', tiers: policy(6_000_000).tiers });
    expect(await inForce()).toMatchObject({ version: 1 });
    expect((await api.get('admin', '/v1/tier-policy-changes')).body.items).toEqual([]);
    const done = (await api.get('admin', '/v1/tier-policy-changes?status=approved')).body.items;
    expect(done).toMatchObject([{ changeId: first, decidedBy: 'admin-2', appliedVersion: 1 }]);
    expect((await api.post('admin-2', `/v1/tier-policy-changes/${first}/approve`)).status).toBe(409);
    expect(await auditOf('tier-policy#1')).toMatchObject([
      { action: 'tier-policy.approve', actorId: 'admin-2', detail: { changeId: first, proposedBy: 'admin' } },
    ]);
  });

  it('refuses to approve a change whose base version is no longer the latest (409)', async () => {
    const a = (await api.put('admin', '/v1/tier-policy', policy(7_000_000))).body;
    const b = (await api.put('admin-2', '/v1/tier-policy', policy(8_000_000))).body;
    expect([a.baseVersion, b.baseVersion]).toEqual([1, 1]);
    expect((await api.post('admin', `/v1/tier-policy-changes/${b.changeId}/approve`)).status).toBe(200);
    const stale = await api.post('admin-2', `/v1/tier-policy-changes/${a.changeId}/approve`);
    expect(stale.status).toBe(409);
    expect(stale.body.detail).toMatch(/version 1.*version 2/);
    expect(await inForce()).toMatchObject({ version: 2, tiers: policy(8_000_000).tiers });

    // a stale change can still be rejected, with a reason, and then never approved
    const noReason = await api.post('admin-2', `/v1/tier-policy-changes/${a.changeId}/reject`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors.map((e: any) => e.path)).toEqual(['body.reason']);
    const rejected = await api.post('admin-2', `/v1/tier-policy-changes/${a.changeId}/reject`, {
      reason: '已被更新的版本取代',
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      decidedBy: 'admin-2',
      reason: '已被更新的版本取代',
    });
    expect((await api.post('admin-2', `/v1/tier-policy-changes/${a.changeId}/approve`)).status).toBe(409);
    expect((await auditOf(`tier-policy-change#${a.changeId}`)).map((e) => e.action).sort()).toEqual([
      'tier-policy.propose',
      'tier-policy.reject',
    ]);
  });

  it('answers 404 for a change that does not exist and 400 for one that cannot', async () => {
    expect((await api.post('admin-2', '/v1/tier-policy-changes/999/approve')).status).toBe(404);
    const bad = await api.post('admin-2', '/v1/tier-policy-changes/x1/approve');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.path)).toEqual(['params.changeId']);
  });
});

const watchList = {
  name: '可疑收款方',
  severity: 'critical',
  when: { fact: 'counterpartyName', operator: 'matches', value: '博彩|娱乐城' },
  dedup: { windowDays: 1 },
  alert: { title: '向可疑收款方{counterpartyName}转出 {absAmountYuan}', slaHours: 2 },
};

describe('trigger rules under maker-checker', () => {
  it('a PUT proposes; the rule exists only once another admin approves it', async () => {
    const put = await api.put('admin', '/v1/trigger-rules/watch-list', watchList);
    expect(put.status).toBe(202);
    expect(put.body).toMatchObject({ subject: 'watch-list', baseVersion: 0, status: 'pending' });
    expect(put.headers.get('location')).toBe(`/v1/trigger-rule-changes/${put.body.changeId}`);
    expect((await api.get('admin', '/v1/trigger-rules/watch-list')).status).toBe(404);
    expect((await api.get('admin', '/v1/trigger-rules')).body.revision).toBe(0);
    const pending = (await api.get('admin-2', '/v1/trigger-rule-changes')).body.items;
    expect(pending.map((c: any) => c.subject)).toEqual(['watch-list']);

    expect((await api.post('admin', `/v1/trigger-rule-changes/${put.body.changeId}/approve`)).status).toBe(
      403,
    );
    const approved = await api.post('admin-2', `/v1/trigger-rule-changes/${put.body.changeId}/approve`);
    expect(approved.status).toBe(201);
    expect(approved.body).toMatchObject({ ruleId: 'watch-list', version: 1, updatedBy: 'admin' });
    expect((await api.get('admin', '/v1/trigger-rules/watch-list')).body.version).toBe(1);
    expect((await api.get('admin', '/v1/trigger-rules')).body.revision).toBe(1);
    expect((await auditOf('trigger-rule#watch-list')).map((e) => [e.action, e.actorId])).toEqual([
      ['trigger-rule.approve', 'admin-2'],
    ]);
  });

  it('the same content as in force proposes nothing', async () => {
    const again = await api.put('admin', '/v1/trigger-rules/watch-list', watchList);
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(1);
    expect((await api.get('admin', '/v1/trigger-rule-changes')).body.items).toEqual([]);
  });

  it('a rejected change stays out of force, and its rejection is audited', async () => {
    const put = await api.put('admin-2', '/v1/trigger-rules/watch-list', { ...watchList, severity: 'low' });
    expect(put.status).toBe(202);
    expect(
      (await api.post('admin-2', `/v1/trigger-rule-changes/${put.body.changeId}/reject`, { reason: 'no' }))
        .status,
    ).toBe(403);
    const rejected = await api.post('admin', `/v1/trigger-rule-changes/${put.body.changeId}/reject`, {
      reason: '可疑交易不应降为低级别',
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', decidedBy: 'admin' });
    expect((await api.get('admin', '/v1/trigger-rules/watch-list')).body).toMatchObject({
      version: 1,
      severity: 'critical',
    });
    expect((await auditOf(`trigger-rule-change#${put.body.changeId}`)).map((e) => e.action).sort()).toEqual([
      'trigger-rule.propose',
      'trigger-rule.reject',
    ]);
  });
});
