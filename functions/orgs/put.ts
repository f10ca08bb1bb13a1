import { http } from '#shared/http/http.js';
import { orgView, putOrg as route } from '#shared/org/api.js';
import { putOrg } from '#shared/org/manage.js';
import { dynamoOrgStore } from '#shared/org/dynamo-orgs.js';

const orgs = dynamoOrgStore();

export const handler = http(route, async ({ params, body, ctx }) => {
  const { created, org } = await putOrg(orgs, ctx, params.orgId, body);
  return { status: created ? 201 : 200, body: orgView(org) };
});
