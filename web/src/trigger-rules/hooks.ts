// The trigger rules' reads and acts: the rules in force with their hits, the changes awaiting a
// second admin, a test of a draft, a proposal (PUT, maker-checker), approve and reject.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { RuleChange, RuleDraft, RuleItem, RuleList, RuleTest, RuleTestAnswer } from './types';

const rulesKey = ['trigger-rules'] as const;
const changesKey = ['trigger-rule-changes', 'pending'] as const;

const rulePath = (ruleId: string) => `/v1/trigger-rules/${encodeURIComponent(ruleId)}`;
const changePath = (changeId: number, action: 'approve' | 'reject') =>
  `/v1/trigger-rule-changes/${changeId}/${action}`;

export const useRules = () =>
  useQuery({ queryKey: rulesKey, queryFn: () => api.get<RuleList>('/v1/trigger-rules') });

export const usePendingChanges = () =>
  useQuery({
    queryKey: changesKey,
    queryFn: async () =>
      (await api.get<{ items: RuleChange[] }>('/v1/trigger-rule-changes', { status: 'pending' })).items,
  });

const useRefresh = () => {
  const queries = useQueryClient();
  return () =>
    Promise.all([
      queries.invalidateQueries({ queryKey: rulesKey }),
      queries.invalidateQueries({ queryKey: ['trigger-rule-changes'] }),
    ]);
};

export const useTestRule = () =>
  useMutation({
    mutationFn: ({ ruleId, body }: { ruleId: string; body: RuleTest }) =>
      api.post<RuleTestAnswer>(`${rulePath(ruleId)}/test`, body),
  });

/** 202: the change proposed; 200: the same content as in force (nothing proposed). */
export const useProposeRule = () => {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ ruleId, draft }: { ruleId: string; draft: RuleDraft }) =>
      api.put<RuleChange | RuleItem>(rulePath(ruleId), draft),
    onSuccess: refresh,
  });
};

export const useApproveChange = () => {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (changeId: number) => api.post<RuleItem>(changePath(changeId, 'approve')),
    onSuccess: refresh,
  });
};

export const useRejectChange = () => {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ changeId, reason }: { changeId: number; reason: string }) =>
      api.post<RuleChange>(changePath(changeId, 'reject'), { reason }),
    onSuccess: refresh,
  });
};

/** A proposal's answer: a change (it has a changeId) or the rule unchanged. */
export const isChange = (answer: RuleChange | RuleItem): answer is RuleChange => 'changeId' in answer;
