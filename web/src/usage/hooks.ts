// Usage reads: one's own logins this month (GET /v1/me/usage) and, for a branch manager, the unit's
// report (GET /v1/reports/usage) with who is below the standard. Both refresh every few minutes.
import { useQuery } from '@tanstack/react-query';
import { STAFF } from '#shared/auth/roles.js';
import { api } from '../api/client';
import { useAuth } from '../auth/AuthProvider';
import type { MyUsageView, UsageReport } from './types';

const FIVE_MINUTES = 5 * 60_000;

export const useMyUsage = () => {
  const { me } = useAuth();
  return useQuery({
    queryKey: ['usage', 'me', me?.staffId],
    queryFn: () => api.get<MyUsageView>('/v1/me/usage'),
    // the bank's people; the `integration` login has no usage to show
    enabled: !!me && STAFF.includes(me.role),
    staleTime: FIVE_MINUTES,
    refetchInterval: FIVE_MINUTES,
  });
};

export const useUnitUsage = () =>
  useQuery({
    queryKey: ['usage', 'unit'],
    queryFn: () => api.get<UsageReport>('/v1/reports/usage'),
    staleTime: FIVE_MINUTES,
  });
