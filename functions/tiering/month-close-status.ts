import { http } from '#shared/http/http.js';
import { NotFound } from '#shared/errors.js';
import { getMonthClose as route } from '#shared/tiering/api.js';
import { monthCloseProgress } from '#shared/tiering/month-close-run.js';
import { dynamoMonthCloseStore } from '#shared/tiering/dynamo-month-close.js';

const runs = dynamoMonthCloseStore();

export const handler = http(route, async ({ params }) => {
  const progress = await monthCloseProgress(runs, params.month);
  if (!progress) throw new NotFound(`The month close of ${params.month}`);
  return { status: 200, body: progress };
});
