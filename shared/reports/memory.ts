// The report counters in memory, with the DynamoDB adapter's conditions: a claim counts once, a
// counter is an ADD, the moves come back newest first. For unit tests of the counting use cases.
import { aggregateId, movesOfMonth, rmScope } from './counters.js';
import type { ReportAggregateStore, TierMoveItem } from './ports.js';

export interface MemoryReportAggregates extends ReportAggregateStore {
  /** Every item by `scope|key`, claims excluded. */
  readonly items: ReadonlyMap<string, Record<string, unknown>>;
}

export const memoryReportAggregates = (): MemoryReportAggregates => {
  const items = new Map<string, Record<string, unknown>>();
  const claims = new Set<string>();
  /** The move as put, without its key (what the DynamoDB adapter reads back). */
  const moveOf = ({ scope: _scope, key: _key, ...move }: Record<string, unknown>) =>
    move as unknown as TierMoveItem;
  return {
    items,
    async apply(claim, updates, puts = []) {
      if (claims.has(claim)) return 'duplicate';
      claims.add(claim);
      for (const { scope, key, counters } of updates) {
        const id = aggregateId({ scope, key });
        const item: Record<string, unknown> = { scope, key, ...items.get(id) };
        for (const [field, value] of Object.entries(counters)) item[field] = Number(item[field] ?? 0) + value;
        items.set(id, item);
      }
      for (const put of puts) items.set(aggregateId({ scope: String(put.scope), key: String(put.key) }), put);
      return 'applied';
    },
    async get(keys) {
      const found = new Map<string, Record<string, unknown>>();
      for (const key of keys) {
        const item = items.get(aggregateId(key));
        if (item) found.set(aggregateId(key), item);
      }
      return found;
    },
    async moves(managerId, month, limit) {
      const prefix = aggregateId({ scope: rmScope(managerId), key: movesOfMonth(month) });
      return [...items.keys()]
        .filter((id) => id.startsWith(prefix))
        .sort()
        .reverse()
        .slice(0, limit)
        .map((id) => moveOf(items.get(id)!));
    },
  };
};
