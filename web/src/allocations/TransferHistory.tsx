// A customer's transfers between RMs, newest first: from whom to whom, when, who asked and who approved,
// and why. On the allocation screen (looked up by customer number) and on the customer page.
import { useCallback } from 'react';
import { Skeleton, Typography } from 'antd';
import { LoadError } from '../app/LoadError';
import { LoadMore } from '../app/LoadMore';
import { Row, Rows } from '../app/Panel';
import { useT } from '../i18n/i18n';
import { formatDateTime } from '../time';
import { useTransfers } from './hooks';
import { useStaffDirectory } from './staff';

export const TransferHistory = ({ customerId }: { customerId: string }) => {
  const t = useT();
  const { nameOf } = useStaffDirectory();
  const transfers = useTransfers(customerId);
  const more = useCallback(() => void transfers.fetchNextPage(), [transfers]);
  if (transfers.error)
    return <LoadError error={transfers.error as Error} notFound={t('allocations.notFound')} />;
  if (transfers.isLoading) return <Skeleton active paragraph={{ rows: 2 }} title={false} />;
  if (transfers.items.length === 0)
    return <Typography.Text type="secondary">{t('allocations.historyEmpty')}</Typography.Text>;
  return (
    <>
      <Rows label={t('allocations.history')}>
        {transfers.items.map((e) => (
          <Row
            key={e.entryId}
            main={t('allocations.historyLine', { from: nameOf(e.fromManagerId), to: nameOf(e.toManagerId) })}
            side={formatDateTime(e.at)}
            sub={t('allocations.historySub', {
              by: nameOf(e.requestedBy),
              approver: nameOf(e.approvedBy),
              reason: e.reason,
            })}
          />
        ))}
      </Rows>
      {transfers.hasNextPage && (
        <LoadMore
          hasMore
          loading={transfers.isFetchingNextPage}
          onMore={more}
          count={transfers.items.length}
        />
      )}
    </>
  );
};
