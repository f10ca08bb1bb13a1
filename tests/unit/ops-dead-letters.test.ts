// `dead-letters list|replay` on a real stream: DynamoDB Local's stream (GetShardIterator
// AT_SEQUENCE_NUMBER, GetRecords) and a real stream handler invoked in process where Lambda would
// run it; SQS and CloudFormation are fakes on aws-sdk-client-mock. A replay runs the batch's records
// through the function once and deletes the message after success; a second replay finds nothing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { ensureTables, physicalTableName } from '#infra/local/tables.js';
import { invoke } from '#infra/local/invoke.js';
import { tableEnvName } from '#shared/adapters/tables.js';
import { discoverStack } from '../../scripts/ops/discover.js';
import { listDeadLetters, replayDeadLetters } from '../../scripts/ops/dead-letters.js';
import type { Inventory } from '../../scripts/ops/inventory.js';
import { EFFECTS_TABLE } from '../support/counting-stream-handler.js';
import { lambdaDeadLetter, streamWriter, type WrittenBatch } from '../support/stream-dead-letters.js';
import { fakeOutputs, fakeQueues, invokeAnswer, mockCloudFormation, queueUrl } from './ops-fake-aws.js';
import { countingConsumer, effectsTable, streamSourceTable } from '../support/counting-declarations.js';

process.env.AWS_REGION ??= 'local';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const MAPPING = 'tiering-on-transaction@transactions';
const DLQ = queueUrl('on-tx-dlq');

const sourceTable = streamSourceTable('ops-source');
const counting = countingConsumer();

let dynamodb: DynamoDBClient;
let document: DynamoDBDocumentClient;
let streams: DynamoDBStreamsClient;
let prefix: string;
let inventory: Inventory;
const lambda = mockClient(LambdaClient);
let queues: ReturnType<typeof fakeQueues>;
const invoked: string[][] = [];

beforeAll(async () => {
  const endpoint = inject('dynamoEndpoint');
  dynamodb = new DynamoDBClient({ endpoint, region: 'local', credentials });
  document = DynamoDBDocumentClient.from(dynamodb);
  streams = new DynamoDBStreamsClient({ endpoint, region: 'local', credentials });
  prefix = `ops-${randomUUID().slice(0, 8)}-`;
  await ensureTables(dynamodb, prefix, [sourceTable, effectsTable]);
  process.env.OCRM_DYNAMODB_ENDPOINT = endpoint;
  process.env[tableEnvName(EFFECTS_TABLE)] = physicalTableName(prefix, effectsTable);
  mockCloudFormation(fakeOutputs({}));
  inventory = await discoverStack(new CloudFormationClient({ region: 'local', credentials }), 'Ocrm');
  // Lambda: the deployed function's name in, the handler run in this process, its answer or error out
  lambda.on(InvokeCommand).callsFake((input: { FunctionName: string; Payload: Uint8Array }) => {
    expect(input.FunctionName).toBe('Ocrm-Tiering-tiering-on-transaction-XYZ');
    return invokeAnswer((event) => {
      invoked.push((event as { Records: { eventID: string }[] }).Records.map((r) => r.eventID));
      return invoke(counting, event);
    }, input.Payload);
  });
});

afterAll(() => {
  lambda.restore();
  delete process.env.COUNTING_POISON;
});

beforeEach(() => {
  queues = fakeQueues();
  invoked.length = 0;
});

const clients = () => ({
  sqs: new SQSClient({ region: 'local', credentials }),
  lambda: new LambdaClient({ region: 'local', credentials }),
  streams,
});

const written = (items: { pk: string; amount: number; poison?: boolean }[]) =>
  streamWriter({ dynamodb, streams }, () => physicalTableName(prefix, sourceTable))(items);
const deadLetterOf = (batch: WrittenBatch) => lambdaDeadLetter(batch);

const totals = async () => {
  const { Items = [] } = await document.send(
    new ScanCommand({ TableName: physicalTableName(prefix, effectsTable), ConsistentRead: true }),
  );
  return Object.fromEntries(
    Items.filter((i) => String(i.pk).startsWith('total#')).map((i) => [
      String(i.pk).slice(6),
      i.applied as number,
    ]),
  );
};

