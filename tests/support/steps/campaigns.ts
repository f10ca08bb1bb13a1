// Given an approved campaign: made and submitted by its maker, approved by a checker (maker-checker),
// so that the next dispatch run starts it.
import { expect } from 'vitest';
import type { ApiClient } from '../local-runtime.js';

/**
 * A campaign as POST /v1/campaigns takes it: 北京分行's, for these customers, from 20 November to the
 * end of the year; `extra` adds or replaces other fields (attribution days, window…).
 */
export const beijingCampaign = (
  customerIds: string[],
  {
    name = 'campaign',
    text = '【示例银行】{name}您好，新品理财上线。回复TD退订',
    startAt = '2026-11-20T00:00:00Z',
    endAt = '2026-12-31T00:00:00Z',
    ...extra
  }: { name?: string; text?: string; startAt?: string; endAt?: string } & Record<string, unknown> = {},
) => ({
  name,
  scopeOrgId: 'BJ',
  audience: { customerIds },
  template: { text },
  schedule: { startAt, endAt },
  ...extra,
});

/** The campaign's id once approved; by default 北京分行's manager makes it and marketing approves. */
export const anApprovedCampaign = async (
  api: ApiClient,
  campaign: Record<string, unknown>,
  { maker = 'bm-bj', checker = 'marketing' }: { maker?: string; checker?: string } = {},
): Promise<string> => {
  const created = await api.post(maker, '/v1/campaigns', campaign);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = created.body.campaignId as string;
  expect((await api.post(maker, `/v1/campaigns/${id}/submit`)).status).toBe(200);
  expect((await api.post(checker, `/v1/campaigns/${id}/approve`)).status).toBe(200);
  return id;
};
