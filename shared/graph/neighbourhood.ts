// A customer's neighbourhood: in the caller's scope (else 404, as the customer itself), the largest
// counterparties from the kept neighbour totals — one read of the byAmount index, never the transactions.
import type { RequestContext } from '#shared/request-context.js';
import type { CustomerStore } from '#shared/customers/ports.js';
import { getVisibleCustomer } from '#shared/customers/read.js';
import { maskPersonalData } from '#shared/validation/personal-data.js';
import { NEIGHBOURHOOD_SIZE } from './api.js';
import type { GraphStore } from './ports.js';

export const customerNeighbourhood = async (
  deps: { customers: CustomerStore; graph: Pick<GraphStore, 'topNeighbours'> },
  ctx: Pick<RequestContext, 'caller'>,
  customerId: string,
) => {
  await getVisibleCustomer(deps.customers, ctx, customerId);
  const neighbours = await deps.graph.topNeighbours(customerId, NEIGHBOURHOOD_SIZE);
  const counterparties = neighbours.map(({ customerId: _owner, ...counterparty }) => counterparty);
  // the kept fields are masked already; a number that slipped into a bank name is masked too
  return maskPersonalData({ customerId, counterparties });
};
