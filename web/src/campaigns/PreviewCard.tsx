// 受众预览: how many match, how many would be sent (after consent, opt-outs and the cap), who would be
// suppressed and why, the expected cost, and a masked sample. The builder's live preview and what
// the checker approves read the same card.
import { Descriptions, List, Skeleton, Tag, Typography } from 'antd';
import { Panel } from '../app/Panel';
import { useT } from '../i18n/i18n';
import { formatFen } from '../money';
import { reasonLabel } from './labels';
import type { Preview } from './types';

export const PreviewCard = ({
  preview,
  loading,
  error,
  hint,
}: {
  preview: Preview | undefined;
  loading: boolean;
  error?: Error | null;
  hint?: string;
}) => {
  const t = useT();
  const suppressed = Object.entries(preview?.suppressed ?? {});
  return (
    <Panel
      title={t('cmp.preview')}
      testId="preview"
      extra={
        loading && preview ? (
          <Typography.Text type="secondary">{t('cmp.previewing')}</Typography.Text>
        ) : undefined
      }
    >
      {error ? (
        <Typography.Text type="danger">{error.message}</Typography.Text>
      ) : !preview ? (
        loading ? (
          <Skeleton active />
        ) : (
          <Typography.Text type="secondary">{hint}</Typography.Text>
        )
      ) : (
        <>
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('cmp.size')}>
              <strong data-testid="preview-size">{preview.size}</strong> {t('cmp.people')}
            </Descriptions.Item>
            <Descriptions.Item label={t('cmp.eligible')}>
              <strong data-testid="preview-eligible">{preview.eligible}</strong> {t('cmp.people')}
            </Descriptions.Item>
            <Descriptions.Item label={t('cmp.suppressed')}>
              {suppressed.length === 0
                ? t('cmp.noSuppression')
                : suppressed.map(([reason, n]) => (
                    <Tag key={reason}>
                      {reasonLabel(reason, t)} {n}
                    </Tag>
                  ))}
            </Descriptions.Item>
            <Descriptions.Item label={t('cmp.cost')}>
              <span data-testid="preview-cost">
                <strong>{formatFen(preview.estimatedCostFen)}</strong>
                <Typography.Text type="secondary" className="small">
                  {' '}
                  (
                  {t('cmp.costRule', {
                    eligible: preview.eligible,
                    parts: preview.templateParts,
                    price: formatFen(preview.pricePerPartFen),
                  })}
                  )
                </Typography.Text>
              </span>
            </Descriptions.Item>
          </Descriptions>
          {preview.sample.length > 0 && (
            <List
              size="small"
              header={<strong>{t('cmp.sampleTitle')}</strong>}
              dataSource={preview.sample}
              data-testid="preview-sample"
              renderItem={(row) => (
                <List.Item>
                  <div className="cmp-sample-row">
                    <span>
                      {row.name} {row.phone ?? ''}
                    </span>
                    <Typography.Text type="secondary" className="small">
                      {row.included}
                    </Typography.Text>
                  </div>
                </List.Item>
              )}
            />
          )}
        </>
      )}
    </Panel>
  );
};
