// The campaign funnel as a chart: audience → suppressed (stacked by reason) → sent → delivered →
// converted, one horizontal bar each. Pure: data in, ECharts option out.
import type { EChartsCoreOption } from 'echarts/core';
import { SUPPRESSION_REASONS } from '#shared/campaigns/compliance-gate.js';
import type { Funnel } from './types';

export const STAGES = ['audience', 'suppressed', 'sent', 'delivered', 'converted'] as const;
export type Stage = (typeof STAGES)[number];

/** Suppression reasons only (the funnel's `reasons` also counts why a send failed). */
export const suppressionReasons = (funnel: Funnel): [string, number][] =>
  Object.entries(funnel.reasons).filter(
    ([reason, n]) => n > 0 && (SUPPRESSION_REASONS as readonly string[]).includes(reason),
  );

export const funnelOption = (
  funnel: Funnel,
  labels: { stages: Record<Stage, string>; reasons: [string, number][] },
): EChartsCoreOption => {
  const at = (stage: Stage) => STAGES.map((s) => (s === stage ? funnel[stage] : null));
  const reasons = labels.reasons.length
    ? labels.reasons
    : [[labels.stages.suppressed, funnel.suppressed] as [string, number]];
  return {
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: STAGES.map((s) => labels.stages[s]) },
    series: [
      {
        name: labels.stages.audience,
        type: 'bar',
        stack: 'funnel',
        label: { show: true, position: 'right' },
        data: STAGES.map((s) => (s === 'suppressed' ? null : funnel[s])),
        color: '#1677ff',
      },
      ...reasons.map(([name, n]) => ({
        name,
        type: 'bar',
        stack: 'funnel',
        data: at('suppressed').map((v) => (v === null ? null : n)),
      })),
    ],
  };
};
