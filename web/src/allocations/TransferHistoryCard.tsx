// The customer page's 调配记录 card, for the roles that read a customer's history (not marketing).
import { Card } from 'antd';
import { useAuth } from '../auth/AuthProvider';
import { useT } from '../i18n/i18n';
// the roles GET /v1/customers/{id}/allocations admits (a pure constant: nothing else of the server)
import { RELATIONSHIP_READERS } from '#shared/auth/roles.js';
import { TransferHistory } from './TransferHistory';

export const TransferHistoryCard = ({ customerId }: { customerId: string }) => {
  const t = useT();
  const { me } = useAuth();
  if (!me || !RELATIONSHIP_READERS.includes(me.role)) return null;
  return (
    <Card size="small" title={<h2 className="card-title">{t('allocations.history')}</h2>}>
      <TransferHistory customerId={customerId} />
    </Card>
  );
};
