// A returning session (a reload, a bookmark): the shell's code and, on the home path, the workbench's
// code and data are fetched side by side with GET /v1/me instead of after it, so the first screen
// arrives a few round trips sooner. A role without a workbench only wastes one refused read.
import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Session } from '../auth/session';
import { workbenchKey, workbenchQuery } from '../workbench/hooks';

export const useWarmUp = (session: Session | undefined): void => {
  const queries = useQueryClient();
  const token = session?.token;
  useEffect(() => {
    if (!token) return;
    void import('./Screens');
    if (location.pathname !== '/') return;
    void import('../workbench/WorkbenchScreen');
    void queries.prefetchQuery({ queryKey: workbenchKey, queryFn: workbenchQuery });
  }, [token, queries]);
};
