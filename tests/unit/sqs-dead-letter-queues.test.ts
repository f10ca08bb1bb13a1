// The dead-letter port in AWS (what GET /v1/dead-letters and its replay route read deployed) over the
// stream mappings' SQS queues: DynamoDB Local's real stream, a real stream handler invoked in process
// where Lambda would run it; SQS and Lambda on aws-sdk-client-mock. A letter keeps its id while failed
// replays send its message again (counted, with the last error); a success deletes it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { ensureTables, physicalTableName } from '#infra/local/tables.js';
import { invoke } from '#infra/local/invoke.js';
import { tableEnvName } from '#shared/adapters/tables.js';
import { mappingQueuesOf } from '#shared/dead-letters/queues.js';
import { sqsDeadLetterQueues } from '#shared/dead-letters/sqs-dead-letter-queues.js';
import { deadLetterIdOf } from '#shared/dead-letters/stream-batch.js';
import type { DeadLetterQueues } from '#shared/dead-letters/ports.js';
import { EFFECTS_TABLE } from '../support/counting-stream-handler.js';
import { lambdaDeadLetter, streamWriter, type WrittenBatch } from '../support/stream-dead-letters.js';
import { fakeQueues, invokeAnswer, queueUrl } from './ops-fake-aws.js';
import { countingConsumer, effectsTable, streamSourceTable } from '../support/counting-declarations.js';

process.env.AWS_REGION ??= 'local';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const MAPPING = 'tiering-on-transaction@transactions';
const OTHER = 'ledger-followers@performance-ledger';
const DLQ = queueUrl('port-on-tx-dlq');
const OTHER_DLQ = queueUrl('port-ledger-dlq');
const CONSUMER = 'Ocrm-Tiering-tiering-on-transaction-XYZ';
const AT = '2026-12-07T10:00:00.000Z';

const sourceTable = streamSourceTable('port-source');
const counting = countingConsumer();

let dynamodb: DynamoDBClient;
let streams: DynamoDBStreamsClient;
let prefix: string;
const lambda = mockClient(LambdaClient);
let queues: ReturnType<typeof fakeQueues>;
let port: DeadLetterQueues;
const invoked: { functionName: string; eventIds: string[] }[] = [];

beforeAll(async () => {
  const endpoint = inject('dynamoEndpoint');
  dynamodb = new DynamoDBClient({ endpoint, region: 'local', credentials });
  streams = new DynamoDBStreamsClient({ endpoint, region: 'local', credentials });
  prefix = `dlq-${randomUUID().slice(0, 8)}-`;
  await ensureTables(dynamodb, prefix, [sourceTable, effectsTable]);
  process.env.OCRM_DYNAMODB_ENDPOINT = endpoint;
  process.env[tableEnvName(EFFECTS_TABLE)] = physicalTableName(prefix, effectsTable);
  lambda.on(InvokeCommand).callsFake((input: { FunctionName: string; Payload: Uint8Array }) =>
    invokeAnswer((event) => {
      invoked.push({
        functionName: input.FunctionName,
        eventIds: (event as { Records: { eventID: string }[] }).Records.map((r) => r.eventID),
      });
      return invoke(counting, event);
    }, input.Payload),
  );
});

afterAll(() => {
  lambda.restore();
  delete process.env.COUNTING_POISON;
});

beforeEach(() => {
  queues = fakeQueues();
  invoked.length = 0;
  delete process.env.COUNTING_POISON;
  // as the stack names them to the function (OCRM_DEAD_LETTER_QUEUES)
  const named = mappingQueuesOf(
    JSON.stringify({
      [MAPPING]: { queue: DLQ, function: CONSUMER },
      [OTHER]: { queue: OTHER_DLQ, function: 'Ocrm-Platform-ledger-followers-XYZ' },
    }),
  )!;
  port = sqsDeadLetterQueues(
    {
      sqs: new SQSClient({ region: 'local', credentials }),
      lambda: new LambdaClient({ region: 'local', credentials }),
      streams,
    },
    named,
    () => new Date(AT),
  );
});

const written = (items: { pk: string; amount: number; poison?: boolean }[]) =>
  streamWriter({ dynamodb, streams }, () => physicalTableName(prefix, sourceTable))(items);
const deadLetterOf = (batch: WrittenBatch) => lambdaDeadLetter(batch, '2026-12-07T09:00:00.000Z');

const idOf = (batch: WrittenBatch) =>
  deadLetterIdOf(MAPPING, {
    shardId: batch.shardId,
    endSequenceNumber: batch.records.at(-1)!.dynamodb!.SequenceNumber!,
  });

