// The unit (org) of the person signed in, fetched once and kept for half an hour; the shell header
// and the screens that default to "my unit" share this one query.
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { OrgView } from '../api/types';
import { useAuth } from '../auth/AuthProvider';

export const useMyUnit = () => {
  const { me } = useAuth();
  return useQuery({
    queryKey: ['org', me?.orgId],
    queryFn: () => api.get<OrgView>(`/v1/orgs/${encodeURIComponent(me!.orgId)}`),
    enabled: !!me,
    staleTime: 30 * 60_000,
  });
};
