import { http } from '#shared/http/http.js';
import { closeAlert as route } from '#shared/monitoring/alerts-api.js';
import { closeAlert } from '#shared/monitoring/work-alerts.js';
import { alertView } from '#shared/monitoring/alert.js';
import { dynamoAlertStore } from '#shared/monitoring/dynamo-alerts.js';

const alerts = dynamoAlertStore();

export const handler = http(route, async ({ params, body, ctx }) => ({
  status: 200,
  body: alertView(await closeAlert(alerts, ctx, params.alertId, body)),
}));
