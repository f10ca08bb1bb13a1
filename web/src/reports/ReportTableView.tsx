// One table of a report: its chart and its figures, the unit's total as the last row. A line about a
// child unit drills down — its name is a button, and its bar in the chart is clickable.
import { useCallback, useMemo } from 'react';
import { Button, Table, Typography, type TableColumnsType } from 'antd';
import { LazyChart } from '../charts/LazyChart';
import type { ChartClick } from '../charts/Chart';
import { useT } from '../i18n/i18n';
import { chartHeight, chartOption } from './chart';
import { formatCell } from './cells';
import type { Line, ReportTable } from './model';

const PAGE = 20;

export const ReportTableView = ({
  table,
  onDrill,
}: {
  table: ReportTable;
  onDrill: (line: Line & { orgId: string }) => void;
}) => {
  const t = useT();
  const title = t(table.title);
  const drill = useCallback((line: Line) => line.orgId && onDrill({ ...line, orgId: line.orgId }), [onDrill]);
  const option = useMemo(() => chartOption(table, t), [table, t]);
  const onBar = useCallback(
    (item: ChartClick) => {
      const line = table.chart?.kind === 'stages' ? undefined : table.lines[item.dataIndex];
      if (line) drill(line);
    },
    [table, drill],
  );
  const columns: TableColumnsType<Line> = [
    {
      title: t(table.nameLabel),
      key: 'name',
      fixed: 'left',
      render: (_, line) =>
        line.orgId ? (
          <Button
            type="link"
            size="small"
            className="report-drill"
            aria-label={t('rep.drillTo', { name: line.name })}
            onClick={(e) => {
              e.stopPropagation();
              drill(line);
            }}
          >
            {line.name}
          </Button>
        ) : (
          line.name
        ),
    },
    ...table.columns.map((c) => ({
      title: t(c.label),
      key: c.key,
      align: 'right' as const,
      render: (_: unknown, line: Line) => (
        <span data-col={c.key}>{formatCell(c.kind, line.values[c.key], t)}</span>
      ),
    })),
  ];
  const empty = table.lines.length === 0;
  // a line through one point says nothing the table does not
  const drawn = option && !empty && !(table.chart?.kind === 'line' && table.lines.length < 2);
  return (
    <section className="report-table" data-testid={`table-${table.id}`}>
      <Typography.Title level={3} className="sub-title">
        {title}
      </Typography.Title>
      {drawn && (
        <LazyChart
          option={option}
          label={t('rep.chartOf', { title })}
          height={chartHeight(table)}
          onClick={onBar}
        />
      )}
      <Table<Line>
        size="small"
        rowKey="key"
        aria-label={title}
        columns={columns}
        dataSource={table.lines}
        scroll={{ x: 'max-content' }}
        pagination={table.lines.length > PAGE ? { pageSize: PAGE, showSizeChanger: false } : false}
        locale={{ emptyText: <span className="empty-text">{t('rep.empty')}</span> }}
        onRow={(line) => (line.orgId ? { onClick: () => drill(line), className: 'report-row-drill' } : {})}
        summary={
          table.total
            ? () => (
                <Table.Summary.Row data-row-key={`total-${table.total!.key}`} className="report-total">
                  <Table.Summary.Cell index={0}>{table.total!.name}</Table.Summary.Cell>
                  {table.columns.map((c, i) => (
                    <Table.Summary.Cell key={c.key} index={i + 1} align="right">
                      <span data-col={c.key}>{formatCell(c.kind, table.total!.values[c.key], t)}</span>
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              )
            : undefined
        }
      />
    </section>
  );
};
