// What the relationship graph (客户关系图谱) is given, and the key-free types it speaks. Nodes are
// customers and counterparty accounts (counterparty.ts); kept from the transactions stream are
// edges per customer × counterparty × month × direction, and per customer × counterparty the
// neighbour totals the neighbourhood read ranks by. The DynamoDB adapter is dynamo-graph.ts, the
// in-memory one memory.ts.
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
