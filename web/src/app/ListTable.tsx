// An endless list's table: small, the rows loaded so far, no pages of its own (LoadMore below it
// fetches the next page), a spinner while the first page loads.
import { Table, type TableProps } from 'antd';

export const ListTable = <T extends object>({
  list,
  ...props
}: { list: { items: T[]; isLoading: boolean } } & Omit<
  TableProps<T>,
  'dataSource' | 'loading' | 'pagination' | 'size'
>) => (
  <Table<T> size="small" dataSource={list.items} loading={list.isLoading} pagination={false} {...props} />
);
