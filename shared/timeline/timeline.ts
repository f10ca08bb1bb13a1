// A customer's timeline (客户视图·时间线): every source merged newest first, a page at a time.
import type { RequestContext } from '#shared/request-context.js';
import type { CustomerStore } from '#shared/customers/ports.js';
import { getVisibleCustomer } from '#shared/customers/read.js';
import { encodeCursor, type Page, type PageKey } from '#shared/http/pagination.js';
import { decodeState, encodeState, mergePage, type TimelineSource } from './merge.js';
import type { TimelineEvent } from './sources.js';
import { maskPersonalData } from '#shared/validation/personal-data.js';

export const readTimeline = async (
  deps: { customers: CustomerStore; sources: (customerId: string) => TimelineSource<TimelineEvent>[] },
  ctx: Pick<RequestContext, 'caller'>,
  customerId: string,
  query: { limit: number; cursor?: PageKey },
): Promise<Page<Omit<TimelineEvent, 'key'>>> => {
  await getVisibleCustomer(deps.customers, ctx, customerId);
  const { items, state } = await mergePage(
    deps.sources(customerId),
    decodeState(query.cursor),
    query.limit,
    (e) => e.at,
  );
  const next = encodeState(state);
  return {
    // no raw phone, ID or account number outside a reveal: a transaction's accountId by its last four
    items: items.map(({ key: _key, ...event }) => ({ ...event, detail: maskPersonalData(event.detail) })),
    ...(next ? { nextCursor: encodeCursor(next) } : {}),
  };
};
