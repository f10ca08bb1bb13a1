// What the relationship graph (客户关系图谱) is given, and the key-free types it speaks. Nodes are
// customers and counterparty accounts (counterparty.ts); kept from the transactions stream are
// edges per customer × counterparty × month × direction, and per customer × counterparty the
// neighbour totals the neighbourhood read ranks by. The DynamoDB adapter is dynamo-graph.ts, the
// in-memory one memory.ts.
import type { TransactionRecord } from '#shared/transactions/transaction.js';
import type { CounterpartyNode } from './counterparty.js';

export type FlowDirection = 'in' | 'out';

/** A customer's movements with one counterparty in one month and one direction. */
export interface Edge {
  customerId: string;
  counterpartyId: string;
  /** YYYY-MM of the business date */
  month: string;
  direction: FlowDirection;
  count: number;
  /** the movements' amounts, unsigned: the direction says which way */
  amountFen: number;
  firstDate: string;
  lastDate: string;
}

/** A customer's movements with one counterparty, all months and both directions. */
export interface Neighbour extends CounterpartyNode {
  customerId: string;
  count: number;
  inFen: number;
  outFen: number;
  /** inFen + outFen: what the neighbourhood ranks by */
  totalFen: number;
  firstDate: string;
  lastDate: string;
}

/** What one transaction adds to the graph. */
export interface GraphContribution {
  transactionId: string;
  customerId: string;
  edge: Edge;
  neighbour: Neighbour;
}

export interface GraphStore {
  /**
   * Adds the contribution to its edge and neighbour together with the transaction's claim marker,
   * all or nothing; `duplicate` (nothing added) when the transaction was claimed before.
   */
  add(contribution: GraphContribution): Promise<'applied' | 'duplicate'>;
  /** The customer's neighbours by total amount, largest first, at most `limit`. */
  topNeighbours(customerId: string, limit: number): Promise<Neighbour[]>;
  /** Every edge of the customer (tests and the bench). */
  edges(customerId: string): Promise<Edge[]>;
}

/** A customer's first payment to a counterparty account: what the many-to-one pattern counts. */
export interface FirstPayment {
  customerId: string;
  transactionId: string;
  bookedAt: string;
  businessDate: string;
  /** signed, as booked (negative: out) */
  amountFen: number;
  assetClass: TransactionRecord['assetClass'];
  channel: TransactionRecord['channel'];
  counterpartyBank?: string;
}

/**
 * Per counterparty account, the set of our customers paying it, each by their first payment; counted
 * per day so that how many first paid within a window is a few key reads whatever the payer count.
 */
export interface PayerSetStore {
  /**
   * Keeps `payment` as the customer's first to the account unless an earlier one is kept (a replay
   * or a later payment changes nothing); returns the first payment kept.
   */
  recordPayer(counterpartyId: string, payment: FirstPayment): Promise<FirstPayment>;
  /** How many payers first paid on each day of [from, to] (days without one are absent). */
  firstPayersPerDay(counterpartyId: string, from: string, to: string): Promise<Map<string, number>>;
  /** The payers whose first payment falls in [from, to], earliest first, at most `limit`. */
  payersBetween(counterpartyId: string, from: string, to: string, limit: number): Promise<FirstPayment[]>;
  /** The first day any of our customers paid the account. */
  firstSeen(counterpartyId: string): Promise<string | undefined>;
  /** Whether the window starting on `start` has fired for all its payers; `markFired` records that. */
  hasFired(counterpartyId: string, start: string): Promise<boolean>;
  markFired(counterpartyId: string, start: string): Promise<void>;
}
