// `status`: what an on-call engineer looks at first. The stack's resources (CloudFormation), each
// stream mapping's iterator age (CloudWatch `IteratorAge`, the maximum over the last 15 minutes),
// each dead-letter queue's depth (SQS), the month close of the month before (its run records, read
// with the tiering adapter), and this month's SMS spend (the dispatch's budget counter, in fen).
import { GetMetricDataCommand, type CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { GetFunctionConfigurationCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { businessDateOf } from '#shared/clock.js';
import { monthOf } from '#shared/tiering/calendar.js';
import { monthBefore, monthCloseProgress } from '#shared/tiering/month-close-run.js';
import { dynamoMonthCloseStore } from '#shared/tiering/dynamo-month-close.js';
import { budgetKey } from '#shared/campaigns/dynamo-sms-dispatch.js';
import type { MonthCloseProgress } from '#shared/tiering/api.js';
import type { OpsClients } from './clients.js';
import { functionOf, tableOf, type Inventory } from './inventory.js';

/** The window `status` reads metrics over. */
export const METRIC_WINDOW_MINUTES = 15;
/** The function that sends campaign SMS, and the environment its budget is set in. */
export const SMS_DISPATCH_FUNCTION = 'campaigns-dispatch';
export const SMS_BUDGET_ENV = 'OCRM_SMS_MONTHLY_BUDGET_FEN';
/** The stack output naming the deployment's SMS channel; `sns` when the stack has none. */
export const SMS_CHANNEL_OUTPUT = 'SmsChannel';

export interface StatusReport {
  stack: string;
  at: string;
  resources: { functions: number; mappings: number; queues: number; tables: number; unplaced: number };
  mappings: { name: string; function: string; iteratorAgeMs?: number }[];
  deadLetters: { name: string; mapping?: string; visible: number; inFlight: number }[];
  monthClose: { month: string; progress?: MonthCloseProgress };
  sms: { month: string; channel: string; spentFen: number; budgetFen?: number };
}

/** IteratorAge of each stream function, max over the window; functions without data are absent. */
export const iteratorAges = async (
  cloudWatch: CloudWatchClient,
  functionNames: string[],
  now: Date,
): Promise<Map<string, number>> => {
  const ages = new Map<string, number>();
  if (functionNames.length === 0) return ages;
  const queries = functionNames.map((name, i) => ({
    Id: `f${i}`,
    MetricStat: {
      Metric: {
        Namespace: 'AWS/Lambda',
        MetricName: 'IteratorAge',
        Dimensions: [{ Name: 'FunctionName', Value: name }],
      },
      Period: METRIC_WINDOW_MINUTES * 60,
      Stat: 'Maximum',
    },
  }));
  let NextToken: string | undefined;
  do {
    const page = await cloudWatch.send(
      new GetMetricDataCommand({
        MetricDataQueries: queries,
        StartTime: new Date(now.getTime() - METRIC_WINDOW_MINUTES * 60_000),
        EndTime: now,
        NextToken,
      }),
    );
    for (const result of page.MetricDataResults ?? []) {
      const name = functionNames[Number(result.Id?.slice(1))];
      const values = result.Values ?? [];
      if (name !== undefined && values.length) ages.set(name, Math.max(ages.get(name) ?? 0, ...values));
    }
    NextToken = page.NextToken;
  } while (NextToken);
  return ages;
};

export const queueDepth = async (sqs: SQSClient, url: string) => {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: url,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return {
    visible: Number(Attributes?.ApproximateNumberOfMessages ?? 0),
    inFlight: Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0),
  };
};

export const monthCloseOf = (dynamodb: DynamoDBDocumentClient, inventory: Inventory, month: string) =>
  monthCloseProgress(
    dynamoMonthCloseStore(dynamodb, (id) => tableOf(inventory, id)),
    month,
  );

const smsBudgetFen = async (lambda: LambdaClient, inventory: Inventory): Promise<number | undefined> => {
  const dispatch = inventory.functions.find((fn) => fn.name === SMS_DISPATCH_FUNCTION);
  if (!dispatch) return undefined;
  const config = await lambda.send(
    new GetFunctionConfigurationCommand({ FunctionName: dispatch.physicalName }),
  );
  const raw = config.Environment?.Variables?.[SMS_BUDGET_ENV];
  return raw === undefined ? undefined : Number(raw);
};

export const smsSpendFen = async (dynamodb: DynamoDBDocumentClient, inventory: Inventory, month: string) => {
  const { Item } = await dynamodb.send(
    new GetCommand({ TableName: tableOf(inventory, 'sms-dispatch'), Key: budgetKey(month) }),
  );
  return Number(Item?.spentFen ?? 0);
};

export const readStatus = async (
  clients: OpsClients,
  inventory: Inventory,
  options: { now: Date; month?: string },
): Promise<StatusReport> => {
  const { now } = options;
  const streamFunctions = [...new Set(inventory.mappings.map((m) => m.function))];
  const physical = streamFunctions.map((name) => functionOf(inventory, name).physicalName);
  const smsMonth = monthOf(businessDateOf(now));
  const closeMonth = options.month ?? monthBefore(now);
  const [ages, depths, progress, spentFen, budgetFen] = await Promise.all([
    iteratorAges(clients.cloudWatch, physical, now),
    Promise.all(inventory.queues.map((queue) => queueDepth(clients.sqs, queue.url))),
    monthCloseOf(clients.dynamodb, inventory, closeMonth),
    smsSpendFen(clients.dynamodb, inventory, smsMonth),
    smsBudgetFen(clients.lambda, inventory),
  ]);
  return {
    stack: inventory.stackName,
    at: now.toISOString(),
    resources: {
      functions: inventory.functions.length,
      mappings: inventory.mappings.length,
      queues: inventory.queues.length,
      tables: Object.keys(inventory.tables).length,
      unplaced: inventory.unplaced,
    },
    mappings: inventory.mappings.map((m) => {
      const age = ages.get(functionOf(inventory, m.function).physicalName);
      return { name: m.name, function: m.function, ...(age !== undefined ? { iteratorAgeMs: age } : {}) };
    }),
    deadLetters: inventory.queues.map((queue, i) => ({
      name: queue.name,
      ...(queue.mapping ? { mapping: queue.mapping } : {}),
      ...depths[i]!,
    })),
    monthClose: { month: closeMonth, ...(progress ? { progress } : {}) },
    sms: {
      month: smsMonth,
      channel: inventory.outputs[SMS_CHANNEL_OUTPUT] || 'sns',
      spentFen,
      ...(budgetFen !== undefined && Number.isFinite(budgetFen) ? { budgetFen } : {}),
    },
  };
};
