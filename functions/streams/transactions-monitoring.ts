// The transactions stream's second reader: trigger rules and alerts, fund flows, the customer's
// last activity, then the relationship graph. Each is idempotent per transaction, so a retry of one
// is safe for all.
import { groupedStreamHandler } from '#shared/stream/stream-handler.js';
import { monitoring } from '../monitoring/on-transaction.js';
import { lastActivity } from '../activity/on-transaction.js';
import { graph } from '../graph/on-transaction.js';

export const handler = groupedStreamHandler(monitoring, lastActivity, graph);
