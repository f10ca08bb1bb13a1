// What the allocation screens read and change, as TanStack Query hooks over the API client.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { usePagedList } from '../api/paged';
import type {
  Allocation,
  AllocationPreview,
  AllocationStatus,
  NewAllocation,
  Target,
  Transfer,
} from './types';

/** The queue reads itself again every 20 s, so a request asked meanwhile shows without a reload. */
export const useAllocations = (status: AllocationStatus) =>
  usePagedList<Allocation>({
    key: ['allocations', status],
    path: '/v1/allocations',
    query: { status },
    refetchInterval: status === 'pending' ? 20_000 : undefined,
  });

/** What the target would move, computed by the API (its request checks included); none until complete. */
export const usePreview = (target: Target | undefined) =>
  useQuery({
    queryKey: ['allocations', 'preview', target],
    queryFn: () => api.post<AllocationPreview>('/v1/allocations/preview', target),
    enabled: target !== undefined,
    placeholderData: keepPreviousData,
    retry: false,
  });

export const useRequestAllocation = () => {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (body: NewAllocation) => api.post<Allocation>('/v1/allocations', body),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['allocations'] }),
  });
};

/** Approve or reject (with a reason): the queue, the workbench and the customers it moved read again. */
export const useDecide = () => {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision, note }: { id: string; decision: 'approve' | 'reject'; note?: string }) =>
      api.post<Allocation>(`/v1/allocations/${encodeURIComponent(id)}/${decision}`, note ? { note } : {}),
    onSuccess: () =>
      Promise.all(
        [['allocations'], ['workbench'], ['customers'], ['customer']].map((queryKey) =>
          queries.invalidateQueries({ queryKey }),
        ),
      ),
  });
};

/** A customer's transfers between RMs, newest first. */
export const useTransfers = (customerId: string | undefined) =>
  usePagedList<Transfer>({
    key: ['customer', customerId, 'allocations'],
    path: `/v1/customers/${encodeURIComponent(customerId ?? '')}/allocations`,
    limit: 20,
    enabled: !!customerId,
  });
