// What the campaign screens read beyond the lifecycle, on DynamoDB Local through the local runtime:
// the builder's live preview of conditions not yet saved (POST /v1/campaigns/audience-preview) agrees
// with the saved campaign's preview and carries the expected send count and cost; the list by status
// (the checker's queue is `?status=pending_approval`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#infra/local/runtime.js';
import type { Customer } from '#shared/customers/customer.js';
import { checkMarketingTemplate } from '#shared/campaigns/template.js';
import { apiClient, scanAll, startTestRuntime, type ApiClient } from '../support/local-runtime.js';

// 10:00 on 20 November 2026 in Shanghai
const NOW = '2026-11-20T02:00:00.000Z';
const TEXT = '【示例银行】尊敬的{name}，{orgName}为您准备了新品理财，详询{managerName}。回复TD退订';
/** The dispatcher's price per billed part locally (OCRM_SMS_PRICE_FEN_PER_PART's default). */
const PRICE = 5;

let runtime: LocalRuntime;
let api: ApiClient;
let customers: Customer[];

beforeAll(async () => {
  runtime = await startTestRuntime({ demoCustomers: 60, now: NOW });
  api = apiClient(runtime);
  customers = await scanAll<Customer>(runtime, 'customers');
});
afterAll(async () => {
  await runtime?.stop();
});

const audience = { tiers: ['standard', 'gold'], riskLevels: ['C2', 'C3', 'C4'] };
const previewBody = (overrides: Record<string, unknown> = {}) => ({
  scopeOrgId: 'BJ-CY',
  audience,
  template: { text: TEXT },
  ...overrides,
});
const campaignBody = (name: string) => ({
  name,
  scopeOrgId: 'BJ-CY',
  audience,
  template: { text: TEXT },
  schedule: { startAt: '2026-11-20T00:00:00Z', endAt: '2026-11-30T00:00:00Z' },
});

