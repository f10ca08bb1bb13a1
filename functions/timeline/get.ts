import { http } from '#shared/http/http.js';
import { getTimeline as route } from '#shared/timeline/api.js';
import { readTimeline } from '#shared/timeline/timeline.js';
import { dynamoTimelineSources } from '#shared/timeline/sources.js';
import { dynamoCustomerStore } from '#shared/customers/dynamo-customers.js';

const deps = { customers: dynamoCustomerStore(), sources: (id: string) => dynamoTimelineSources(id) };

export const handler = http(route, async ({ params, query, ctx }) => ({
  status: 200,
  body: await readTimeline(deps, ctx, params.customerId, query),
}));
