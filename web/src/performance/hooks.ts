// What the performance screen reads and changes.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { usePagedList } from '../api/paged';
import type { CustomerRow } from '../customers/types';
import type { Entry, Leaderboard, Posting, Postings, Product, Registration, Reversal } from './types';

/** The leaderboard moves when the ledger's stream has counted a sale: read it again every 5 s. */
export const useLeaderboard = () =>
  useQuery({
    queryKey: ['leaderboard'],
    queryFn: () => api.get<Leaderboard>('/v1/leaderboards', { limit: 50 }),
    refetchInterval: 5_000,
  });

export const useMyPostings = () =>
  usePagedList<Posting, Postings>({
    key: ['performance', 'mine'],
    path: '/v1/performance',
    limit: 100,
    fill: 500,
  });

export const useProducts = () =>
  useQuery({
    queryKey: ['products', 'on-sale'],
    queryFn: () => api.get<{ items: Product[] }>('/v1/products', { onSale: 'true', limit: 200 }),
    staleTime: 10 * 60_000,
  });

/**
 * The caller's customers to pick from (an RM's book is a few hundred). Not `?q=`: on an RM's or a
 * branch's index it answers 500 today (customerId in a filter expression; see the report).
 */
export const useCustomerChoices = () =>
  usePagedList<CustomerRow>({ key: ['customers', 'choices'], path: '/v1/customers', limit: 200, fill: 1000 });

const useInvalidatePerformance = () => {
  const queries = useQueryClient();
  return () =>
    Promise.all([
      queries.invalidateQueries({ queryKey: ['performance'] }),
      queries.invalidateQueries({ queryKey: ['leaderboard'] }),
    ]);
};

export const useRegisterSale = () => {
  const invalidate = useInvalidatePerformance();
  return useMutation({
    mutationFn: (body: Registration) => api.post<Entry>('/v1/performance', body),
    onSuccess: invalidate,
  });
};

export const useReverse = () => {
  const invalidate = useInvalidatePerformance();
  return useMutation({
    mutationFn: ({ registrationId, ...body }: Reversal & { registrationId: string }) =>
      api.post<Entry>(`/v1/performance/${encodeURIComponent(registrationId)}/reverse`, body),
    onSuccess: invalidate,
  });
};
