// What the tier policy screen reads and changes: the policy in force, the what-if of a draft, and
// the maker-checker changes (propose, approve, reject). A decision refreshes the policy and the queue.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Policy, PolicyChange, PolicyInput, Preview } from './types';

export const useTierPolicy = () =>
  useQuery({ queryKey: ['tier-policy'], queryFn: () => api.get<Policy>('/v1/tier-policy') });

export const usePendingChanges = () =>
  useQuery({
    queryKey: ['tier-policy', 'changes', 'pending'],
    queryFn: () => api.get<{ items: PolicyChange[] }>('/v1/tier-policy-changes', { status: 'pending' }),
    refetchInterval: 15_000,
  });

/** The what-if reads every customer's standing: a mutation, asked for, never refetched on focus. */
export const usePreview = () =>
  useMutation({ mutationFn: (draft: PolicyInput) => api.post<Preview>('/v1/tier-policy/preview', draft) });

const useRefresh = () => {
  const queries = useQueryClient();
  return () => queries.invalidateQueries({ queryKey: ['tier-policy'] });
};

export const usePropose = () => {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (draft: PolicyInput) => api.put<PolicyChange>('/v1/tier-policy', draft),
    onSuccess: refresh,
  });
};

const changePath = (changeId: number, action: 'approve' | 'reject') =>
  `/v1/tier-policy-changes/${changeId}/${action}`;

export const useApprove = () => {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (changeId: number) => api.post<Policy>(changePath(changeId, 'approve')),
    onSuccess: refresh,
  });
};

export const useReject = () => {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ changeId, reason }: { changeId: number; reason: string }) =>
      api.post<PolicyChange>(changePath(changeId, 'reject'), { reason }),
    onSuccess: refresh,
  });
};
