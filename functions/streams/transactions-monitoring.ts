// The transactions stream's second reader: trigger rules and alerts, fund flows, then the customer's
// last activity. Both are idempotent per transaction, so a retry of one is safe for both.
import { groupedStreamHandler } from '#shared/stream/stream-handler.js';
import { monitoring } from '../monitoring/on-transaction.js';
import { lastActivity } from '../activity/on-transaction.js';

export const handler = groupedStreamHandler(monitoring, lastActivity);
