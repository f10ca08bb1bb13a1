// A transaction from the stream → the graph: its edge (exactly once), then for a payment out to
// another bank's account, the account's payer set and the many-to-one check.
import type { TransactionRecord } from '#shared/transactions/transaction.js';
import { counterpartyNode } from './counterparty.js';
import { contributionOf } from './edges.js';
import { checkManyToOne, type ManyToOneDeps } from './check-many-to-one.js';
import type { GraphDeps } from './record.js';

export type GraphStreamDeps = GraphDeps & ManyToOneDeps;

export const graphOnTransaction = async (deps: GraphStreamDeps, txn: TransactionRecord) => {
  const node = counterpartyNode(deps.counterpartyKey, txn);
  if (!node) return { edge: 'no-counterparty' as const, alerts: 0 };
  const edge = await deps.graph.add(contributionOf(txn, node));
  // checked for a duplicate too: the record may be the retry of one whose check failed
  return { edge, alerts: await checkManyToOne(deps, txn, node) };
};
