// Pure: what a transaction adds to the graph, and how two contributions to one edge or neighbour
// combine. The combination is associative and commutative (sums, earliest and latest date), so the
// kept edges do not depend on the order the stream delivers; the claim marker makes a replay add nothing.
import type { TransactionRecord } from '#shared/transactions/transaction.js';
import type { CounterpartyNode } from './counterparty.js';
import type { Edge, GraphContribution, Neighbour } from './ports.js';

const earlier = (a: string, b: string) => (a <= b ? a : b);
const later = (a: string, b: string) => (a >= b ? a : b);

export const contributionOf = (
  txn: Pick<TransactionRecord, 'transactionId' | 'customerId' | 'amountFen' | 'direction' | 'businessDate'>,
  node: CounterpartyNode,
): GraphContribution => {
  const amountFen = Math.abs(txn.amountFen);
  const dates = { firstDate: txn.businessDate, lastDate: txn.businessDate };
  return {
    transactionId: txn.transactionId,
    customerId: txn.customerId,
    edge: {
      customerId: txn.customerId,
      counterpartyId: node.counterpartyId,
      month: txn.businessDate.slice(0, 7),
      direction: txn.direction,
      count: 1,
      amountFen,
      ...dates,
    },
    neighbour: {
      ...node,
      customerId: txn.customerId,
      count: 1,
      inFen: txn.direction === 'in' ? amountFen : 0,
      outFen: txn.direction === 'out' ? amountFen : 0,
      totalFen: amountFen,
      ...dates,
    },
  };
};

export const mergeEdge = (kept: Edge | undefined, added: Edge): Edge =>
  kept
    ? {
        ...kept,
        count: kept.count + added.count,
        amountFen: kept.amountFen + added.amountFen,
        firstDate: earlier(kept.firstDate, added.firstDate),
        lastDate: later(kept.lastDate, added.lastDate),
      }
    : added;

/** The counterparty's bank and masked account are fixed by its id; the name kept is the first seen. */
export const mergeNeighbour = (kept: Neighbour | undefined, added: Neighbour): Neighbour =>
  kept
    ? {
        ...kept,
        ...(kept.maskedName === undefined && added.maskedName !== undefined
          ? { maskedName: added.maskedName }
          : {}),
        count: kept.count + added.count,
        inFen: kept.inFen + added.inFen,
        outFen: kept.outFen + added.outFen,
        totalFen: kept.totalFen + added.totalFen,
        firstDate: earlier(kept.firstDate, added.firstDate),
        lastDate: later(kept.lastDate, added.lastDate),
      }
    : added;

/** One edge per customer × counterparty × month × direction. */
export const edgeIdentity = (edge: Pick<Edge, 'counterpartyId' | 'month' | 'direction'>): string =>
  `${edge.month}#${edge.counterpartyId}#${edge.direction}`;
