// Cursor paging for lists (`?limit=&cursor=` → `{ items, nextCursor? }`): every page loaded so far,
// flattened, and the next page on demand. A filtered page can come back short or empty with a cursor
// (DynamoDB filters after the limit); `fill` keeps fetching until it has that many rows or no cursor.
import { useEffect, useMemo } from 'react';
import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query';
import { api, type Query } from './client';

interface CursorPage<T> {
  items: T[];
  nextCursor?: string;
}

export const usePagedList = <T, P extends CursorPage<T> = CursorPage<T>>(options: {
  key: QueryKey;
  path: string;
  query?: Query;
  limit?: number;
  /** keep loading until at least this many rows are loaded (or the list ends) */
  fill?: number;
  enabled?: boolean;
  refetchInterval?: number;
}) => {
  const { key, path, query, limit = 50, fill = 0, enabled = true, refetchInterval } = options;
  const result = useInfiniteQuery({
    queryKey: [...key, query],
    queryFn: ({ pageParam }) => api.get<P>(path, { ...query, limit, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
    refetchInterval,
  });
  const items = useMemo(() => result.data?.pages.flatMap((p) => p.items) ?? [], [result.data]);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = result;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && items.length < fill) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage, items.length, fill]);
  return { ...result, items, firstPage: result.data?.pages[0] };
};
