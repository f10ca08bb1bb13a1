// The data-quality store's one transaction, as the adapter writes it through transactWrite: the
// customer's item (with its fix key while it has gaps) conditioned on the version read, the counter
// deltas beside it; a replay writes nothing, and an item changed meanwhile is read again.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDataQualityStore, fixKey } from '#shared/data-quality/dynamo-data-quality.js';
import type { DqRecord } from '#shared/data-quality/ports.js';

const client = DynamoDBDocumentClient.from(
  new DynamoDBClient({ region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } }),
);
const dynamo = mockClient(client);
const store = dynamoDataQualityStore(client);

const record = (over: Partial<DqRecord> = {}): DqRecord => ({
  customerId: 'C1',
  version: 2,
  name: '王伟',
  score: 80,
  gaps: ['address'],
  tier: 'gold',
  managerId: 'rm-1',
  orgPath: '/HO/BJ/',
  updatedAt: '2026-11-20T02:00:00Z',
  ...over,
});

const written = () =>
  dynamo.commandCalls(TransactWriteCommand).map((call) => call.args[0].input.TransactItems ?? []);

const conditionFailed = () =>
  new TransactionCanceledException({
    message: 'cancelled',
    $metadata: {},
    CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
  });

beforeAll(() => {
  vi.stubEnv('OCRM_TABLE_DATA_QUALITY', 'dq');
  vi.stubEnv('OCRM_TABLE_DQ_AGGREGATES', 'dq-agg');
});
afterAll(() => vi.unstubAllEnvs());
beforeEach(() => dynamo.reset());

describe('data-quality store', () => {
  it('writes a new customer with its fix key and the counters of every scope, in one transaction', async () => {
    dynamo.on(GetCommand).resolves({});
    dynamo.on(TransactWriteCommand).resolves({});
    expect(await store.apply('C1', record())).toBe('applied');
    const [items] = written();
    expect(items![0]).toEqual({
      Put: {
        TableName: 'dq',
        Item: { ...record(), fixKey: fixKey('gold', 80, 'C1') },
        ConditionExpression: 'attribute_not_exists(customerId)',
      },
    });
    expect(items!.slice(1).map((i) => [i.Update?.TableName, i.Update?.Key])).toEqual([
      ['dq-agg', { scope: 'org#HO' }],
      ['dq-agg', { scope: 'org#BJ' }],
      ['dq-agg', { scope: 'rm#rm-1' }],
    ]);
  });

  it('conditions a change on the version read; a customer without gaps carries no fix key', async () => {
    dynamo.on(GetCommand).resolves({ Item: { ...record(), fixKey: fixKey('gold', 80, 'C1') } });
    dynamo.on(TransactWriteCommand).resolves({});
    const complete = record({ version: 3, score: 100, gaps: [] });
    expect(await store.apply('C1', complete)).toBe('applied');
    expect(written()[0]![0]).toEqual({
      Put: {
        TableName: 'dq',
        Item: complete,
        ConditionExpression: 'version = :v',
        ExpressionAttributeValues: { ':v': 2 },
      },
    });
  });

  it('keeps a removed customer as a tombstone of the removed version, without its fix key', async () => {
    dynamo.on(GetCommand).resolves({ Item: { ...record(), fixKey: fixKey('gold', 80, 'C1') } });
    dynamo.on(TransactWriteCommand).resolves({});
    expect(await store.apply('C1', undefined, 3)).toBe('applied');
    expect(written()[0]![0]!.Put?.Item).toEqual({ ...record(), version: 3, removed: true });
  });

  it('writes nothing for a replay, or for a removal of what was never counted', async () => {
    dynamo.on(GetCommand).resolves({ Item: record({ version: 4 }) });
    expect(await store.apply('C1', record({ version: 4 }))).toBe('stale');
    dynamo.on(GetCommand).resolves({});
    expect(await store.apply('C1', undefined, 5)).toBe('stale');
    expect(written()).toEqual([]);
  });

  it('reads again when the item changed after it was read, and then finds the change stale', async () => {
    dynamo
      .on(GetCommand)
      .resolvesOnce({ Item: record({ version: 1 }) })
      .resolves({ Item: record({ version: 2 }) });
    dynamo.on(TransactWriteCommand).rejects(conditionFailed());
    expect(await store.apply('C1', record({ version: 2 }))).toBe('stale');
    expect(written()).toHaveLength(1);
  });

  it('gives up after five changed reads, for the stream to retry', async () => {
    dynamo.on(GetCommand).resolves({ Item: record({ version: 1 }) });
    dynamo.on(TransactWriteCommand).rejects(conditionFailed());
    await expect(store.apply('C1', record({ version: 2 }))).rejects.toThrow(/kept changing/);
    expect(written()).toHaveLength(5);
  });
});
