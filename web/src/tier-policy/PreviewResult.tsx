// 试算结果: how many customers the next month close would move up and down under the draft, by
// branch, next to what it does under the policy in force — the API's figures as they are.
import type { HTMLAttributes } from 'react';
import { Alert, Table, Typography } from 'antd';
import { useT } from '../i18n/i18n';
import type { Preview } from './types';

type Branch = Preview['branches'][number];

const Count = ({ n, now, testId }: { n: number; now: number; testId: string }) => {
  const t = useT();
  return (
    <>
      <strong data-testid={testId}>{n}</strong>
      {now !== n && <div className="small">{t('tp.nowCount', { n: now })}</div>}
    </>
  );
};

export const PreviewResult = ({
  preview,
  effectiveFrom,
  stale = false,
}: {
  preview: Preview;
  /** the draft's */
  effectiveFrom: string;
  stale?: boolean;
}) => {
  const t = useT();
  return (
    <section aria-label={t('tp.whatIf')} data-testid="preview" className="gap">
      <Typography.Title level={3} className="sub-title">
        {t('tp.whatIf')}
      </Typography.Title>
      {stale && <Alert type="warning" showIcon title={t('tp.previewStale')} className="gap" />}
      <p className="tp-headline" data-testid="preview-headline">
        {t('tp.headline', { month: preview.month, up: preview.draft.up, down: preview.draft.down })}
      </p>
      <p className="small">{t('tp.currentLine', preview.current)}</p>
      {!preview.complete && <p className="small">{t('tp.notComplete', { month: preview.month })}</p>}
      {!preview.draftApplies && (
        <Alert
          type="info"
          showIcon
          className="gap"
          title={t('tp.notApplies', { date: effectiveFrom, month: preview.month })}
        />
      )}
      <Table<Branch>
        size="small"
        pagination={false}
        rowKey="orgId"
        dataSource={preview.branches}
        onRow={(row) => ({ 'data-testid': `preview-branch-${row.orgId}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('tp.branch'), dataIndex: 'name', key: 'name' },
          { title: t('tp.customers'), dataIndex: 'customers', key: 'customers', align: 'right' },
          {
            title: t('tp.up'),
            key: 'up',
            align: 'right',
            render: (_, row) => <Count n={row.draft.up} now={row.current.up} testId="up" />,
          },
          {
            title: t('tp.down'),
            key: 'down',
            align: 'right',
            render: (_, row) => <Count n={row.draft.down} now={row.current.down} testId="down" />,
          },
        ]}
      />
      <p className="small gap">
        {t('tp.readIn', {
          n: preview.customers,
          seconds: (preview.durationMs / 1000).toFixed(1),
          asOf: preview.asOf,
        })}
      </p>
    </section>
  );
};
