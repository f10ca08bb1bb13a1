// The alerts' reads and acts: open and acknowledged alerts by due time; acknowledge; close with an
// outcome. Each act refreshes the alert lists and the workbench.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Alert, CloseAlert, Page } from '../api/types';
import { workbenchKey, WORKBENCH_REFRESH_MS } from '../workbench/hooks';

export const alertsKey = ['alerts', 'not-closed'] as const;
const PAGE = 200;

const notClosed = async (): Promise<Alert[]> => {
  const [open, acknowledged] = await Promise.all(
    (['open', 'acknowledged'] as const).map((status) =>
      api.get<Page<Alert>>('/v1/alerts', { status, limit: PAGE }),
    ),
  );
  return [...open!.items, ...acknowledged!.items].sort(
    (a, b) => a.dueAt.localeCompare(b.dueAt) || a.alertId.localeCompare(b.alertId),
  );
};

export const useOpenAlerts = () =>
  useQuery({ queryKey: alertsKey, queryFn: notClosed, refetchInterval: WORKBENCH_REFRESH_MS });

const useRefresh = () => {
  const queries = useQueryClient();
  return () =>
    Promise.all([
      queries.invalidateQueries({ queryKey: ['alerts'] }),
      queries.invalidateQueries({ queryKey: workbenchKey }),
    ]);
};

const path = (alertId: string, action: 'ack' | 'close') =>
  `/v1/alerts/${encodeURIComponent(alertId)}/${action}`;

export const useAcknowledge = () => {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (alertId: string) => api.post<Alert>(path(alertId, 'ack')),
    onSuccess: refresh,
  });
};

export const useCloseAlert = () => {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ alertId, body }: { alertId: string; body: CloseAlert }) =>
      api.post<Alert>(path(alertId, 'close'), body),
    onSuccess: refresh,
  });
};
