// A library screen's frame: its title, the admin's 新增 button, the filters' card (a text search
// first, then the screen's own filters), what the API refused, the list itself, the endless list's
// next page, and the admin's form when one is open.
import { useCallback, type ReactNode } from 'react';
import { Alert, Button, Card, Input, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { LoadMore } from '../app/LoadMore';

export interface LibraryList {
  error: unknown;
  items: readonly unknown[];
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

export const LibraryPage = ({
  title,
  newLabel,
  onNew,
  note,
  search,
  filters,
  list,
  form,
  children,
}: {
  title: string;
  newLabel: string;
  /** absent: the caller may not write */
  onNew?: () => void;
  note?: ReactNode;
  search: { label: string; placeholder: string; onSearch: (q: string | undefined) => void };
  filters: ReactNode;
  list: LibraryList;
  /** the admin's form, when open */
  form?: ReactNode;
  children: ReactNode;
}) => {
  const more = useCallback(() => void list.fetchNextPage(), [list]);
  return (
    <>
      <div className="lib-head">
        <Typography.Title level={1} className="page-title">
          {title}
        </Typography.Title>
        {onNew && (
          <Button type="primary" icon={<PlusOutlined />} onClick={onNew}>
            {newLabel}
          </Button>
        )}
      </div>
      <Card size="small" className="gap">
        <div className="filters" role="search">
          <Input.Search
            allowClear
            aria-label={search.label}
            placeholder={search.placeholder}
            onSearch={(value) => search.onSearch(value.trim() || undefined)}
            className="filter-search"
          />
          {filters}
        </div>
        {note}
      </Card>
      {list.error ? <Alert type="error" showIcon title={String((list.error as Error).message)} /> : null}
      {children}
      <LoadMore
        hasMore={!!list.hasNextPage}
        loading={list.isFetchingNextPage}
        onMore={more}
        count={list.items.length}
      />
      {form}
    </>
  );
};
