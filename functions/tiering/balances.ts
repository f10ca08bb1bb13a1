import { http } from '#shared/http/http.js';
import { postBalances as route } from '#shared/tiering/api.js';
import { reconcileBalances } from '#shared/tiering/balances.js';
import { dynamoTieringDeps } from '#shared/tiering/deps.js';

const deps = dynamoTieringDeps();

export const handler = http(route, async ({ body, ctx }) => ({
  status: 200,
  body: { items: await reconcileBalances(deps, ctx, body) },
}));
