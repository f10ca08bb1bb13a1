// What the campaign screens read and change: the list by status, one campaign with its funnel, the
// previews (conditions not yet saved, or a saved campaign's), create, and the lifecycle's acts.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { usePagedList } from '../api/paged';
import type { OrgView } from '../api/types';
import type {
  AudiencePreview,
  Campaign,
  CampaignStatus,
  LifecycleAction,
  NewCampaign,
  Preview,
} from './types';

const campaignsKey = ['campaigns'] as const;
const path = (campaignId: string) => `/v1/campaigns/${encodeURIComponent(campaignId)}`;
/** A running campaign's funnel moves as the dispatcher sends and receipts come in. */
const LIVE_MS = 5_000;

export const useCampaigns = (status: CampaignStatus | undefined) =>
  usePagedList<Campaign>({
    key: [...campaignsKey, 'list'],
    path: '/v1/campaigns',
    query: { status },
    limit: 100,
    fill: 100,
  });

export const useCampaign = (campaignId: string) =>
  useQuery({
    queryKey: [...campaignsKey, 'one', campaignId],
    queryFn: () => api.get<Campaign>(path(campaignId)),
    refetchInterval: (query) =>
      query.state.data && ['approved', 'running', 'paused'].includes(query.state.data.status)
        ? LIVE_MS
        : false,
  });

/** A saved campaign's audience now: what the checker approves (count, cost, a masked sample). */
export const useCampaignPreview = (campaignId: string, enabled: boolean) =>
  useQuery({
    queryKey: [...campaignsKey, 'preview', campaignId],
    queryFn: () => api.post<Preview>(`${path(campaignId)}/preview`),
    enabled,
    staleTime: 60_000,
  });

/** The builder's live preview of conditions not yet saved (the caller debounces the body). */
export const useAudiencePreview = (body: AudiencePreview | undefined) =>
  useQuery({
    queryKey: [...campaignsKey, 'audience-preview', body],
    queryFn: () => api.post<Preview>('/v1/campaigns/audience-preview', body),
    enabled: body !== undefined,
    staleTime: 30_000,
    retry: false,
    placeholderData: (previous) => previous,
  });

/** Saves a draft; with `submit`, submits it for approval straight away (the maker's two steps). */
export const useCreateCampaign = () => {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, submit }: { body: NewCampaign; submit: boolean }) => {
      const draft = await api.post<Campaign>('/v1/campaigns', body);
      return submit ? api.post<Campaign>(`${path(draft.campaignId)}/submit`, {}) : draft;
    },
    onSuccess: () => queries.invalidateQueries({ queryKey: campaignsKey }),
  });
};

export const useLifecycle = (campaignId: string) => {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: ({ action, note }: { action: LifecycleAction; note?: string }) =>
      api.post<Campaign>(`${path(campaignId)}/${action}`, note ? { note } : {}),
    onSuccess: (campaign) => {
      queries.setQueryData([...campaignsKey, 'one', campaignId], (old: Campaign | undefined) => ({
        ...campaign,
        funnel: old?.funnel,
      }));
      return queries.invalidateQueries({ queryKey: campaignsKey });
    },
  });
};

/** An org unit's children, for the scope and org-unit pickers (a tree loaded as it opens). */
export const fetchOrgChildren = (orgId: string) =>
  api.get<{ items: OrgView[] }>(`/v1/orgs/${encodeURIComponent(orgId)}/children`).then((r) => r.items);
