// The graph in memory, for the property tests: the same claim and combination as the DynamoDB adapter.
import { edgeIdentity, mergeEdge, mergeNeighbour } from './edges.js';
import type { Edge, GraphStore, Neighbour } from './ports.js';

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
