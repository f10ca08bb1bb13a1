// transactions stream → the relationship graph's edges and neighbour totals (exactly once per
// transaction), the payer sets of other-bank accounts and the many-to-one alerts.
// Runs in the transactions stream's monitoring reader (functions/streams/transactions-monitoring.ts).
import { streamConsumer } from '#shared/stream/stream-handler.js';
import { TransactionRecord } from '#shared/transactions/transaction.js';
import { dynamoGraphDeps } from '#shared/graph/deps.js';
import { graphOnTransaction, type GraphStreamDeps } from '#shared/graph/on-transaction.js';

// built on the first record: a missing counterparty key fails the graph's records, not the module
let deps: GraphStreamDeps | undefined;
const graphDeps = () => (deps ??= dynamoGraphDeps());

export const graph = streamConsumer('graph', {
  image: TransactionRecord,
  insert: async ({ newImage }) => void (await graphOnTransaction(graphDeps(), newImage!)),
  // Transactions are immutable: a MODIFY repeats the INSERT, and the claim marker makes it a replay.
  modify: async ({ newImage }) => void (await graphOnTransaction(graphDeps(), newImage!)),
  // A removed transaction still happened: the graph keeps what it moved.
  remove: 'ignore',
});
