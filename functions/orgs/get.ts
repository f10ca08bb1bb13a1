import { http } from '#shared/http/http.js';
import { orgView, getOrg as route } from '#shared/org/api.js';
import { getVisibleOrg } from '#shared/org/manage.js';
import { dynamoOrgStore } from '#shared/org/dynamo-orgs.js';

const orgs = dynamoOrgStore();

export const handler = http(route, async ({ params, ctx }) => ({
  status: 200,
  body: orgView(await getVisibleOrg(orgs, ctx, params.orgId)),
}));
