import { http } from '#shared/http/http.js';
import { acknowledgeAlert as route } from '#shared/monitoring/alerts-api.js';
import { acknowledgeAlert } from '#shared/monitoring/work-alerts.js';
import { alertView } from '#shared/monitoring/alert.js';
import { dynamoAlertStore } from '#shared/monitoring/dynamo-alerts.js';

const alerts = dynamoAlertStore();

export const handler = http(route, async ({ params, ctx }) => ({
  status: 200,
  body: alertView(await acknowledgeAlert(alerts, ctx, params.alertId)),
}));
