// Allocations of the caller's subtree with one status, oldest asked first as the API pages them.
import { useCallback } from 'react';
import { Alert, Empty, Skeleton } from 'antd';
import { LoadMore } from '../app/LoadMore';
import { useT } from '../i18n/i18n';
import { useAllocations } from './hooks';
import { AllocationCard } from './AllocationCard';
import type { AllocationStatus } from './types';

export const AllocationList = ({
  status,
  nameOf,
}: {
  status: AllocationStatus;
  nameOf: (staffId: string) => string;
}) => {
  const t = useT();
  const list = useAllocations(status);
  const more = useCallback(() => void list.fetchNextPage(), [list]);
  if (list.error) return <Alert type="error" showIcon title={(list.error as Error).message} />;
  if (list.isLoading) return <Skeleton active />;
  if (list.items.length === 0)
    return (
      <Empty description={t(status === 'pending' ? 'allocations.queueEmpty' : 'allocations.doneEmpty')} />
    );
  return (
    <>
      <ul className="cards" aria-label={t(`allocations.status.${status}`)}>
        {list.items.map((a) => (
          <li key={a.allocationId}>
            <AllocationCard allocation={a} nameOf={nameOf} />
          </li>
        ))}
      </ul>
      <LoadMore
        hasMore={!!list.hasNextPage}
        loading={list.isFetchingNextPage}
        onMore={more}
        count={list.items.length}
      />
    </>
  );
};
