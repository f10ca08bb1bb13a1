import { http } from '#shared/http/http.js';
import { getLeaderboard as route } from '#shared/performance/api.js';
import { leaderboard } from '#shared/performance/leaderboard.js';
import { dynamoAggregateStore } from '#shared/performance/dynamo-aggregates.js';
import { orgShards } from '#shared/performance/settings.js';
import { dynamoOrgStore } from '#shared/org/dynamo-orgs.js';

const deps = { aggregates: dynamoAggregateStore(), orgs: dynamoOrgStore() };

export const handler = http(route, async ({ query, ctx }) => ({
  status: 200,
  body: await leaderboard(deps, ctx, query, orgShards()),
}));
