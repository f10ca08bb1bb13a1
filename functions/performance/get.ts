import { http } from '#shared/http/http.js';
import { getPerformanceEntry as route } from '#shared/performance/api.js';
import { readEntry } from '#shared/performance/read.js';
import { dynamoLedgerStore } from '#shared/performance/dynamo-ledger.js';

const ledger = dynamoLedgerStore();

export const handler = http(route, async ({ params, ctx }) => ({
  status: 200,
  body: await readEntry(ledger, ctx, params.registrationId),
}));
