// The workbench's reads: GET /v1/workbench, refetched every 20 s so a new alert shows within 30 s.
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Workbench } from '../api/types';

export const WORKBENCH_REFRESH_MS = 20_000;
export const workbenchKey = ['workbench'] as const;

export const workbenchQuery = (): Promise<Workbench> => api.get<Workbench>('/v1/workbench');

export const useWorkbench = () =>
  useQuery({
    queryKey: workbenchKey,
    queryFn: workbenchQuery,
    refetchInterval: WORKBENCH_REFRESH_MS,
    refetchIntervalInBackground: false,
  });
