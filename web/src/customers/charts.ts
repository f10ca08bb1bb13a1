// The customer page's chart options: 日均AUM over the last 12 months, and fund flows by counterparty
// bank. Pure: data in, ECharts option out (types only from echarts, so nothing heavy is imported).
import type { EChartsCoreOption } from 'echarts/core';
import { formatFen } from '../money';
import type { Aum, FundFlows } from './types';

const yuan = (fen: number) => fen / 100;
const tooltipYuan = (value: unknown) => `${formatFen(Math.round(Number(value) * 100))}`;
/** axis labels in 万元 (ten thousand yuan), as branch staff read balances */
const wan = (value: number) => (value / 10_000).toLocaleString('zh-CN', { maximumFractionDigits: 1 });

/** Closed months oldest first, then this month so far; at most 12 points. */
export const aumSeries = (aum: Aum) => {
  const months = [...aum.months].reverse().map((m) => ({ month: m.month, fen: m.avgAumFen }));
  months.push({ month: aum.monthToDate.month, fen: aum.monthToDate.avgAumFen });
  return months.slice(-12);
};

export const aumOption = (aum: Aum, labels: { avg: string; unit: string }): EChartsCoreOption => {
  const points = aumSeries(aum);
  return {
    grid: { left: 8, right: 8, top: 28, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: tooltipYuan },
    xAxis: { type: 'category', data: points.map((p) => p.month.slice(2)) },
    yAxis: { type: 'value', name: labels.unit, axisLabel: { formatter: wan } },
    series: [
      {
        name: labels.avg,
        type: 'line',
        smooth: true,
        areaStyle: { opacity: 0.15 },
        data: points.map((p) => yuan(p.fen)),
      },
    ],
  };
};

export const flowsOption = (
  flows: FundFlows,
  labels: { inflow: string; outflow: string; unit: string; noBank: string },
): EChartsCoreOption => {
  const banks = flows.byCounterpartyBank.slice(0, 10);
  return {
    // the unit under the axis, not at its end: on a phone the end is cut off at the card's edge
    grid: { left: 8, right: 16, top: 36, bottom: 28, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: tooltipYuan },
    xAxis: {
      type: 'value',
      name: labels.unit,
      nameLocation: 'middle',
      nameGap: 28,
      axisLabel: { formatter: wan },
    },
    yAxis: { type: 'category', data: banks.map((b) => b.counterpartyBank ?? labels.noBank), inverse: true },
    series: [
      { name: labels.inflow, type: 'bar', data: banks.map((b) => yuan(b.inflowFen)), color: '#52c41a' },
      { name: labels.outflow, type: 'bar', data: banks.map((b) => yuan(b.outflowFen)), color: '#fa541c' },
    ],
  };
};
