import { http } from '#shared/http/http.js';
import { reversePerformance as route } from '#shared/performance/api.js';
import { reversePerformance } from '#shared/performance/reverse.js';
import { entryView } from '#shared/performance/read.js';
import { dynamoLedgerStore } from '#shared/performance/dynamo-ledger.js';

const deps = { ledger: dynamoLedgerStore() };

export const handler = http(route, async ({ params, body, ctx }) => {
  const { created, entry } = await reversePerformance(deps, ctx, params.registrationId, body);
  return {
    status: created ? 201 : 200,
    body: entryView(entry),
    headers: { location: `/v1/performance/${entry.entryId}` },
  };
});
