// 客户调配 (allocation), for branch managers and admins: the queue of requests awaiting approval (approve,
// or reject with a reason — never one's own request nor one that gives oneself the customers), a
// leaving RM's whole book handed over with its preview first, the decided requests, and a customer's
// transfer history. Moving chosen customers starts from the customer list's selection.
import './allocations.css';
import '../app/pages.css';
import { useState } from 'react';
import { Button, Select, Tabs, Typography } from 'antd';
import { useT } from '../i18n/i18n';
import { navigate } from '../app/router';
import { AllocationList } from './AllocationList';
import { BookForm } from './BookForm';
import { HistoryLookup } from './HistoryLookup';
import { useStaffDirectory } from './staff';

const DECIDED = ['approved', 'rejected'] as const;

const AllocationsScreen = () => {
  const t = useT();
  const { nameOf } = useStaffDirectory();
  const [decided, setDecided] = useState<(typeof DECIDED)[number]>('approved');
  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t('allocations.title')}
      </Typography.Title>
      <div className="bulk-bar">
        <Typography.Text type="secondary">{t('allocations.pickHint')}</Typography.Text>
        <Button onClick={() => navigate('/customers')}>{t('allocations.toCustomers')}</Button>
      </div>
      <Tabs
        destroyOnHidden
        items={[
          {
            key: 'queue',
            label: t('allocations.tabQueue'),
            children: <AllocationList status="pending" nameOf={nameOf} />,
          },
          { key: 'book', label: t('allocations.tabBook'), children: <BookForm /> },
          {
            key: 'decided',
            label: t('allocations.tabDone'),
            children: (
              <>
                <Select
                  aria-label={t('allocations.status')}
                  value={decided}
                  onChange={setDecided}
                  className="filter-select gap"
                  options={DECIDED.map((s) => ({ value: s, label: t(`allocations.status.${s}`) }))}
                />
                <AllocationList key={decided} status={decided} nameOf={nameOf} />
              </>
            ),
          },
          { key: 'history', label: t('allocations.tabHistory'), children: <HistoryLookup /> },
        ]}
      />
    </>
  );
};
export default AllocationsScreen;
