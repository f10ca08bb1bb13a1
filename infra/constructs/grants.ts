// Least-privilege grants written out by hand, not with the L2 `grant*` helpers: those add wildcard
// actions (`kms:GenerateDataKey*`, `kms:ReEncrypt*`) and `table/index/*`, which a reviewer (and
// cdk-nag) would rightly question. Here every action is named and every index is listed.
import { Effect, PolicyStatement, type IRole } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Stack } from 'aws-cdk-lib';
import type { TableAccess, TableDeclaration } from '#infra/declaration/types.js';

/** Item reads, on the table and each of its indexes. ConditionCheckItem: a read inside a transaction. */
export const TABLE_READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:ConditionCheckItem',
];
/** Item writes (TransactWriteItems is authorised per contained Put/Update/Delete/ConditionCheck). */
export const TABLE_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
];
/**
 * Adding items only (`append`): a Put (its `attribute_not_exists` condition is the writer's) and a
 * ConditionCheck inside a transaction. No BatchWriteItem: its puts cannot carry a condition.
 */
export const TABLE_APPEND_ACTIONS = ['dynamodb:PutItem', 'dynamodb:ConditionCheckItem'];
/** Denied to every function role on an append-only table, whatever else a policy might allow. */
export const APPEND_ONLY_DENIED_ACTIONS = [
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:PartiQLUpdate',
  'dynamodb:PartiQLDelete',
];
/** What a reader of a CMK-encrypted table needs of the key. */
export const KEY_READ_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey'];
/** What a writer needs of it in addition. */
export const KEY_WRITE_ACTIONS = ['kms:Encrypt', 'kms:GenerateDataKey'];
/** A stream consumer (Lambda event source mapping polling with the function's role). */
export const STREAM_READ_ACTIONS = [
  'dynamodb:DescribeStream',
  'dynamodb:GetRecords',
  'dynamodb:GetShardIterator',
];
/** Has no resource-level permissions: must be `*`. Lambda lists a table's streams when polling. */
export const STREAM_LIST_ACTION = 'dynamodb:ListStreams';
/** X-Ray writes from active tracing: no resource-level permissions, so `*` (added by the Lambda construct). */
export const XRAY_ACTIONS = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'];

const slug = (access: string) => access.replace(/[^A-Za-z0-9]/g, '');

export const grantTableAccess = (
  role: IRole,
  tableId: string,
  table: Table,
  declaration: TableDeclaration,
  access: TableAccess,
  key: IKey,
): void => {
  if (declaration.appendOnly && (access === 'write' || access === 'read-write')) {
    throw new Error(`Table ${tableId} is append-only: grant 'append' (or 'read'), not '${access}'`);
  }
  const reads = access === 'read' || access === 'read-write';
  const writes = access === 'write' || access === 'read-write';
  const appends = access === 'append';
  const indexArns = (declaration.globalIndexes ?? []).map((index) => `${table.tableArn}/index/${index.name}`);
  if (reads) {
    role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: `Read${slug(tableId)}`,
        actions: TABLE_READ_ACTIONS,
        resources: [table.tableArn, ...indexArns],
      }),
    );
  }
  if (writes) {
    role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: `Write${slug(tableId)}`,
        actions: TABLE_WRITE_ACTIONS,
        resources: [table.tableArn],
      }),
    );
  }
  if (appends) {
    role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: `Append${slug(tableId)}`,
        actions: TABLE_APPEND_ACTIONS,
        resources: [table.tableArn],
      }),
    );
  }
  role.addToPrincipalPolicy(
    new PolicyStatement({
      sid: `Key${slug(tableId)}`,
      actions: writes || appends ? [...KEY_READ_ACTIONS, ...KEY_WRITE_ACTIONS] : KEY_READ_ACTIONS,
      resources: [key.keyArn],
    }),
  );
};

/**
 * On every function role, for each append-only table (granted or not): an explicit deny of every
 * item change and removal, so no later allow — a broader grant, a managed policy — can reopen it.
 */
export const denyAppendOnlyRewrites = (role: IRole, tableId: string, table: Table): void => {
  role.addToPrincipalPolicy(
    new PolicyStatement({
      sid: `NoRewrite${slug(tableId)}`,
      effect: Effect.DENY,
      actions: APPEND_ONLY_DENIED_ACTIONS,
      resources: [table.tableArn],
    }),
  );
};

export const grantStreamRead = (role: IRole, tableId: string, table: Table, key: IKey): void => {
  if (!table.tableStreamArn) throw new Error(`Table ${tableId} has no stream`);
  role.addToPrincipalPolicy(
    new PolicyStatement({
      sid: `Stream${slug(tableId)}`,
      actions: STREAM_READ_ACTIONS,
      resources: [table.tableStreamArn],
    }),
  );
  role.addToPrincipalPolicy(
    new PolicyStatement({
      sid: `StreamKey${slug(tableId)}`,
      actions: ['kms:Decrypt'],
      resources: [key.keyArn],
    }),
  );
};

/** Once per stream consumer, whatever the number of its streams. */
export const grantStreamList = (role: IRole): void => {
  role.addToPrincipalPolicy(
    new PolicyStatement({ sid: 'ListStreams', actions: [STREAM_LIST_ACTION], resources: ['*'] }),
  );
};

/** Sending to a KMS-encrypted queue: SendMessage plus the data key calls SQS makes with the sender's rights. */
export const grantQueueSend = (role: IRole, sid: string, queue: IQueue, key: IKey): void => {
  role.addToPrincipalPolicy(
    new PolicyStatement({ sid: `${sid}Send`, actions: ['sqs:SendMessage'], resources: [queue.queueArn] }),
  );
  role.addToPrincipalPolicy(
    new PolicyStatement({
      sid: `${sid}Key`,
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resources: [key.keyArn],
    }),
  );
};

/** The SMS adapter (shared/sms/sns-provider.ts): Publish to a PhoneNumber, after an opt-out check. */
export const SMS_ACTIONS = ['sns:Publish', 'sns:CheckIfPhoneNumberIsOptedOut'];

/**
 * SMS straight to phone numbers. SNS cannot scope Publish-to-phone-number by resource (the
 * resource is `*`; CheckIfPhoneNumberIsOptedOut has no resource either), so the allow is `*` and an
 * explicit deny takes every topic and platform endpoint back out: the function can text a phone
 * number and publish nothing else.
 */
export const grantSmsPublish = (role: IRole): void => {
  const { partition } = Stack.of(role);
  role.addToPrincipalPolicy(
    new PolicyStatement({ sid: 'SmsPublish', actions: SMS_ACTIONS, resources: ['*'] }),
  );
  role.addToPrincipalPolicy(
    new PolicyStatement({
      sid: 'NoTopicOrEndpointPublish',
      effect: Effect.DENY,
      actions: ['sns:Publish'],
      resources: [`arn:${partition}:sns:*:*:*`],
    }),
  );
};
