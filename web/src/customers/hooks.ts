// What the customer screens read and change, as TanStack Query hooks over the API client.
import { useMutation, useQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { api } from '../api/client';
import { usePagedList } from '../api/paged';
import type {
  Aum,
  Contact,
  Customer360,
  CustomerRow,
  FundFlows,
  NewContact,
  Staff,
  Tier,
  TimelinePage,
} from './types';

const path = (id: string) => `/v1/customers/${encodeURIComponent(id)}`;

export const useCustomerList = (filters: { q?: string; tier?: Tier; riskLevel?: string; tag?: string }) =>
  usePagedList<CustomerRow>({
    key: ['customers'],
    path: '/v1/customers',
    query: filters,
    limit: 100,
    fill: 100,
  });

export const useCustomer = (id: string) =>
  useQuery({ queryKey: ['customer', id], queryFn: () => api.get<Customer360>(path(id)) });

export const useAum = (id: string) =>
  useQuery({
    queryKey: ['customer', id, 'aum'],
    queryFn: () => api.get<Aum>(`${path(id)}/aum`, { months: 12 }),
  });

/** The last 12 months of flows by counterparty bank. */
export const useFundFlows = (id: string, from: string, to: string) =>
  useQuery({
    queryKey: ['customer', id, 'fund-flows', from, to],
    queryFn: () => api.get<FundFlows>(`${path(id)}/fund-flows`, { from, to }),
  });

export const useTimeline = (id: string) =>
  usePagedList<TimelinePage['items'][number], TimelinePage>({
    key: ['customer', id, 'timeline'],
    path: `${path(id)}/timeline`,
    limit: 20,
  });

/**
 * The raw phone and ID number for a stated purpose (audited by the API). Kept only in the screen's
 * memory: never cached, never in the URL bar or storage.
 */
export const useReveal = (id: string) =>
  useMutation({
    mutationFn: (purpose: string) => api.get<Customer360>(path(id), { reveal: 'phone,idNumber', purpose }),
    gcTime: 0,
  });

/** Logs a contact: it shows at the top of the timeline at once, then the timeline is read again. */
export const useLogContact = (id: string, staffId: string) => {
  const queries = useQueryClient();
  const key = ['customer', id, 'timeline'];
  return useMutation({
    mutationFn: (contact: NewContact) => api.post<Contact>(`${path(id)}/contacts`, contact),
    onMutate: async (contact) => {
      await queries.cancelQueries({ queryKey: key });
      const pending = {
        at: new Date().toISOString(),
        kind: 'contact' as const,
        id: `pending-${Date.now()}`,
        detail: { channel: contact.channel, note: contact.note, staffId, pending: true },
      };
      queries.setQueriesData<InfiniteData<TimelinePage>>({ queryKey: key }, (data) =>
        data && data.pages[0]
          ? {
              ...data,
              pages: [{ ...data.pages[0], items: [pending, ...data.pages[0].items] }, ...data.pages.slice(1)],
            }
          : data,
      );
    },
    onSettled: () => queries.invalidateQueries({ queryKey: key }),
  });
};

export const useStaff = (enabled = true) =>
  useQuery({
    queryKey: ['staff'],
    queryFn: () => api.get<{ items: Staff[] }>('/v1/staff', { limit: 200 }),
    staleTime: 10 * 60_000,
    enabled,
  });