describe('the dead letters of the deployed stream mappings', () => {
  it('are listed from every mapping’s queue, in the port’s words, and left there', async () => {
    const batch = await written([
      { pk: `l-${randomUUID()}`, amount: 1 },
      { pk: `l-${randomUUID()}`, amount: 2 },
    ]);
    queues.put(DLQ, deadLetterOf(batch));
    queues.put(OTHER_DLQ, 'put there by hand');
    const letters = await port.list();
    expect(letters).toHaveLength(2);
    expect(letters.find((l) => l.mapping === MAPPING)).toEqual({
      id: idOf(batch),
      mapping: MAPPING,
      consumer: 'tiering-on-transaction',
      source: 'transactions',
      condition: 'RetryAttemptsExhausted',
      error: 'the function failed (Unhandled)',
      failedAt: '2026-12-07T09:00:00.000Z',
      recordCount: 2,
      attempts: 3,
      replays: 0,
    });
    expect(letters.find((l) => l.mapping === OTHER)).toMatchObject({
      consumer: 'ledger-followers',
      source: 'performance-ledger',
      condition: 'Unreadable',
      recordCount: 0,
    });
    expect(await port.get(idOf(batch))).toEqual(letters.find((l) => l.mapping === MAPPING));
    // still there, and visible: listing again shows the same
    expect(await port.list()).toEqual(letters);
    expect(queues.messages(DLQ)).toHaveLength(1);
    expect(invoked).toEqual([]);
  });

  it('a replay runs exactly the batch’s records through its consumer once, then the letter is gone', async () => {
    await written([{ pk: `b-${randomUUID()}`, amount: 100 }]);
    const batch = await written([1, 2, 3].map((n) => ({ pk: `r-${randomUUID()}`, amount: n })));
    await written([{ pk: `a-${randomUUID()}`, amount: 1000 }]);
    queues.put(DLQ, deadLetterOf(batch));
    queues.put(DLQ, deadLetterOf(await written([{ pk: `o-${randomUUID()}`, amount: 7 }])));

    expect(await port.replay(idOf(batch))).toEqual({ ok: true });
    expect(invoked).toEqual([{ functionName: CONSUMER, eventIds: batch.records.map((r) => r.eventID) }]);
    expect(await port.get(idOf(batch))).toBeUndefined();
    // the other letter was looked at, not taken: still there and visible
    expect(await port.list()).toHaveLength(1);

    expect(await port.replay(idOf(batch))).toMatchObject({ ok: false, remaining: 0 });
    expect(invoked).toHaveLength(1);
  });

  it('a failed replay keeps the letter under its id, counted with its error; a partial one keeps the rest', async () => {
    const items = [
      { pk: `p-${randomUUID()}`, amount: 1 },
      { pk: `p-${randomUUID()}`, amount: 2, poison: true },
      { pk: `p-${randomUUID()}`, amount: 3 },
    ];
    const batch = await written(items);
    queues.put(DLQ, deadLetterOf(batch));
    const id = idOf(batch);

    const partly = await port.replay(id);
    expect(partly).toMatchObject({ ok: false, remaining: 2 });
    expect(await port.get(id)).toMatchObject({
      recordCount: 2,
      replays: 1,
      lastReplayAt: AT,
      lastReplayError: expect.any(String),
    });

    const failed = await port.replay(id);
    expect(failed).toMatchObject({ ok: false, remaining: 2 });
    expect(await port.get(id)).toMatchObject({ recordCount: 2, replays: 2 });
    expect(queues.messages(DLQ)).toHaveLength(1);

    process.env.COUNTING_POISON = 'accept';
    expect(await port.replay(id)).toEqual({ ok: true });
    expect(queues.messages(DLQ)).toEqual([]);
    expect(invoked.map((i) => i.eventIds.length)).toEqual([3, 2, 2]);
  });

  it('a batch no longer in the stream stays listed, its replay failing with why', async () => {
    const batch = await written([{ pk: `x-${randomUUID()}`, amount: 1 }]);
    const body = JSON.parse(deadLetterOf(batch));
    body.DDBStreamBatchInfo.shardId = 'shardId-00000000000000000000-00000000';
    queues.put(DLQ, JSON.stringify(body));
    const [letter] = await port.list();
    const result = await port.replay(letter!.id);
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/no longer/), remaining: 1 });
    expect(await port.get(letter!.id)).toMatchObject({ replays: 1 });
    expect(invoked).toEqual([]);
  });
});
