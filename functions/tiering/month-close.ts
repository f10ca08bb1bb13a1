// Month close (00:30 Asia/Shanghai on the 1st, and on demand): closes the month before the scheduled
// time, or `month` when given (`{ "month": "2026-10" }` from ops). It stops taking pages a minute
// before its timeout and fails, so Lambda's asynchronous retry resumes from the checkpoints.
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { businessDateOf } from '#shared/adapters/clock.js';
import { clock } from '#shared/adapters/runtime.js';
import { logger } from '#shared/logging/logger.js';
import { isMonth, monthOf } from '#shared/tiering/calendar.js';
import { MonthCloseIncomplete, closeMonth, monthBefore } from '#shared/tiering/month-close.js';
import { dynamoMonthCloseDeps } from '#shared/tiering/deps.js';

const MonthCloseEvent = z.object({
  scheduleName: z.string().optional(),
  scheduledTime: z.iso.datetime({ offset: true }).optional(),
  month: z.string().refine(isMonth, 'must be a month, YYYY-MM').optional(),
  totalSegments: z.number().int().min(1).max(256).optional(),
  /** Only these segments: for one invocation per segment when a coordinator fans the work out. */
  segments: z.array(z.number().int().min(0)).optional(),
});

const deps = dynamoMonthCloseDeps();

const handle = async (event: unknown, context: Context) => {
  const input = MonthCloseEvent.parse(event);
  const now = clock.now();
  const month = input.month ?? monthBefore(input.scheduledTime ? new Date(input.scheduledTime) : now);
  if (month >= monthOf(businessDateOf(now)))
    throw new Error(`${month} is not over yet: only past months close`);
  const remaining = context.getRemainingTimeInMillis();
  const deadline = Date.now() + remaining - Math.min(60_000, remaining / 10);
  const progress = await closeMonth(deps, {
    month,
    ...(input.totalSegments ? { totalSegments: input.totalSegments } : {}),
    ...(input.segments ? { segments: input.segments } : {}),
    deadline,
  });
  logger.info('month close', { ...progress, segments: undefined });
  const mine = input.segments
    ? progress.segments.filter((seg) => input.segments!.includes(seg.segment))
    : progress.segments;
  if (mine.some((seg) => seg.status !== 'done')) {
    throw new MonthCloseIncomplete(
      `${month}: ${progress.segmentsDone} of ${progress.totalSegments} segments done (${progress.customers} customers); run again to resume`,
    );
  }
  return progress;
};

export const handler = middy(handle).use(injectLambdaContext(logger, { resetKeys: true }));
