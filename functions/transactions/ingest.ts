import { http } from '#shared/http/http.js';
import { postTransactions as route } from '#shared/transactions/api.js';
import { ingestTransactions } from '#shared/transactions/ingest.js';
import { dynamoTransactionStore } from '#shared/transactions/dynamo-transactions.js';
import { clock } from '#shared/adapters/runtime.js';

const deps = { transactions: dynamoTransactionStore(), clock };

export const handler = http(route, async ({ body }) => ({
  status: 200,
  body: await ingestTransactions(deps, body),
}));
