import { http } from '#shared/http/http.js';
import { listAlerts as route } from '#shared/monitoring/alerts-api.js';
import { listAlerts } from '#shared/monitoring/work-alerts.js';
import { alertView } from '#shared/monitoring/alert.js';
import { dynamoCustomerStore } from '#shared/customers/dynamo-customers.js';
import { dynamoAlertStore } from '#shared/monitoring/dynamo-alerts.js';

const deps = { alerts: dynamoAlertStore(), customers: dynamoCustomerStore() };

export const handler = http(route, async ({ query, ctx }) => {
  const page = await listAlerts(deps, ctx, query);
  return { status: 200, body: { ...page, items: page.items.map(alertView) } };
});
