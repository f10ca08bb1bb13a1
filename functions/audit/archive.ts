// The audit table's stream reader: each batch lands as one object in the archive bucket (Object
// Lock, compliance mode). A failed write fails the whole batch, which is retried as it was; a batch
// written before is found by its key and not written again.
import * as z from 'zod';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { toChange } from '#shared/stream/stream-handler.js';
import { archiveBatch, type ArchivedRecord } from '#shared/audit/archive.js';
import { s3ArchiveStore } from '#shared/audit/s3-archive.js';
import { logger } from '#shared/logging/logger.js';

const store = s3ArchiveStore();
const AnyEntry = z.record(z.string(), z.unknown());

export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const records: ArchivedRecord[] = event.Records.map((record) => {
    const change = toChange(AnyEntry, record);
    return {
      eventId: change.eventId,
      sequenceNumber: change.sequenceNumber,
      eventName: change.kind,
      recordedAt: change.approximateCreatedAt.toISOString(),
      entry: change.newImage,
    };
  });
  try {
    const archived = await archiveBatch(store, records);
    if (archived) logger.debug('audit batch archived', { ...archived, records: records.length });
    return { batchItemFailures: [] };
  } catch (error) {
    logger.error('audit batch not archived; retrying the batch', { error: error as Error });
    return { batchItemFailures: records.map((r) => ({ itemIdentifier: r.sequenceNumber })) };
  }
};
