// An org unit's name in place of its id (the id while it loads, or when it is out of the caller's view).
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { OrgView } from '../api/types';

export const OrgName = ({ orgId }: { orgId: string }) => {
  const org = useQuery({
    queryKey: ['org', orgId],
    queryFn: () => api.get<OrgView>(`/v1/orgs/${encodeURIComponent(orgId)}`),
    staleTime: 30 * 60_000,
    retry: false,
  });
  return <>{org.data?.name ?? orgId}</>;
};
