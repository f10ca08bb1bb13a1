// HTTP contract of the workbench.
import * as z from 'zod';
import { defineRoute } from '#shared/http/contract.js';

export const getWorkbench = defineRoute({
  method: 'GET',
  path: '/v1/workbench',
  summary:
    'The caller’s day: book by tier and tier moves, open alerts by due time, maturities in 14 days, ' +
    'customers near a tier threshold, campaign tasks, performance and rank, data-quality fixes, allocations to decide',
  auth: 'jwt',
  roles: ['rm', 'branch_manager'],
  query: z.strictObject({
    fixes: z.coerce.number().int().min(1).max(50).optional(),
    /** items per list panel (default 20) */
    limit: z.coerce.number().int().min(1).max(100).optional(),
  }),
});
