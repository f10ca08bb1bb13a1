// What the reports screen reads: a report for a unit and period, the names of a unit's children, and
// the report's CSV as the server writes it (with the session's token, so fetched and saved as a blob).
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, fetchFile } from '../api/client';
import type { OrgView } from '../api/types';
import { download } from '../customers/csv';
import type { ReportSpec } from './model';
import { periodQuery } from './period';

const queryOf = (spec: ReportSpec, orgId: string | undefined, period: string) => ({
  ...(orgId ? { orgId } : {}),
  ...periodQuery(spec.take, period),
});

export const useReport = (spec: ReportSpec, orgId: string | undefined, period: string) =>
  useQuery({
    queryKey: ['report', spec.id, orgId, spec.take === 'snapshot' ? '' : period],
    queryFn: () => api.get<unknown>(spec.path, queryOf(spec, orgId, period)),
    enabled: orgId !== undefined,
    staleTime: 60_000,
  });

/** The direct children of a unit, id → name. */
export const useChildNames = (orgId: string | undefined, enabled: boolean) =>
  useQuery({
    queryKey: ['org', orgId, 'children'],
    queryFn: () => api.get<{ items: OrgView[] }>(`/v1/orgs/${encodeURIComponent(orgId!)}/children`),
    enabled: enabled && orgId !== undefined,
    staleTime: 30 * 60_000,
    select: (page) => new Map(page.items.map((o) => [o.orgId, o.name])),
  });

export const useDownloadCsv = () =>
  useMutation({
    mutationFn: async ({ spec, orgId, period }: { spec: ReportSpec; orgId: string; period: string }) => {
      const file = await fetchFile(spec.path, { ...queryOf(spec, orgId, period), format: 'csv' }, 'text/csv');
      download(file.filename ?? `${spec.id}-${orgId}.csv`, file.blob);
    },
  });
