// One allocation as the checker sees it: who asked, what moves from whom to whom (customers, tiers,
// AUM, open alerts as recorded when it was asked), why; then the decision or its outcome.
import { Card, Descriptions, Tag } from 'antd';
import { useT } from '../i18n/i18n';
import { Link } from '../app/Link';
import { formatFen } from '../money';
import { formatDateTime } from '../time';
import type { MessageKey } from '../i18n/zh-CN';
import { TierMix } from './TierMix';
import { Decision } from './Decision';
import type { Allocation } from './types';

/** customers listed by id; more than this and the rest is a count */
const SHOWN = 12;

export const AllocationCard = ({
  allocation: a,
  nameOf,
}: {
  allocation: Allocation;
  nameOf: (staffId: string) => string;
}) => {
  const t = useT();
  const froms = Object.entries(a.preview.byFromManager);
  return (
    <Card
      size="small"
      data-testid={`allocation-${a.allocationId}`}
      title={
        <h2 className="panel-title">
          {t('allocations.cardTitle', { by: nameOf(a.requestedBy), n: a.preview.customers })}
        </h2>
      }
      extra={<Tag>{t(`allocations.status.${a.status}` as MessageKey)}</Tag>}
    >
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
        <Descriptions.Item label={t('allocations.from')}>
          {froms.map(([id, n]) => `${nameOf(id)} ×${n}`).join('、')}
        </Descriptions.Item>
        <Descriptions.Item label={t('alloc.to')}>{nameOf(a.toManagerId)}</Descriptions.Item>
        <Descriptions.Item label={t('allocations.requestedAt')}>
          {formatDateTime(a.requestedAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('allocations.aum')}>
          {formatFen(a.preview.aumFen)}
          <span className="small">（{t('allocations.aumKnown', { n: a.preview.customersWithAum })}）</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('allocations.openAlerts')}>
          {a.preview.openAlerts ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('allocations.tierMix')}>
          <TierMix byTier={a.preview.byTier} />
        </Descriptions.Item>
        <Descriptions.Item label={t('alloc.reason')} span="filled">
          {a.reason}
        </Descriptions.Item>
        <Descriptions.Item label={t('allocations.customerList')} span="filled">
          <span className="alloc-customers">
            {a.items.slice(0, SHOWN).map((item) => (
              <Link key={item.customerId} to={`/customers/${encodeURIComponent(item.customerId)}`}>
                {item.customerId}
              </Link>
            ))}
            {a.items.length > SHOWN && <span>{t('allocations.more', { n: a.items.length - SHOWN })}</span>}
          </span>
        </Descriptions.Item>
        {a.decidedBy && (
          <Descriptions.Item label={t('allocations.decidedBy')}>{nameOf(a.decidedBy)}</Descriptions.Item>
        )}
        {a.decidedAt && (
          <Descriptions.Item label={t('allocations.decidedAt')}>
            {formatDateTime(a.decidedAt)}
          </Descriptions.Item>
        )}
        {a.note && (
          <Descriptions.Item label={t('allocations.note')} span="filled">
            {a.note}
          </Descriptions.Item>
        )}
        {a.moved && (
          <Descriptions.Item label={t('allocations.outcome')}>
            {t('allocations.movedSkipped', { moved: a.moved.length, skipped: a.skipped?.length ?? 0 })}
          </Descriptions.Item>
        )}
      </Descriptions>
      {a.status === 'pending' && <Decision allocation={a} toName={nameOf(a.toManagerId)} />}
    </Card>
  );
};
