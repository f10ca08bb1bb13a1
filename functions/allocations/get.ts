import { http } from '#shared/http/http.js';
import { getAllocation as route } from '#shared/allocations/api.js';
import { allocationView, visibleAllocation } from '#shared/allocations/allocate.js';
import { dynamoAllocationStore } from '#shared/allocations/dynamo-allocations.js';

const deps = { allocations: dynamoAllocationStore() };

export const handler = http(route, async ({ params, ctx }) => ({
  status: 200,
  body: allocationView(await visibleAllocation(deps, ctx, params.allocationId)),
}));
