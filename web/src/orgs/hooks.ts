// The org tree's and staff's reads and writes: a unit, its children (loaded as the tree opens), the
// staff of a subtree page by page; PUT a unit (create or rename), PUT a staff member.
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { usePagedList } from '../api/paged';
import type { Org, OrgInput, Staff, StaffInput } from './types';

const orgPath = (orgId: string) => `/v1/orgs/${encodeURIComponent(orgId)}`;
export const orgKey = (orgId: string) => ['orgs', 'unit', orgId] as const;
export const childrenKey = (orgId: string) => ['orgs', 'children', orgId] as const;
const childrenOf = (orgId: string) => api.get<{ items: Org[] }>(`${orgPath(orgId)}/children`);

export const useOrg = (orgId: string | undefined) =>
  useQuery({ queryKey: orgKey(orgId ?? ''), queryFn: () => api.get<Org>(orgPath(orgId!)), enabled: !!orgId });

/** The children of every unit opened so far, by parent. */
export const useChildren = (parents: readonly string[]) => {
  const results = useQueries({
    queries: parents.map((id) => ({ queryKey: childrenKey(id), queryFn: () => childrenOf(id) })),
  });
  return new Map(parents.map((id, i) => [id, results[i]?.data?.items]));
};

export const usePrefetchChildren = () => {
  const queries = useQueryClient();
  return (orgId: string) =>
    queries.fetchQuery({ queryKey: childrenKey(orgId), queryFn: () => childrenOf(orgId) });
};

export const usePutOrg = () => {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: ({ orgId, body }: { orgId: string; body: OrgInput }) => api.put<Org>(orgPath(orgId), body),
    onSuccess: (org) =>
      Promise.all([
        queries.invalidateQueries({ queryKey: childrenKey(org.parentId ?? '') }),
        queries.invalidateQueries({ queryKey: orgKey(org.orgId) }),
      ]),
  });
};

export const staffKey = ['staff'] as const;

export const useStaffOf = (orgId: string | undefined) =>
  usePagedList<Staff>({
    key: [...staffKey, 'of', orgId],
    path: '/v1/staff',
    query: { orgId },
    enabled: !!orgId,
  });

export const fetchStaff = (staffId: string) => api.get<Staff>(`/v1/staff/${encodeURIComponent(staffId)}`);

export const usePutStaff = () => {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: ({ staffId, body }: { staffId: string; body: StaffInput }) =>
      api.put<Staff>(`/v1/staff/${encodeURIComponent(staffId)}`, body),
    onSuccess: () => queries.invalidateQueries({ queryKey: staffKey }),
  });
};
