import { http } from '#shared/http/http.js';
import { approveAllocation as route } from '#shared/allocations/api.js';
import { allocationView, approveAllocation } from '#shared/allocations/allocate.js';
import { allocationDeps } from './deps.js';

const deps = allocationDeps();

export const handler = http(route, async ({ params, body, ctx }) => ({
  status: 200,
  body: allocationView(await approveAllocation(deps, ctx, params.allocationId, body.note)),
}));
