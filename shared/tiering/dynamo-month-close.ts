// DynamoDB adapter for month-close runs (table `tier-month-close`): per month a RUN item and one
// SEG#<n> item per segment holding how far that segment's parallel scan of the customers has got.
// A pass that dies resumes from the checkpoints; a month closed again starts a new pass. And the
// segment tasks (table `tier-month-close-tasks`) whose stream runs one invocation per segment.
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import { recordRead, recordWrite } from './capacity.js';
import type { TableNames } from './dynamo-transact.js';
import type {
  ClosingCustomer,
  MonthCloseRun,
  MonthCloseStore,
  SegmentProgress,
  SegmentTaskQueue,
} from './ports.js';

const RUN = 'RUN';
const segmentPart = (segment: number) => `SEG#${String(segment).padStart(4, '0')}`;

/** A stored item without its sort key (`RUN`, `SEG#<n>`): the port's records are key-free. */
const withoutPart = <T>(item: Record<string, unknown>): T => {
  const { part: _part, ...record } = item;
  return record as T;
};

const conditional = async (
  write: () => Promise<{ ConsumedCapacity?: Parameters<typeof recordWrite>[0] }>,
) => {
  try {
    recordWrite((await write()).ConsumedCapacity);
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
};

export const dynamoMonthCloseStore = (
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
  names: TableNames = tableName,
): MonthCloseStore => {
  const table = names('tier-month-close');
  const customers = names('customers');
  return {
    async getRun(month) {
      const out = await client.send(
        new GetCommand({ TableName: table, Key: { month, part: RUN }, ConsistentRead: true }),
      );
      return out.Item && withoutPart<MonthCloseRun>(out.Item);
    },
    createRun(run) {
      return conditional(() =>
        client.send(
          new PutCommand({
            TableName: table,
            Item: { ...run, part: RUN },
            ConditionExpression: 'attribute_not_exists(part)',
            ReturnConsumedCapacity: 'TOTAL',
          }),
        ),
      );
    },
    startPass(month, pass, totalSegments, at) {
      return conditional(() =>
        client.send(
          new UpdateCommand({
            TableName: table,
            Key: { month, part: RUN },
            UpdateExpression:
              'SET pass = :pass, totalSegments = :segments, #status = :running, startedAt = :at REMOVE finishedAt',
            ConditionExpression: 'pass = :previous AND #status = :done',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':pass': pass,
              ':segments': totalSegments,
              ':previous': pass - 1,
              ':running': 'running',
              ':done': 'done',
              ':at': at,
            },
            ReturnConsumedCapacity: 'TOTAL',
          }),
        ),
      );
    },
    async finishRun(month, pass, totals, at) {
      await conditional(() =>
        client.send(
          new UpdateCommand({
            TableName: table,
            Key: { month, part: RUN },
            UpdateExpression:
              'SET #status = :done, finishedAt = :at, customers = :customers, monthsClosed = :months, changed = :changed',
            ConditionExpression: 'pass = :pass AND #status = :running',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':done': 'done',
              ':running': 'running',
              ':pass': pass,
              ':at': at,
              ':customers': totals.customers,
              ':months': totals.monthsClosed,
              ':changed': totals.changed,
            },
            ReturnConsumedCapacity: 'TOTAL',
          }),
        ),
      );
    },
    async segments(month) {
      const out = await client.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: '#month = :month AND begins_with(part, :prefix)',
          ExpressionAttributeNames: { '#month': 'month' },
          ExpressionAttributeValues: { ':month': month, ':prefix': 'SEG#' },
          ConsistentRead: true,
        }),
      );
      return (out.Items ?? []).map((item) => withoutPart<SegmentProgress>(item));
    },
    async openSegment(progress) {
      await conditional(() =>
        client.send(
          new PutCommand({
            TableName: table,
            Item: { ...progress, part: segmentPart(progress.segment) },
            ConditionExpression: 'attribute_not_exists(part) OR pass < :pass',
            ExpressionAttributeValues: { ':pass': progress.pass },
            ReturnConsumedCapacity: 'TOTAL',
          }),
        ),
      );
    },
    checkpoint(month, segment, pass, from, to, counts, at) {
      return conditional(() =>
        client.send(
          new UpdateCommand({
            TableName: table,
            Key: { month, part: segmentPart(segment) },
            UpdateExpression:
              `SET customers = customers + :customers, monthsClosed = monthsClosed + :months, changed = changed + :changed, updatedAt = :at` +
              (to === undefined ? ', #status = :done REMOVE lastKey' : ', lastKey = :to'),
            ConditionExpression:
              'pass = :pass AND #status = :running AND ' +
              (from === undefined ? 'attribute_not_exists(lastKey)' : 'lastKey = :from'),
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':customers': counts.customers,
              ':months': counts.monthsClosed,
              ':changed': counts.changed,
              ':at': at,
              ':pass': pass,
              ':running': 'running',
              ...(to === undefined ? { ':done': 'done' } : { ':to': to }),
              ...(from === undefined ? {} : { ':from': from }),
            },
            ReturnConsumedCapacity: 'TOTAL',
          }),
        ),
      );
    },
    async scanCustomers(segment, totalSegments, startKey, limit) {
      const out = await client.send(
        new ScanCommand({
          TableName: customers,
          Segment: segment,
          TotalSegments: totalSegments,
          ExclusiveStartKey: startKey,
          Limit: limit,
          ProjectionExpression: 'customerId, tier, managerId, orgId, orgPath',
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      recordRead(out.ConsumedCapacity);
      return {
        customers: (out.Items ?? []) as ClosingCustomer[],
        ...(out.LastEvaluatedKey ? { nextKey: out.LastEvaluatedKey } : {}),
      };
    },
  };
};

/** Segment tasks (table `tier-month-close-tasks`): a conditional put each, so issuing again adds nothing. */
export const dynamoSegmentTaskQueue = (
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
  names: TableNames = tableName,
): SegmentTaskQueue => {
  const table = names('tier-month-close-tasks');
  return {
    async issue(tasks) {
      for (let i = 0; i < tasks.length; i += 16) {
        await Promise.all(
          tasks.slice(i, i + 16).map((task) =>
            conditional(() =>
              client.send(
                new PutCommand({
                  TableName: table,
                  Item: task,
                  ConditionExpression: 'attribute_not_exists(taskId)',
                  ReturnConsumedCapacity: 'TOTAL',
                }),
              ),
            ),
          ),
        );
      }
    },
  };
};
