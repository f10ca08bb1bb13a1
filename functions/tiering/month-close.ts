// Month close coordinator (00:30 Asia/Shanghai on the 1st, and on demand): closes the month before the
// scheduled time, or `month` when given (`{ "month": "2026-10" }` from ops). It opens (or resumes) the
// month's pass and issues one segment task per open segment; each runs in its own invocation of
// `tiering-month-close-segment`. Progress: GET /v1/tier-month-close/{month}. Run again to resume.
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { businessDateOf } from '#shared/clock.js';
import { clock } from '#shared/adapters/runtime.js';
import { logger } from '#shared/logging/logger.js';
import { isMonth, monthOf } from '#shared/tiering/calendar.js';
import { monthBefore } from '#shared/tiering/month-close-run.js';
import { startMonthClose } from '#shared/tiering/month-close-tasks.js';
import { dynamoCoordinatorDeps } from '#shared/tiering/deps.js';

const MonthCloseEvent = z.object({
  scheduleName: z.string().optional(),
  scheduledTime: z.iso.datetime({ offset: true }).optional(),
  month: z.string().refine(isMonth, 'must be a month, YYYY-MM').optional(),
  totalSegments: z.number().int().min(1).max(256).optional(),
});

const deps = dynamoCoordinatorDeps();

const handle = async (event: unknown, context: Context) => {
  const input = MonthCloseEvent.parse(event);
  const now = clock.now();
  const month = input.month ?? monthBefore(input.scheduledTime ? new Date(input.scheduledTime) : now);
  if (month >= monthOf(businessDateOf(now)))
    throw new Error(`${month} is not over yet: only past months close`);
  // Lambda's asynchronous retry keeps the request id, so a retried coordinator issues no task twice
  const progress = await startMonthClose(deps, {
    month,
    ...(input.totalSegments ? { totalSegments: input.totalSegments } : {}),
    issueId: context.awsRequestId,
  });
  logger.info('month close issued', { ...progress, segments: undefined });
  return progress;
};

export const handler = middy(handle).use(injectLambdaContext(logger, { resetKeys: true }));