describe('dead letters of a stream mapping', () => {
  it('are listed from the queue and left there', async () => {
    const batch = await written([
      { pk: `l-${randomUUID()}`, amount: 1 },
      { pk: `l-${randomUUID()}`, amount: 2 },
    ]);
    queues.put(DLQ, deadLetterOf(batch));
    queues.put(DLQ, 'not a record');
    const listed = await listDeadLetters(clients(), inventory, MAPPING);
    expect(listed).toHaveLength(2);
    expect(listed.find((l) => l.readable)).toMatchObject({
      condition: 'RetryAttemptsExhausted',
      batch: { batchSize: 2, shardId: batch.shardId },
    });
    expect(listed.find((l) => !l.readable)).toMatchObject({ error: 'not JSON' });
    // still there, and visible: listing twice shows the same
    expect(await listDeadLetters(clients(), inventory, MAPPING)).toHaveLength(2);
    await expect(listDeadLetters(clients(), inventory, 'nobody@customers')).rejects.toThrow(
      /no stream mapping/,
    );
  });

  it('replay runs exactly the batch’s records through the function once; a second replay finds nothing', async () => {
    const before = await written([{ pk: `b-${randomUUID()}`, amount: 100 }]);
    const items = [1, 2, 3].map((n) => ({ pk: `r-${randomUUID()}`, amount: n * 10 }));
    const batch = await written(items);
    await written([{ pk: `a-${randomUUID()}`, amount: 1000 }]);
    queues.put(DLQ, deadLetterOf(batch));

    const first = await replayDeadLetters(clients(), inventory, MAPPING);
    expect(first).toEqual([{ messageId: expect.any(String), outcome: 'replayed', records: 3 }]);
    expect(invoked).toEqual([batch.records.map((r) => r.eventID)]);
    expect(invoked[0]).not.toContain(before.records[0]!.eventID);
    const applied = await totals();
    for (const item of items) expect(applied[item.pk]).toBe(item.amount);
    expect(queues.messages(DLQ)).toEqual([]);

    expect(await replayDeadLetters(clients(), inventory, MAPPING)).toEqual([]);
    expect(invoked).toHaveLength(1);
  });

  it('a partial failure leaves a message for the rest only; it replays once the poison is fixed', async () => {
    const items = [
      { pk: `p-${randomUUID()}`, amount: 1 },
      { pk: `p-${randomUUID()}`, amount: 2, poison: true },
      { pk: `p-${randomUUID()}`, amount: 3 },
    ];
    const batch = await written(items);
    queues.put(DLQ, deadLetterOf(batch));
    delete process.env.COUNTING_POISON;

    const [partly] = await replayDeadLetters(clients(), inventory, MAPPING);
    expect(partly).toMatchObject({ outcome: 'partly-replayed', records: 3, remaining: 2 });
    const [rest] = queues.messages(DLQ);
    expect(queues.messages(DLQ)).toHaveLength(1);
    expect(JSON.parse(rest!.body).DDBStreamBatchInfo).toMatchObject({
      startSequenceNumber: batch.records[1]!.dynamodb!.SequenceNumber,
      batchSize: 2,
    });

    // still poisoned: kept whole, visible again for the next try
    const [failed] = await replayDeadLetters(clients(), inventory, MAPPING);
    expect(failed).toMatchObject({ outcome: 'failed', remaining: 2 });
    expect(queues.messages(DLQ)).toHaveLength(1);

    process.env.COUNTING_POISON = 'accept';
    const [done] = await replayDeadLetters(clients(), inventory, MAPPING);
    expect(done).toMatchObject({ outcome: 'replayed', records: 2 });
    expect(queues.messages(DLQ)).toEqual([]);
    const applied = await totals();
    expect(items.map((i) => applied[i.pk])).toEqual([1, 2, 3]);
  });

  it('a batch no longer in the stream is kept, not deleted', async () => {
    const batch = await written([{ pk: `x-${randomUUID()}`, amount: 1 }]);
    const body = JSON.parse(deadLetterOf(batch));
    body.DDBStreamBatchInfo.shardId = 'shardId-00000000000000000000-00000000';
    queues.put(DLQ, JSON.stringify(body));
    const [result] = await replayDeadLetters(clients(), inventory, MAPPING);
    expect(result).toMatchObject({ outcome: 'expired', records: 0 });
    expect(queues.messages(DLQ)).toHaveLength(1);
  });
});
