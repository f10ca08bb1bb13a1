// Tables and functions of the relationship graph (merged into the system declaration by index.ts).
// Its writer is a consumer in the transactions stream's monitoring reader (infra/declaration/monitoring.ts).
import type { FunctionDeclaration, TableDeclaration } from './types.js';
import { api } from './functions.js';
import { getCustomerGraph } from '#shared/graph/api.js';

const S = 'S' as const;

export const graphTables: TableDeclaration[] = [
  // A partition per node (C#<customer>, A<counterparty>): claim markers, edges per month and
  // direction, neighbour totals (sparse index byAmount: a customer's top counterparties), payer sets.
  {
    id: 'relationship-graph',
    partitionKey: { name: 'nodeId', type: S },
    sortKey: { name: 'key', type: S },
    globalIndexes: [
      {
        name: 'byAmount',
        partitionKey: { name: 'ownerId', type: S },
        sortKey: { name: 'totalFen', type: 'N' },
      },
    ],
    timeToLiveAttribute: 'expiresAt',
  },
];

export const graphFunctions: FunctionDeclaration[] = [
  // a customer's top counterparties: the customer (for scope) and one index read
  api('graph-neighbourhood', 'functions/graph/neighbourhood.ts', [getCustomerGraph], {
    customers: 'read',
    'relationship-graph': 'read',
  }),
];
