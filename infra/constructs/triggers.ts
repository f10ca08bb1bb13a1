// A function's non-HTTP triggers, exactly as declared: DynamoDB stream mappings and EventBridge
// Scheduler schedules, each with its own dead-letter queue.
import { Duration, Stack } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import {
  EventSourceMapping,
  FilterCriteria,
  StartingPosition,
  type IDestination,
} from 'aws-cdk-lib/aws-lambda';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import type { Construct } from 'constructs';
import type { ScheduleTrigger, StreamTrigger } from '#infra/declaration/types.js';
import { DeadLetterQueue } from './dead-letter-queue.js';
import { grantQueueSend, grantStreamRead } from './grants.js';
import type { OcrmFunction } from './ocrm-function.js';

/** `customer-activity` → `CustomerActivity`: construct ids from declared names. */
export const pascal = (text: string) =>
  text.replace(/(^|[^A-Za-z0-9]+)([A-Za-z0-9])/g, (_match, _sep: string, c: string) => c.toUpperCase());

export interface StreamMapping {
  trigger: StreamTrigger;
  mapping: EventSourceMapping;
  deadLetters: DeadLetterQueue;
}

/** One event source mapping with the declared settings; on failure the batch's metadata goes to its DLQ. */
export const addStreamMapping = (
  scope: Construct,
  fn: OcrmFunction,
  trigger: StreamTrigger,
  table: Table,
  keys: { data: IKey; ops: IKey },
  id = `${pascal(trigger.table)}Stream`,
): StreamMapping => {
  if (!table.tableStreamArn) {
    throw new Error(
      `${fn.declaration.name} consumes the ${trigger.table} stream, but that table declares no stream`,
    );
  }
  grantStreamRead(fn.executionRole, trigger.table, table, keys.data);
  const deadLetters = new DeadLetterQueue(scope, `${id}DeadLetters`, {
    key: keys.ops,
    of: `the ${trigger.table} stream mapping of ${fn.declaration.name}`,
  });
  grantQueueSend(fn.executionRole, `${id}DeadLetters`, deadLetters, keys.ops);
  const mapping = new EventSourceMapping(scope, id, {
    target: fn,
    eventSourceArn: table.tableStreamArn,
    startingPosition: StartingPosition[trigger.startingPosition],
    batchSize: trigger.batchSize,
    maxBatchingWindow: Duration.seconds(trigger.maxBatchingWindowSeconds),
    bisectBatchOnError: trigger.bisectOnError,
    retryAttempts: trigger.retryAttempts,
    maxRecordAge: Duration.seconds(trigger.maxRecordAgeSeconds),
    reportBatchItemFailures: trigger.reportBatchItemFailures,
    parallelizationFactor: trigger.parallelizationFactor,
    filters: trigger.filters?.length
      ? trigger.filters.map((pattern) => FilterCriteria.filter(pattern))
      : undefined,
    onFailure: { bind: () => ({ destination: deadLetters.queueArn }) },
  });
  return { trigger, mapping, deadLetters };
};

/**
 * Scheduler delivery: retried for up to an hour, then to the schedule's DLQ. Scheduler invokes
 * Lambda asynchronously, so a failure inside the function is Lambda's async retry's business
 * (see {@link addAsyncFailureDestination}).
 */
export const SCHEDULE_RETRY = { maximumRetryAttempts: 10, maximumEventAgeInSeconds: 3600 };

export interface ScheduledInvocation {
  trigger: ScheduleTrigger;
  schedule: CfnSchedule;
  role: Role;
  deadLetters: DeadLetterQueue;
}

/** The event the local runtime sends too (infra/local/schedules.ts): the declared name and the fire time. */
export const scheduleInput = (trigger: ScheduleTrigger): string =>
  JSON.stringify({ scheduleName: trigger.name, scheduledTime: '<aws.scheduler.scheduled-time>' });

export const addSchedule = (
  scope: Construct,
  fn: OcrmFunction,
  trigger: ScheduleTrigger,
  opsKey: IKey,
): ScheduledInvocation => {
  const id = `${pascal(trigger.name)}Schedule`;
  const { account } = Stack.of(scope);
  const deadLetters = new DeadLetterQueue(scope, `${id}DeadLetters`, {
    key: opsKey,
    of: `the ${trigger.name} schedule (EventBridge Scheduler delivery to ${fn.declaration.name})`,
  });
  // A role per schedule, allowed to invoke this one function (no `:*` qualifier) and nothing else.
  const role = new Role(scope, `${id}Role`, {
    assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
      conditions: { StringEquals: { 'aws:SourceAccount': account } },
    }),
    description: `EventBridge Scheduler: ${trigger.name} invokes ${fn.declaration.name}`,
  });
  role.addToPrincipalPolicy(
    new PolicyStatement({
      sid: 'InvokeTarget',
      actions: ['lambda:InvokeFunction'],
      resources: [fn.functionArn],
    }),
  );
  grantQueueSend(role, 'DeadLetters', deadLetters, opsKey);
  const schedule = new CfnSchedule(scope, id, {
    description: `${trigger.name}: ${trigger.description}`,
    scheduleExpression: trigger.cron,
    scheduleExpressionTimezone: trigger.timezone,
    flexibleTimeWindow: { mode: 'OFF' },
    state: 'ENABLED',
    target: {
      arn: fn.functionArn,
      roleArn: role.roleArn,
      input: scheduleInput(trigger),
      retryPolicy: SCHEDULE_RETRY,
      deadLetterConfig: { arn: deadLetters.queueArn },
    },
  });
  // The role's policy must exist before Scheduler first tries to use it.
  schedule.node.addDependency(role);
  return { trigger, schedule, role, deadLetters };
};

/**
 * Failures inside a scheduled (asynchronously invoked) function: two Lambda retries, then the
 * event goes to this queue instead of vanishing.
 */
export const addAsyncFailureDestination = (
  scope: Construct,
  fn: OcrmFunction,
  opsKey: IKey,
): DeadLetterQueue => {
  const deadLetters = new DeadLetterQueue(scope, 'AsyncFailures', {
    key: opsKey,
    of: `asynchronous invocations of ${fn.declaration.name} (its schedules) that failed after Lambda's retries`,
  });
  grantQueueSend(fn.executionRole, 'AsyncFailures', deadLetters, opsKey);
  const destination: IDestination = { bind: () => ({ destination: deadLetters.queueArn }) };
  fn.configureAsyncInvoke({ retryAttempts: 2, maxEventAge: Duration.hours(6), onFailure: destination });
  return deadLetters;
};
