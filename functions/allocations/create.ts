import { http } from '#shared/http/http.js';
import { createAllocation as route } from '#shared/allocations/api.js';
import { allocationView, requestAllocation } from '#shared/allocations/allocate.js';
import { allocationDeps } from './deps.js';

const deps = allocationDeps();

export const handler = http(route, async ({ body, ctx }) => {
  const allocation = await requestAllocation(deps, ctx, body);
  return {
    status: 201,
    body: allocationView(allocation),
    headers: { location: `/v1/allocations/${allocation.allocationId}` },
  };
});
