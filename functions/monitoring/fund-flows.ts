import { http } from '#shared/http/http.js';
import { getFundFlows as route } from '#shared/monitoring/reports-api.js';
import { customerFundFlows } from '#shared/monitoring/reports.js';
import { dynamoReportStore } from '#shared/monitoring/dynamo-reports.js';
import { ownBankNames } from '#shared/monitoring/facts.js';
import { dynamoCustomerStore } from '#shared/customers/dynamo-customers.js';

const deps = { customers: dynamoCustomerStore(), reports: dynamoReportStore(), ownBanks: ownBankNames() };

export const handler = http(route, async ({ params, query, ctx }) => ({
  status: 200,
  body: await customerFundFlows(deps, ctx, params.customerId, query),
}));