describe('POST /v1/campaigns/audience-preview', () => {
  it('counts what a saved campaign with the same conditions counts, with the cost of the send', async () => {
    const live = await api.post('marketing', '/v1/campaigns/audience-preview', previewBody());
    expect(live.status).toBe(200);
    const expected = customers.filter(
      (c) =>
        c.orgPath.startsWith('/HO/BJ/BJ-CY/') &&
        audience.tiers.includes(c.tier) &&
        c.riskLevel !== undefined &&
        audience.riskLevels.includes(c.riskLevel),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(live.body.size).toBe(expected.length);
    const parts = checkMarketingTemplate(TEXT).parts;
    expect(live.body.templateParts).toBe(parts);
    expect(live.body.pricePerPartFen).toBe(PRICE);
    expect(live.body.estimatedCostFen).toBe(live.body.eligible * parts * PRICE);
    const suppressed = Object.values(live.body.suppressed as Record<string, number>).reduce(
      (a, b) => a + b,
      0,
    );
    expect(live.body.eligible + suppressed).toBe(live.body.size);
    // masked: no raw phone, the name shortened to its family name
    for (const row of live.body.sample) {
      const customer = customers.find((c) => c.customerId === row.customerId)!;
      if (customer.phone) expect(row.phone).not.toBe(customer.phone);
      expect(row.name).not.toBe(customer.name);
    }

    const created = await api.post('marketing', '/v1/campaigns', campaignBody('同条件'));
    expect(created.status).toBe(201);
    const saved = await api.post('marketing', `/v1/campaigns/${created.body.campaignId}/preview`, {});
    expect(saved.status).toBe(200);
    const { campaignId, ...rest } = saved.body;
    expect(campaignId).toBe(created.body.campaignId);
    expect(rest).toEqual(live.body);
  });

  it('a recipient cap limits the expected count and cost; no template costs nothing', async () => {
    const capped = await api.post(
      'bm-bj-cy',
      '/v1/campaigns/audience-preview',
      previewBody({ caps: { maxRecipients: 1 }, template: undefined }),
    );
    expect(capped.status).toBe(200);
    expect(capped.body.eligible).toBeLessThanOrEqual(1);
    expect(capped.body.templateParts).toBe(0);
    expect(capped.body.estimatedCostFen).toBe(0);
  });

  it('saves nothing', async () => {
    const before = (await scanAll(runtime, 'campaigns')).length;
    await api.post('marketing', '/v1/campaigns/audience-preview', previewBody());
    expect((await scanAll(runtime, 'campaigns')).length).toBe(before);
  });

  it('is 403 for a role that makes no campaigns, before the body is read', async () => {
    for (const staff of ['rm-bj-cy-wj-01', 'admin', 'auditor', 'core-banking']) {
      const response = await api.post(staff, '/v1/campaigns/audience-preview', { nonsense: true });
      expect(response.status, staff).toBe(403);
    }
  });

  it('refuses a scope or an org unit outside the caller’s, by path', async () => {
    const scope = await api.post(
      'bm-bj-cy',
      '/v1/campaigns/audience-preview',
      previewBody({ scopeOrgId: 'SH' }),
    );
    expect(scope.status).toBe(400);
    expect(scope.body.errors).toEqual([{ path: 'body.scopeOrgId', message: expect.any(String) }]);
    const unit = await api.post(
      'bm-bj-cy',
      '/v1/campaigns/audience-preview',
      previewBody({ audience: { orgIds: ['SH-PD'] } }),
    );
    expect(unit.status).toBe(400);
    expect(unit.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.audience.orgIds.0']);
  });

  it('bad input is a problem+json listing every failing field', async () => {
    const response = await api.post('marketing', '/v1/campaigns/audience-preview', {
      scopeOrgId: 'HO',
      audience: {
        tiers: ['bronze'],
        aum: { minFen: 500, maxFen: 100 },
        productsHeld: ['NO-SUCH-PRODUCT'],
      },
      caps: { maxRecipients: 0 },
      extra: 1,
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const paths = (response.body.errors as { path: string }[]).map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'body.audience.tiers.0',
        'body.audience.aum.maxFen',
        'body.caps.maxRecipients',
        'body',
      ]),
    );
    // the schema passes, the library does not know the product
    const unknown = await api.post(
      'marketing',
      '/v1/campaigns/audience-preview',
      previewBody({ audience: { productsHeld: ['NO-SUCH-PRODUCT'] } }),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.map((e: { path: string }) => e.path)).toEqual([
      'body.audience.productsHeld.0',
    ]);
  });
});

describe('GET /v1/campaigns?status=', () => {
  it('lists one status in the caller’s scope: the checker’s queue', async () => {
    const draft = await api.post('bm-bj-cy', '/v1/campaigns', campaignBody('草稿'));
    const pending = await api.post('bm-bj-cy', '/v1/campaigns', campaignBody('待审批'));
    expect((await api.post('bm-bj-cy', `/v1/campaigns/${pending.body.campaignId}/submit`, {})).status).toBe(
      200,
    );

    const queue = await api.get('bm-bj', '/v1/campaigns?status=pending_approval');
    expect(queue.status).toBe(200);
    const ids = queue.body.items.map((c: { campaignId: string }) => c.campaignId);
    expect(ids).toContain(pending.body.campaignId);
    expect(ids).not.toContain(draft.body.campaignId);
    expect(queue.body.items.every((c: { status: string }) => c.status === 'pending_approval')).toBe(true);
    // what the checker approves is in the list: audience, text, schedule
    const item = queue.body.items.find(
      (c: { campaignId: string }) => c.campaignId === pending.body.campaignId,
    );
    expect(item).toMatchObject({ audience, template: { text: TEXT }, makerId: 'bm-bj-cy' });

    // out of scope: another branch's manager does not see it
    const other = await api.get('bm-sh', '/v1/campaigns?status=pending_approval');
    expect(other.body.items.map((c: { campaignId: string }) => c.campaignId)).not.toContain(
      pending.body.campaignId,
    );
    // a role that makes no campaigns
    expect((await api.get('rm-bj-cy-wj-01', '/v1/campaigns?status=draft')).status).toBe(403);
  });

  it('refuses a status that does not exist', async () => {
    const response = await api.get('marketing', '/v1/campaigns?status=sleeping&limit=0');
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'query.limit',
      'query.status',
    ]);
  });
});
