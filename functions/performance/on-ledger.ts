// performance ledger stream → aggregates per staff, org unit (up the tree), period and category.
import { streamHandler } from '#shared/stream/stream-handler.js';
import { LedgerEntryRecord } from '#shared/performance/entry.js';
import { applyEntry } from '#shared/performance/apply-entry.js';
import { dynamoAggregateStore } from '#shared/performance/dynamo-aggregates.js';
import { orgShards } from '#shared/performance/settings.js';

const aggregates = dynamoAggregateStore();

export const handler = streamHandler({
  image: LedgerEntryRecord,
  insert: async ({ newImage }) => void (await applyEntry(aggregates, newImage!, orgShards())),
  // Entries are never updated; a MODIFY can only repeat an entry, and its claims make that a no-op.
  modify: async ({ newImage }) => void (await applyEntry(aggregates, newImage!, orgShards())),
  // Entries are never deleted (a reversal is a new entry); a removal, were it to happen, undoes nothing.
  remove: 'ignore',
});
