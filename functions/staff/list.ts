import { http } from '#shared/http/http.js';
import { listStaff as route } from '#shared/staff/api.js';
import { listStaff } from '#shared/staff/manage.js';
import { dynamoStaffStore } from '#shared/staff/dynamo-staff.js';
import { dynamoOrgStore } from '#shared/org/dynamo-orgs.js';

const deps = { staff: dynamoStaffStore(), orgs: dynamoOrgStore() };

export const handler = http(route, async ({ query, ctx }) => ({
  status: 200,
  body: await listStaff(deps, ctx, query),
}));
