// One month-close segment per invocation: a task from the coordinator (tier-month-close-tasks stream,
// one record a batch). Out of time, the worker hands the rest to a continuation task and succeeds; an
// error fails the record, which the event source mapping retries, then dead-letters (rerun the
// coordinator to resume from the checkpoint).
import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import * as z from 'zod';
import { logger } from '#shared/logging/logger.js';
import { streamHandler } from '#shared/stream/stream-handler.js';
import { isMonth } from '#shared/tiering/calendar.js';
import { runSegmentTask } from '#shared/tiering/month-close-tasks.js';
import { dynamoSegmentWorkerDeps } from '#shared/tiering/deps.js';

const SegmentTaskRecord = z.object({
  taskId: z.string(),
  month: z.string().refine(isMonth, 'must be a month, YYYY-MM'),
  pass: z.number().int().min(1),
  segment: z.number().int().min(0),
  totalSegments: z.number().int().min(1),
  issueId: z.string(),
  continuation: z.number().int().min(0),
  issuedAt: z.string(),
  expiresAt: z.number(),
});

const deps = dynamoSegmentWorkerDeps();

/** Stop taking pages a minute (at most a tenth of the time) before the invocation's timeout. */
const deadlineOf = (context: Context) => {
  const remaining = context.getRemainingTimeInMillis();
  return Date.now() + remaining - Math.min(60_000, remaining / 10);
};

export const handler = (event: DynamoDBStreamEvent, context: Context) => {
  const deadline = deadlineOf(context);
  return streamHandler({
    image: SegmentTaskRecord,
    insert: async ({ newImage }) => {
      const task = newImage!;
      const outcome = await runSegmentTask(deps, task, { deadline });
      logger.info('month close segment', { taskId: task.taskId, outcome });
    },
    // a task is never rewritten; its time-to-live delete is housekeeping
    modify: 'ignore',
    remove: 'ignore',
  })(event, context);
};
