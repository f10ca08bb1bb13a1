import { http } from '#shared/http/http.js';
import { listPerformance as route } from '#shared/performance/api.js';
import { listPostings } from '#shared/performance/read.js';
import { dynamoLedgerStore } from '#shared/performance/dynamo-ledger.js';
import { dynamoStaffStore } from '#shared/staff/dynamo-staff.js';

const deps = { ledger: dynamoLedgerStore(), staff: dynamoStaffStore() };

export const handler = http(route, async ({ query, ctx }) => ({
  status: 200,
  body: await listPostings(deps, ctx, query),
}));
