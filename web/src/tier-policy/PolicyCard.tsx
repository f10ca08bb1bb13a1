// 现行标准: the policy in force today — thresholds per tier, asset weights other than 1, the
// downgrade buffer — and its versions.
import { Card, Descriptions, Table, Typography } from 'antd';
import { useT } from '../i18n/i18n';
import { assetKey } from '../customers/labels';
import { tierKey } from '../i18n/labels';
import { formatFen } from '../money';
import { formatDate, formatDateTime } from '../time';
import type { Policy } from './types';

export const PolicyCard = ({ policy }: { policy: Policy }) => {
  const t = useT();
  const weighted = Object.entries(policy.weights).filter(([, w]) => w !== 1);
  return (
    <Card
      size="small"
      title={<h2 className="card-title">{t('tp.current')}</h2>}
      extra={t('tp.version', { version: policy.version })}
      data-testid="policy-current"
    >
      <Table
        size="small"
        pagination={false}
        rowKey="tier"
        dataSource={policy.tiers}
        columns={[
          { title: t('tp.tier'), key: 'tier', render: (_, row) => t(tierKey(row.tier)) },
          {
            title: t('tp.threshold'),
            key: 'threshold',
            align: 'right',
            render: (_, row) => formatFen(row.minAvgAumFen),
          },
        ]}
      />
      <Descriptions size="small" column={1} className="gap">
        <Descriptions.Item label={t('tp.effectiveFrom')}>
          {formatDate(policy.effectiveFrom)}
        </Descriptions.Item>
        <Descriptions.Item label={t('tp.buffer')}>
          {t('tp.bufferValue', { n: policy.downgradeAfterMonths })}
        </Descriptions.Item>
        <Descriptions.Item label={t('tp.weights')}>
          {weighted.map(([c, w]) => `${t(assetKey(c))} ${w}`).join('，') || '—'}
          <div className="small">{t('tp.weightsNote')}</div>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={3} className="sub-title">
        {t('tp.versions')}
      </Typography.Title>
      <ul className="tp-versions">
        {(policy.versions ?? []).map((v) => (
          <li key={v.version}>
            {t('tp.version', { version: v.version })} · {formatDate(v.effectiveFrom)} ·{' '}
            <span className="small">
              {t('tp.createdBy', { by: v.createdBy, at: formatDateTime(v.createdAt) })}
              {v.note ? ` · ${v.note}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
};
