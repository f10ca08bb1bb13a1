// The graph in memory, for the property tests: the same claim, combination and payer sets as the
// DynamoDB adapters.
import { edgeIdentity, mergeEdge, mergeNeighbour } from './edges.js';
import type { Edge, FirstPayment, GraphStore, Neighbour, PayerSetStore } from './ports.js';
import { isEarlierPayment } from './payer-order.js';

export const memoryGraphStore = (): GraphStore => {
  const claims = new Set<string>();
  const edges = new Map<string, Map<string, Edge>>();
  const neighbours = new Map<string, Map<string, Neighbour>>();
  const of = <T>(map: Map<string, Map<string, T>>, customerId: string) => {
    let inner = map.get(customerId);
    if (!inner) map.set(customerId, (inner = new Map()));
    return inner;
  };
  return {
    async add({ transactionId, customerId, edge, neighbour }) {
      const claim = `${customerId}\n${transactionId}`;
      if (claims.has(claim)) return 'duplicate';
      claims.add(claim);
      const customerEdges = of(edges, customerId);
      customerEdges.set(edgeIdentity(edge), mergeEdge(customerEdges.get(edgeIdentity(edge)), edge));
      const customerNeighbours = of(neighbours, customerId);
      const id = neighbour.counterpartyId;
      customerNeighbours.set(id, mergeNeighbour(customerNeighbours.get(id), neighbour));
      return 'applied';
    },
    async topNeighbours(customerId, limit) {
      return [...of(neighbours, customerId).values()].sort((a, b) => b.totalFen - a.totalFen).slice(0, limit);
    },
    async edges(customerId) {
      return [...of(edges, customerId).values()];
    },
  };
};

export const memoryPayerSets = (): PayerSetStore => {
  const payers = new Map<string, Map<string, FirstPayment>>();
  const fired = new Set<string>();
  const of = (account: string) => {
    let inner = payers.get(account);
    if (!inner) payers.set(account, (inner = new Map()));
    return inner;
  };
  return {
    async recordPayer(account, payment) {
      const kept = of(account).get(payment.customerId);
      if (kept && !isEarlierPayment(payment, kept)) return kept;
      of(account).set(payment.customerId, payment);
      return payment;
    },
    async firstPayersPerDay(account, from, to) {
      const perDay = new Map<string, number>();
      for (const { businessDate } of of(account).values())
        if (from <= businessDate && businessDate <= to)
          perDay.set(businessDate, (perDay.get(businessDate) ?? 0) + 1);
      return perDay;
    },
    async payersBetween(account, from, to, limit) {
      return [...of(account).values()]
        .filter((p) => from <= p.businessDate && p.businessDate <= to)
        .sort(
          (a, b) => a.businessDate.localeCompare(b.businessDate) || a.customerId.localeCompare(b.customerId),
        )
        .slice(0, limit);
    },
    async firstSeen(account) {
      return [...of(account).values()].map((p) => p.businessDate).sort()[0];
    },
    async hasFired(account, start) {
      return fired.has(`${account}\n${start}`);
    },
    async markFired(account, start) {
      fired.add(`${account}\n${start}`);
    },
  };
};
