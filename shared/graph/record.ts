// A transaction from the stream → the graph: its edge and neighbour totals, exactly once. A
// transaction without a counterparty account (a deposit at the counter, interest) has no edge.
import type { TransactionRecord } from '#shared/transactions/transaction.js';
import { counterpartyNode } from './counterparty.js';
import { contributionOf } from './edges.js';
import type { GraphStore } from './ports.js';

export interface GraphDeps {
  graph: GraphStore;
  /** This deployment's key for counterparty node ids (counterparty.ts). */
  counterpartyKey: string;
}

export const recordInGraph = async (
  deps: GraphDeps,
  txn: TransactionRecord,
): Promise<'applied' | 'duplicate' | 'no-counterparty'> => {
  const node = counterpartyNode(deps.counterpartyKey, txn);
  if (!node) return 'no-counterparty';
  return deps.graph.add(contributionOf(txn, node));
};
