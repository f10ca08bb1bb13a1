// Dead letters over the API: a head-office administrator lists what the stream consumers gave up on
// (which consumer, when, why, how many records) and replays it through the runtime's replay path,
// once however many times it is asked; everyone else is refused, and bad input changes nothing.
//   given  a poison transaction, written past the API, that both readers of the transactions stream reject
//   when   an administrator lists and replays the dead letters (twice at once, again later, fixed)
//   then   each attempt runs once, is audited, and a fixed batch is applied and leaves the list
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalRuntime } from '#infra/local/runtime.js';
import { apiClient, scanAll, startTestRuntime, type ApiClient } from '../support/local-runtime.js';
import { expectProblem, tableDigest } from '../support/requests.js';
import { transaction } from '../support/builders.js';

const NOW = '2026-11-20T02:00:00.000Z';
let runtime: LocalRuntime;
let api: ApiClient;

interface Letter {
  id: string;
  mapping: string;
  consumer: string;
  source: string;
  condition: string;
  error: string;
  recordCount: number;
  replays: number;
  lastReplayError?: string;
}

const poisonOf = (transactionId: string, customerId: string) => ({
  ...transaction({ transactionId, customerId, amountFen: 500_000 }),
  assetClass: 'crypto',
  receivedAt: NOW,
  bookedKey: `${NOW}#${transactionId}`,
});

const listed = async (): Promise<Letter[]> => {
  const response = await api.get<{ items: Letter[] }>('admin', '/v1/dead-letters');
  expect(response.status).toBe(200);
  return response.body.items;
};

const auditOf = async (id: string) =>
  (await scanAll<{ entityKey: string; action: string; actorId: string }>(runtime, 'audit'))
    .filter((entry) => entry.entityKey === `dead-letter#${id}`)
    .map((entry) => entry.action)
    .sort();

beforeAll(async () => {
  runtime = await startTestRuntime({ demoCustomers: 12, now: NOW });
  api = apiClient(runtime);
  await runtime.document.send(
    new PutCommand({
      TableName: runtime.tableName('transactions'),
      Item: poisonOf('DL-POISON-1', 'C0000003'),
    }),
  );
  await runtime.drained();
});
afterAll(() => runtime?.stop());

describe('GET /v1/dead-letters', () => {
  it('lists each consumer’s dead letter: consumer, source, error, record count', async () => {
    const letters = (await listed()).filter((l) => l.source === 'transactions');
    expect(letters.length).toBe(2);
    expect(new Set(letters.map((l) => l.mapping)).size).toBe(2);
    for (const letter of letters) {
      expect(letter).toMatchObject({
        consumer: expect.any(String),
        condition: 'RetryAttemptsExhausted',
        error: expect.any(String),
        recordCount: 1,
        replays: 0,
      });
      expect(letter.mapping).toBe(`${letter.consumer}@transactions`);
    }
    // the same as the runtime's own store says
    expect(letters.map((l) => l.id).sort()).toEqual(
      (await runtime.streams.deadLetters())
        .filter((l) => l.table === 'transactions')
        .map((l) => l.id)
        .sort(),
    );
  });

  it('is for administrators: every other role is 403', async () => {
    for (const staffId of ['rm-bj-cy-wj-01', 'bm-bj', 'marketing', 'auditor', 'core-banking']) {
      const response = await api.get(staffId, '/v1/dead-letters');
      expect(response.status, staffId).toBe(403);
      expectProblem(response, staffId);
    }
  });

  it('is the head office’s: an administrator of a branch is refused the list and the replay', async () => {
    const made = await api.put('admin', '/v1/staff/admin-bj-dl', {
      name: '北京分行系统管理员',
      role: 'admin',
      orgId: 'BJ',
      active: true,
    });
    expect(made.status).toBe(201);
    const [letter] = await listed();
    expect((await api.get('admin-bj-dl', '/v1/dead-letters')).status).toBe(403);
    const replay = await api.post('admin-bj-dl', `/v1/dead-letters/${letter!.id}/replay`);
    expect(replay.status).toBe(403);
    expect((await listed()).find((l) => l.id === letter!.id)?.replays).toBe(0);
  });
});

describe('POST /v1/dead-letters/{id}/replay', () => {
  it('refuses a malformed id (400 naming it) and an unknown one (404), changing nothing', async () => {
    const before = await tableDigest(runtime);
    const bad = await api.post('admin', '/v1/dead-letters/not%20an%20id!/replay');
    expect(bad.status).toBe(400);
    expectProblem(bad, 'malformed id');
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['params.deadLetterId']);
    const unknown = await api.post('admin', '/v1/dead-letters/dl-nothing-here/replay');
    expect(unknown.status).toBe(404);
    expect(await tableDigest(runtime)).toEqual(before);
  });

  it('runs an attempt once when asked twice at once; the other is 409; both audited once', async () => {
    const [letter] = (await listed()).filter((l) => l.source === 'transactions');
    const [a, b] = await Promise.all([
      api.post('admin', `/v1/dead-letters/${letter!.id}/replay`),
      api.post('admin-2', `/v1/dead-letters/${letter!.id}/replay`),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const answer = (a.status === 200 ? a : b).body;
    expectProblem(a.status === 409 ? a : b, 'second replay');
    // still poison: the consumer rejected it again, and the letter says so
    expect(answer).toMatchObject({ deadLetterId: letter!.id, attempt: 0, outcome: 'failed', remaining: 1 });
    const after = (await listed()).find((l) => l.id === letter!.id)!;
    expect(after.replays).toBe(1);
    expect(after.lastReplayError).toEqual(expect.any(String));
    expect(await auditOf(letter!.id)).toEqual(['dead-letter.replay', 'dead-letter.replay-failed']);

    // a later, separate attempt is a new one
    const again = await api.post('admin', `/v1/dead-letters/${letter!.id}/replay`);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ attempt: 1, outcome: 'failed' });
    expect((await listed()).find((l) => l.id === letter!.id)!.replays).toBe(2);
  });

  it('applies a batch whose cause is gone, removes it from the list, and refuses it a second time', async () => {
    // the poison letter's batch with the record as it should have been: a failure that has since cleared
    const poison = (await runtime.streams.deadLetters()).find((l) => l.table === 'transactions')!;
    const stored = (await runtime.streams.deadLetter(poison.id))!;
    const records = stored.records.map((r) => ({
      ...r,
      dynamodb: { ...r.dynamodb, NewImage: { ...r.dynamodb!.NewImage, assetClass: { S: 'deposit' } } },
    }));
    const fixed = await runtime.streams.store.addDeadLetter({
      mapping: stored.mapping,
      function: stored.function,
      table: stored.table,
      streamArn: stored.streamArn,
      shardId: stored.shardId,
      condition: 'RetryAttemptsExhausted',
      reason: { kind: 'function-error', errorType: 'ServiceBusy', message: 'throttled' },
      attempts: 4,
      records,
    });
    const replayed = await api.post('admin', `/v1/dead-letters/${fixed.id}/replay`);
    expect(replayed.status).toBe(200);
    expect(replayed.body).toEqual({ deadLetterId: fixed.id, attempt: 0, outcome: 'replayed' });
    expect((await listed()).some((l) => l.id === fixed.id)).toBe(false);
    expect(await auditOf(fixed.id)).toEqual(['dead-letter.replay', 'dead-letter.replayed']);

    const twice = await api.post('admin', `/v1/dead-letters/${fixed.id}/replay`);
    expect(twice.status).toBe(409);
    expect(twice.body.detail).toMatch(/replayed by admin/);
    expect(await auditOf(fixed.id)).toHaveLength(2);
  });
});
