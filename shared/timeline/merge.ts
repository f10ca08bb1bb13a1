// Merging sources that each read newest first into one page, newest first, with one opaque cursor
// that remembers where each source stands. Pure: the sources are functions.
//
// Each page fetches at most `limit` items from every source still open, then takes the newest head
// until the page is full. A source whose fetched items are all taken but which has more blocks the
// page (its next item is unknown), so no item is ever skipped or given twice across pages.
import type { PageKey } from '#shared/http/pagination.js';

export interface SourcePage<T> {
  items: T[];
  /** where to continue after this page, when there may be more */
  next?: PageKey;
}

export interface TimelineSource<T> {
  name: string;
  fetch(limit: number, start?: PageKey): Promise<SourcePage<T>>;
  /** The ExclusiveStartKey that continues after this item. */
  keyOf(item: T): PageKey;
}

/** Per source: undefined or 'start' = from its start, a key = after it, 'done' = nothing more. */
export type MergeState = Record<string, PageKey | 'done' | 'start' | undefined>;

const DONE = '-';
const START = '+';

export const encodeState = (state: MergeState): PageKey | undefined => {
  const entries = Object.entries(state).filter(([, v]) => v !== undefined);
  if (entries.every(([, v]) => v === 'done')) return undefined;
  return Object.fromEntries(
    entries.map(([k, v]) => [k, v === 'done' ? DONE : v === 'start' ? START : JSON.stringify(v)]),
  );
};

export const decodeState = (key: PageKey | undefined): MergeState => {
  const state: MergeState = {};
  for (const [name, value] of Object.entries(key ?? {})) {
    if (value === DONE) state[name] = 'done';
    else if (value === START) state[name] = 'start';
    else if (typeof value === 'string') {
      try {
        const parsed: unknown = JSON.parse(value);
        if (parsed && typeof parsed === 'object') state[name] = parsed as PageKey;
      } catch {
        // a cursor we did not issue: start that source over rather than fail
      }
    }
  }
  return state;
};

export const mergePage = async <T>(
  sources: readonly TimelineSource<T>[],
  state: MergeState,
  limit: number,
  at: (item: T) => string,
): Promise<{ items: T[]; state: MergeState }> => {
  const open = sources.filter((s) => state[s.name] !== 'done');
  const startOf = (name: string) => {
    const at = state[name];
    return at === undefined || at === 'start' || at === 'done' ? undefined : at;
  };
  const pages = await Promise.all(open.map((s) => s.fetch(limit, startOf(s.name))));
  const buffers = open.map((source, i) => ({
    source,
    items: [...pages[i]!.items],
    more: !!pages[i]!.next,
    last: undefined as T | undefined,
  }));
  const items: T[] = [];
  while (items.length < limit) {
    if (buffers.some((b) => b.items.length === 0 && b.more)) break;
    let best: (typeof buffers)[number] | undefined;
    for (const b of buffers) {
      if (b.items.length === 0) continue;
      if (!best || at(b.items[0]!) > at(best.items[0]!)) best = b;
    }
    if (!best) break;
    const item = best.items.shift()!;
    best.last = item;
    items.push(item);
  }
  const next: MergeState = { ...state };
  for (const b of buffers) {
    if (b.items.length === 0 && !b.more) next[b.source.name] = 'done';
    else if (b.last !== undefined) next[b.source.name] = b.source.keyOf(b.last);
    else next[b.source.name] = state[b.source.name] ?? 'start'; // untouched: still to read
  }
  return { items, state: next };
};
