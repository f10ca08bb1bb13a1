import { http } from '#shared/http/http.js';
import { listAllocations as route } from '#shared/allocations/api.js';
import { allocationView, listAllocations } from '#shared/allocations/allocate.js';
import { dynamoAllocationStore } from '#shared/allocations/dynamo-allocations.js';

const deps = { allocations: dynamoAllocationStore() };

export const handler = http(route, async ({ query, ctx }) => {
  const page = await listAllocations(deps, ctx, query);
  return { status: 200, body: { ...page, items: page.items.map(allocationView) } };
});
