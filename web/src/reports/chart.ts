// A report table's chart: bars per line (grouped or stacked), a line over the lines, or the total's
// stages as a funnel of bars. Money is drawn in yuan on a 万元 axis. Pure: table in, ECharts option out
// (types only from echarts, so nothing heavy is imported).
import type { EChartsCoreOption } from 'echarts/core';
import { formatFen } from '../money';
import type { Translate } from '../i18n/i18n';
import type { CellKind, Column, Line, ReportTable } from './model';

const chartValue = (kind: CellKind, value: number | null | undefined): number =>
  value == null ? 0 : kind === 'fen' ? value / 100 : kind === 'ratio' ? value * 100 : value;

const axis = (kind: CellKind, t: Translate) =>
  kind === 'fen'
    ? {
        name: t('rep.unitWan'),
        axisLabel: {
          formatter: (v: number) => (v / 10_000).toLocaleString('zh-CN', { maximumFractionDigits: 1 }),
        },
        tooltip: (v: unknown) => formatFen(Math.round(Number(v) * 100)),
      }
    : { name: '', axisLabel: {}, tooltip: (v: unknown) => Number(v).toLocaleString('zh-CN') };

/**
 * Axis labels without the prefix every line shares: child units are named after their parent
 * (北京分行海淀支行五道口网点, …中关村网点), and a truncated label would show only the shared part.
 */
export const shortNames = (names: readonly string[]): string[] => {
  if (names.length < 2) return [...names];
  let shared = names[0]!;
  for (const name of names) while (!name.startsWith(shared)) shared = shared.slice(0, -1);
  return names.map((name) => name.slice(shared.length) || name);
};

/** Tall enough for one band per line on horizontal bars. */
export const chartHeight = (table: ReportTable): number =>
  table.chart?.kind === 'line'
    ? 260
    : Math.max(
        180,
        60 + (table.chart?.kind === 'stages' ? table.chart.columns.length : table.lines.length) * 32,
      );

export const chartOption = (table: ReportTable, t: Translate): EChartsCoreOption | undefined => {
  const chart = table.chart;
  if (!chart) return undefined;
  const columns = chart.columns
    .map((key) => table.columns.find((c) => c.key === key))
    .filter((c): c is Column => c !== undefined);
  const kind = columns[0]?.kind ?? 'count';
  const a = axis(kind, t);
  const grid = { left: 8, right: 24, top: 32, bottom: 28, containLabel: true };
  const valueAxis = {
    type: 'value',
    name: a.name,
    nameLocation: 'middle',
    nameGap: 24,
    axisLabel: a.axisLabel,
  };
  const tooltip = { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: a.tooltip };
  if (chart.kind === 'stages') {
    const total: Line | undefined = table.total;
    return {
      grid: { ...grid, top: 8 },
      tooltip,
      xAxis: valueAxis,
      yAxis: { type: 'category', inverse: true, data: columns.map((c) => t(c.label)) },
      series: [{ type: 'bar', data: columns.map((c) => chartValue(c.kind, total?.values[c.key])) }],
    };
  }
  const names = table.lines.map((l) => l.name);
  const series = columns.map((c) => ({
    name: t(c.label),
    type: chart.kind === 'line' ? 'line' : 'bar',
    ...(chart.kind === 'stack' ? { stack: 'total' } : {}),
    data: table.lines.map((l) => chartValue(c.kind, l.values[c.key])),
  }));
  if (chart.kind === 'line')
    return {
      grid,
      legend: { top: 0 },
      tooltip: { ...tooltip, axisPointer: { type: 'line' } },
      xAxis: { type: 'category', data: names },
      yAxis: { ...valueAxis, nameLocation: 'end', nameGap: 8 },
      series,
    };
  return {
    grid,
    legend: { top: 0, type: 'scroll' },
    tooltip,
    xAxis: valueAxis,
    yAxis: {
      type: 'category',
      inverse: true,
      data: shortNames(names),
      axisLabel: { width: 112, overflow: 'truncate' },
    },
    series,
  };
};
