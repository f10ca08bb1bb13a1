// The audit stream lands in the archive bucket (the local S3 stand-in, spoken to over the S3 wire
// protocol by the same adapter that runs on Lambda): one NDJSON object per batch under the day of its
// first record, every entry exactly as written, and a replayed batch writes nothing again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#infra/local/runtime.js';
import { archiveBatch, archiveKey, type ArchivedRecord } from '#shared/audit/archive.js';
import { type ApiClient } from '../support/local-runtime.js';
import { aBank } from '../support/steps/index.js';
import { s3ArchiveStore } from '#shared/audit/s3-archive.js';

let runtime: LocalRuntime;
let api: ApiClient;

beforeAll(async () => {
  ({ runtime, api } = await aBank({ customers: 5 }));
});
afterAll(() => runtime?.stop());

const archived = async (): Promise<{ key: string; records: ArchivedRecord[] }[]> => {
  const keys = await runtime.s3.list(runtime.auditArchiveBucket, 'audit/');
  return Promise.all(
    keys.map(async (key) => ({
      key,
      records: (await runtime.s3.read(runtime.auditArchiveBucket, key))
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as ArchivedRecord),
    })),
  );
};

const entriesArchived = async () => (await archived()).flatMap((o) => o.records.map((r) => r.entry));

describe('the audit archive', () => {
  it('holds every audit entry, as written, under audit/YYYY/MM/DD/', async () => {
    const staff = { name: '归档测试', role: 'rm', orgId: 'BJ-CY-WJ', active: true };
    expect((await api.put('admin', '/v1/staff/rm-archive-01', staff)).status).toBe(201);
    await runtime.drained();
    let entries = await entriesArchived();
    for (let i = 0; i < 50 && !entries.some((e) => e?.entityKey === 'staff#rm-archive-01'); i++) {
      await runtime.drained();
      entries = await entriesArchived();
    }
    expect(entries.find((e) => e?.entityKey === 'staff#rm-archive-01')).toMatchObject({
      action: 'staff.create',
      actorId: 'admin',
    });
    // the seed's own entries came through the stream too
    expect(entries.filter((e) => e?.action === 'seed').length).toBeGreaterThanOrEqual(3);
    for (const { key, records } of await archived()) {
      expect(key).toBe(archiveKey(records));
      expect(key).toMatch(/^audit\/\d{4}\/\d{2}\/\d{2}\/\d{40}-\d{40}\.ndjson$/);
      expect(key.slice(6, 16).replace(/\//g, '-')).toBe(records[0]!.recordedAt.slice(0, 10));
      expect(records.every((r) => r.eventName === 'INSERT')).toBe(true);
    }
    const ids = entries.map((e) => `${String(e?.entityKey)}/${String(e?.auditId)}`);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('a replayed batch writes nothing: the same key is refused, the object stays as it was', async () => {
    const [first] = await archived();
    expect(first).toBeDefined();
    const before = await runtime.s3.read(runtime.auditArchiveBucket, first!.key);
    const store = s3ArchiveStore();
    expect(await archiveBatch(store, first!.records)).toEqual({ key: first!.key, outcome: 'exists' });
    const tampered = first!.records.map((r) => ({ ...r, entry: { ...r.entry, actorId: 'someone-else' } }));
    expect(await archiveBatch(store, tampered)).toEqual({ key: first!.key, outcome: 'exists' });
    expect(await runtime.s3.read(runtime.auditArchiveBucket, first!.key)).toBe(before);
    expect((await archived()).length).toBeGreaterThanOrEqual(1);
  });

  it('a new batch is written once', async () => {
    const store = s3ArchiveStore();
    const records: ArchivedRecord[] = [
      {
        eventId: 'e1',
        sequenceNumber: '9'.repeat(30),
        eventName: 'INSERT',
        recordedAt: '2031-01-02T03:04:05.000Z',
        entry: { entityKey: 'x#1', auditId: '01', action: 'test.archive' },
      },
    ];
    expect(await archiveBatch(store, records)).toEqual({
      key: `audit/2031/01/02/${'9'.repeat(30).padStart(40, '0')}-${'9'.repeat(30).padStart(40, '0')}.ndjson`,
      outcome: 'written',
    });
    expect(await archiveBatch(store, records)).toMatchObject({ outcome: 'exists' });
  });
});
