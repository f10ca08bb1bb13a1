import { http } from '#shared/http/http.js';
import { getCustomerGraph as route } from '#shared/graph/api.js';
import { customerNeighbourhood } from '#shared/graph/neighbourhood.js';
import { dynamoGraphStore } from '#shared/graph/dynamo-graph.js';
import { dynamoCustomerStore } from '#shared/customers/dynamo-customers.js';

const deps = { customers: dynamoCustomerStore(), graph: dynamoGraphStore() };

export const handler = http(route, async ({ params, ctx }) => ({
  status: 200,
  body: await customerNeighbourhood(deps, ctx, params.customerId),
}));
