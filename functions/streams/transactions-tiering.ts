// The transactions stream's first reader (a DynamoDB stream serves two per shard before it
// throttles): AUM counters and the tier decision, then the AUM-change report counters, which then
// see the tier just decided. Both are idempotent per transaction, so a retry of one is safe for both.
import { groupedStreamHandler } from '#shared/stream/stream-handler.js';
import { aumAndTier } from '../tiering/on-transaction.js';
import { aumChangeCounters } from '../reports/on-transaction.js';

export const handler = groupedStreamHandler(aumAndTier, aumChangeCounters);
