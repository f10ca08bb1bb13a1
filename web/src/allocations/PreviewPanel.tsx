// 调配预览: what the request would move from each current RM to the receiving RM — customers, tier mix,
// AUM and open alerts — as the API computed it (the request's own checks included), and the total.
import { Alert, Descriptions, Skeleton, Typography } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import { useT } from '../i18n/i18n';
import { formatFen } from '../money';
import { TierMix } from './TierMix';
import type { AllocationPreview, Moving } from './types';

const Figures = ({ moving }: { moving: Moving }) => {
  const t = useT();
  return (
    <Descriptions size="small" column={{ xs: 1, sm: 2 }} className="alloc-figures">
      <Descriptions.Item label={t('allocations.customerCount')}>
        {t('common.count', { n: moving.customers })}
      </Descriptions.Item>
      <Descriptions.Item label={t('allocations.openAlerts')}>{moving.openAlerts}</Descriptions.Item>
      <Descriptions.Item label={t('allocations.aum')}>
        {formatFen(moving.aumFen)}
        <span className="small">（{t('allocations.aumKnown', { n: moving.customersWithAum })}）</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('allocations.tierMix')}>
        <TierMix byTier={moving.byTier} />
      </Descriptions.Item>
    </Descriptions>
  );
};

export const PreviewPanel = ({
  preview,
  loading,
  error,
  nameOf,
}: {
  preview: AllocationPreview | undefined;
  loading: boolean;
  error: Error | null;
  nameOf: (staffId: string) => string;
}) => {
  const t = useT();
  return (
    <section className="alloc-preview" aria-label={t('allocations.preview')} aria-busy={loading}>
      <h2 className="card-title">{t('allocations.preview')}</h2>
      {error ? (
        <Alert type="error" showIcon title={t('allocations.previewFailed', { reason: error.message })} />
      ) : !preview ? (
        loading ? (
          <Skeleton active paragraph={{ rows: 2 }} title={false} />
        ) : (
          <Typography.Text type="secondary">{t('allocations.previewHint')}</Typography.Text>
        )
      ) : (
        <ul className="alloc-flows">
          {preview.flows.map((flow) => (
            <li
              key={flow.fromManagerId}
              className="alloc-flow"
              data-testid={`flow-${flow.fromManagerId}`}
              aria-label={t('allocations.flowLabel', {
                from: nameOf(flow.fromManagerId),
                to: nameOf(flow.toManagerId),
              })}
            >
              <div className="alloc-flow-head">
                <span>{nameOf(flow.fromManagerId)}</span>
                <ArrowRightOutlined aria-hidden />
                <span>{nameOf(flow.toManagerId)}</span>
              </div>
              <Figures moving={flow} />
            </li>
          ))}
          {preview.flows.length > 1 && (
            <li className="alloc-flow" data-testid="flow-total" aria-label={t('allocations.total')}>
              <div className="alloc-flow-head">{t('allocations.total')}</div>
              <Figures moving={preview.total} />
            </li>
          )}
        </ul>
      )}
    </section>
  );
};
