// 客户调配记录: a customer's transfers, looked up by their full customer number.
import { useState } from 'react';
import { Input, Typography } from 'antd';
import { useT } from '../i18n/i18n';
import { TransferHistory } from './TransferHistory';

export const HistoryLookup = () => {
  const t = useT();
  const [customerId, setCustomerId] = useState<string>();
  return (
    <>
      <Typography.Paragraph type="secondary">{t('allocations.historyHint')}</Typography.Paragraph>
      <Input.Search
        allowClear
        aria-label={t('allocations.customerId')}
        placeholder={t('allocations.customerId')}
        onSearch={(value) => setCustomerId(value.trim() || undefined)}
        className="alloc-form gap"
      />
      {customerId && <TransferHistory key={customerId} customerId={customerId} />}
    </>
  );
};
