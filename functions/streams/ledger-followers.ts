// The performance ledger's second reader (a DynamoDB stream serves two per shard before it
// throttles; the first is performance-on-ledger, the aggregates): campaign conversions, then
// maturities of fixed-term sales. Both are idempotent per entry, so a retry of one is safe for both.
import { groupedStreamHandler } from '#shared/stream/stream-handler.js';
import { campaignConversions } from '../campaigns/on-ledger.js';
import { maturities } from '../maturities/on-ledger.js';

export const handler = groupedStreamHandler(campaignConversions, maturities);
