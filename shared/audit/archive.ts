// The audit archive (审计归档): every entry the audit table's stream carries lands, batch by batch, as
// one newline-delimited JSON object under `audit/YYYY/MM/DD/` in a bucket under Object Lock
// (compliance mode), where nobody — the bank's admins and AWS root included — can change or delete
// it before its retention ends. The object's key is fixed by the batch (its day and its first and
// last sequence numbers) and the write is conditional, so a replayed batch writes nothing twice.
// Pure: the bucket is a port.
import type { ArchiveStore } from './ports.js';

export interface ArchivedRecord {
  eventId: string;
  sequenceNumber: string;
  eventName: string;
  /** ISO 8601: when DynamoDB recorded the change. */
  recordedAt: string;
  /** The entry as written (the stream's new image). */
  entry: Record<string, unknown> | undefined;
}

/** Sequence numbers are decimal strings of up to 40 digits: padded, keys sort in stream order. */
const padded = (sequenceNumber: string) => sequenceNumber.padStart(40, '0');

export const archiveKey = (records: readonly ArchivedRecord[]): string => {
  const first = records[0];
  const last = records.at(-1);
  if (!first || !last) throw new Error('an archive object holds at least one record');
  const [year, month, day] = first.recordedAt.slice(0, 10).split('-');
  return `audit/${year}/${month}/${day}/${padded(first.sequenceNumber)}-${padded(last.sequenceNumber)}.ndjson`;
};

export const archiveBody = (records: readonly ArchivedRecord[]): string =>
  records.map((record) => JSON.stringify(record)).join('\n') + '\n';

/** Archives one batch; the same batch again is `exists` and writes nothing. */
export const archiveBatch = async (
  store: ArchiveStore,
  records: readonly ArchivedRecord[],
): Promise<{ key: string; outcome: 'written' | 'exists' } | undefined> => {
  if (records.length === 0) return undefined;
  const key = archiveKey(records);
  return { key, outcome: await store.putOnce(key, archiveBody(records)) };
};
