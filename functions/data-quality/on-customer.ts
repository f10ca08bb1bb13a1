// customers stream → each customer's data-quality score and the counters reports and the workbench read.
import { streamHandler } from '#shared/stream/stream-handler.js';
import { ScoredCustomer } from '#shared/data-quality/score.js';
import { dqRecordOf } from '#shared/data-quality/record.js';
import { dynamoDataQualityStore } from '#shared/data-quality/dynamo-data-quality.js';

const store = dynamoDataQualityStore();

export const handler = streamHandler({
  image: ScoredCustomer,
  insert: async ({ newImage }) => void (await store.apply(newImage!.customerId, dqRecordOf(newImage!))),
  modify: async ({ newImage }) => void (await store.apply(newImage!.customerId, dqRecordOf(newImage!))),
  // A removed customer leaves the counters; its item stays as a tombstone of the version removed.
  remove: async ({ oldImage }) =>
    void (await store.apply(oldImage!.customerId, undefined, oldImage!.version + 1)),
});
