// Dead letters: the list (refreshed now and then: new ones arrive as consumers give up) and replay.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { DeadLetter, Replay } from './types';

const key = ['dead-letters'] as const;

export const useDeadLetters = () =>
  useQuery({
    queryKey: key,
    queryFn: async () => (await api.get<{ items: DeadLetter[] }>('/v1/dead-letters')).items,
    refetchInterval: 30_000,
  });

export const useReplay = () => {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<Replay>(`/v1/dead-letters/${encodeURIComponent(id)}/replay`),
    // a 409 (replayed already) changes the list as much as a replay does
    onSettled: () => queries.invalidateQueries({ queryKey: key }),
  });
};
