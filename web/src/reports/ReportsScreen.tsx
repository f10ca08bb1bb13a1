// 报表: every management report the API has, one view for all — choose a report and a period; each of
// its tables is a chart and the figures; click a child unit (its name or its bar) to drill down, the
// breadcrumbs come back up; 下载 CSV saves the server's CSV of what is on screen.
import '../app/pages.css';
import './reports.css';
import { useCallback, useMemo, useState } from 'react';
import { Alert, Breadcrumb, Button, Card, Select, Skeleton, Typography } from 'antd';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useT } from '../i18n/i18n';
import { useAuth } from '../auth/AuthProvider';
import { useMyUnit } from '../app/useMyUnit';
import { navigate } from '../app/router';
import type { MessageKey } from '../i18n/i18n';
import { REPORTS, reportNote } from './specs';
import { useChildNames, useDownloadCsv, useReport } from './hooks';
import { isMonth, monthSpan, thisMonth } from './period';
import { PeriodSelect } from './PeriodSelect';
import { ReportTableView } from './ReportTableView';
import type { ReportId, ReportSpec } from './model';

/** `/reports?report=aum-change` opens that report (a link to it, and a reload, keep it). */
const reportInUrl = (): ReportId =>
  REPORTS.find((r) => r.id === new URLSearchParams(location.search).get('report'))?.id ?? 'tier-distribution';

interface Crumb {
  orgId: string;
  name: string;
}

/** The report's tables for a unit and period, with the children's names when the report lacks them. */
const ReportBody = ({
  spec,
  orgId,
  period,
  onDrill,
}: {
  spec: ReportSpec;
  orgId: string;
  period: string;
  onDrill: (crumb: Crumb) => void;
}) => {
  const t = useT();
  const report = useReport(spec, orgId, period);
  const children = useChildNames(orgId, spec.needsChildren === true);
  const tables = useMemo(
    () =>
      report.data && (!spec.needsChildren || children.data)
        ? spec.tables(report.data, { t, children: children.data ?? new Map() })
        : undefined,
    [report.data, children.data, spec, t],
  );
  const failed = report.error ?? children.error;
  if (failed) return <Alert type="error" showIcon title={t('rep.loadFailed', { message: failed.message })} />;
  if (!tables) return <Skeleton active />;
  const note = reportNote(report.data, t);
  return (
    <div data-testid={`report-${spec.id}`}>
      {note && <Typography.Paragraph type="secondary">{note}</Typography.Paragraph>}
      {tables.map((table) => (
        <ReportTableView key={table.id} table={table} onDrill={onDrill} />
      ))}
    </div>
  );
};

const ReportsScreen = () => {
  const t = useT();
  const { me } = useAuth();
  const unit = useMyUnit();
  const [reportId, setReport] = useState<ReportId>(reportInUrl);
  const setReportId = (id: ReportId) => {
    setReport(id);
    navigate(`/reports?report=${id}`, { replace: true });
  };
  const [chosen, setPeriod] = useState(thisMonth());
  const [trail, setTrail] = useState<Crumb[]>([]);
  const download = useDownloadCsv();
  const queries = useQueryClient();
  const spec = REPORTS.find((r) => r.id === reportId)!;
  // a report of one month shows the last month of a chosen quarter or year
  const period = spec.take === 'month' && !isMonth(chosen) ? monthSpan(chosen).to : chosen;
  const root: Crumb | undefined = me ? { orgId: me.orgId, name: unit.data?.name ?? me.orgId } : undefined;
  const crumbs = root ? [root, ...trail] : [];
  const here = crumbs.at(-1);
  const drill = useCallback(
    (crumb: Crumb) => setTrail((now) => (now.some((c) => c.orgId === crumb.orgId) ? now : [...now, crumb])),
    [],
  );

  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t('rep.title')}
      </Typography.Title>
      <Card size="small">
        <div className="filters report-toolbar">
          <Select<ReportId>
            aria-label={t('rep.report')}
            className="report-select"
            value={reportId}
            onChange={setReportId}
            options={REPORTS.map((r) => ({ value: r.id, label: t(`rep.${r.id}` as MessageKey) }))}
          />
          <PeriodSelect take={spec.take} value={period} onChange={setPeriod} />
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void queries.invalidateQueries({ queryKey: ['report'] })}
          >
            {t('common.refresh')}
          </Button>
          <Button
            icon={<DownloadOutlined />}
            loading={download.isPending}
            disabled={!here}
            onClick={() => here && download.mutate({ spec, orgId: here.orgId, period })}
          >
            {t('rep.download')}
          </Button>
        </div>
        {download.error && (
          <Alert
            type="error"
            showIcon
            className="report-alert"
            title={t('rep.downloadFailed', { message: download.error.message })}
          />
        )}
        <nav aria-label={t('rep.trail')} className="report-trail">
          <Breadcrumb
            items={crumbs.map((c, i) =>
              i === crumbs.length - 1
                ? { title: <span aria-current="page">{c.name}</span> }
                : {
                    title: (
                      <a
                        href="#"
                        onClick={(e) => {
                          e.preventDefault();
                          setTrail((now) => now.slice(0, i));
                        }}
                      >
                        {c.name}
                      </a>
                    ),
                  },
            )}
          />
          <Typography.Text type="secondary" className="small">
            {t('rep.drillHint')}
          </Typography.Text>
        </nav>
        <h2 className="card-title report-name">
          {t(`rep.${spec.id}` as MessageKey)} · {here?.name} ·{' '}
          {spec.take === 'snapshot' ? t('rep.asOfNow') : period}
        </h2>
        {here && <ReportBody spec={spec} orgId={here.orgId} period={period} onDrill={drill} />}
      </Card>
    </>
  );
};
export default ReportsScreen;
