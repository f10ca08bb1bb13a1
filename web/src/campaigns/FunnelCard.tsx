// 营销漏斗: the chart, and the same figures as text beside it (the chart is an image to a screen
// reader): audience, suppressed by reason, sent, delivered, converted; queued and failed as well.
import { useMemo } from 'react';
import { Descriptions, Tag, Typography } from 'antd';
import { LazyChart } from '../charts/LazyChart';
import { Panel } from '../app/Panel';
import { useT } from '../i18n/i18n';
import { funnelOption, STAGES, suppressionReasons, type Stage } from './funnel';
import { reasonLabel } from './labels';
import type { Funnel } from './types';

export const FunnelCard = ({ funnel }: { funnel: Funnel | undefined }) => {
  const t = useT();
  const stages = useMemo(
    () => Object.fromEntries(STAGES.map((s) => [s, t(`cmp.stage.${s}`)])) as Record<Stage, string>,
    [t],
  );
  const reasons = useMemo(
    () =>
      funnel ? suppressionReasons(funnel).map(([r, n]) => [reasonLabel(r, t), n] as [string, number]) : [],
    [funnel, t],
  );
  const option = useMemo(
    () => (funnel ? funnelOption(funnel, { stages, reasons }) : undefined),
    [funnel, stages, reasons],
  );
  const failures = Object.entries(funnel?.reasons ?? {}).filter(
    ([r]) => !suppressionReasons(funnel!).some(([s]) => s === r),
  );
  return (
    <Panel title={t('cmp.funnel')} testId="funnel">
      {!funnel || funnel.audience === 0 ? (
        <Typography.Text type="secondary">{t('cmp.funnelEmpty')}</Typography.Text>
      ) : (
        option && (
          <>
            <LazyChart
              option={option}
              height={240}
              label={t('cmp.funnelChart', {
                audience: funnel.audience,
                suppressed: funnel.suppressed,
                sent: funnel.sent,
                delivered: funnel.delivered,
                converted: funnel.converted,
              })}
            />
            <Descriptions size="small" column={{ xs: 2, sm: 3, lg: 4 }} className="cmp-funnel-figures">
              {(
                ['audience', 'queued', 'suppressed', 'sent', 'delivered', 'failed', 'converted'] as const
              ).map((s) => (
                <Descriptions.Item key={s} label={t(`cmp.stage.${s}`)}>
                  <span data-testid={`funnel-${s}`}>{funnel[s]}</span>
                </Descriptions.Item>
              ))}
            </Descriptions>
            {reasons.length + failures.length > 0 && (
              <div className="cmp-reasons">
                <span className="small">{t('cmp.byReason')}：</span>
                {[...reasons, ...failures.map(([r, n]) => [reasonLabel(r, t), n] as [string, number])].map(
                  ([label, n]) => (
                    <Tag key={label}>
                      {label} {n}
                    </Tag>
                  ),
                )}
              </div>
            )}
          </>
        )
      )}
    </Panel>
  );
};
