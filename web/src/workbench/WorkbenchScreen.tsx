// 工作台: the person's day from GET /v1/workbench — book by tier, tier moves, open alerts with the
// SLA left, maturities, customers near the next tier, campaign tasks, performance and rank,
// data-quality fixes and (branch managers) allocations to decide. Refreshes itself every 20 s.
import { Alert, Col, Row as Grid, Skeleton, Statistic, Typography } from 'antd';
import { useAuth } from '../auth/AuthProvider';
import { useMyUnit } from '../app/useMyUnit';
import { Link } from '../app/Link';
import { Panel, Row, Rows } from '../app/Panel';
import { useT } from '../i18n/i18n';
import { TIER_ORDER, tierKey } from '../i18n/labels';
import { SeverityTag } from '../alerts/SeverityTag';
import type { MessageKey } from '../i18n/zh-CN';
import { formatFen } from '../money';
import { formatDate, slaText } from '../time';
import type { Workbench } from '../api/types';
import { useWorkbench } from './hooks';
import { UnitUsage } from '../usage/UnitUsage';

const customerLink = (id: string) => `/customers/${encodeURIComponent(id)}`;

const WorkbenchScreen = () => {
  const t = useT();
  const { me } = useAuth();
  const unit = useMyUnit();
  const workbench = useWorkbench();
  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t('wb.greeting', { name: me?.name ?? '' })}
        {unit.data && <span className="page-subtitle">{unit.data.name}</span>}
      </Typography.Title>
      {workbench.error ? (
        <Alert
          type="error"
          showIcon
          title={t('app.error')}
          description={String((workbench.error as Error).message)}
        />
      ) : !workbench.data ? (
        <Skeleton active />
      ) : (
        <Panels data={workbench.data} />
      )}
    </>
  );
};

type BookCounts = Pick<Workbench['myCustomers'], 'customers' | 'byTier'>;

const Book = ({ title, book, testId }: { title: string; book: BookCounts; testId: string }) => {
  const t = useT();
  return (
    <Panel title={title} testId={testId}>
      <Statistic title={t('wb.bookTotal')} value={book.customers} />
      <dl className="tiers">
        {TIER_ORDER.map((tier) => (
          <div key={tier} className="tier" data-testid={`${testId}-${tier}`}>
            <dt>{t(tierKey(tier))}</dt>
            <dd>{book.byTier[tier] ?? 0}</dd>
          </div>
        ))}
      </dl>
    </Panel>
  );
};

const Panels = ({ data }: { data: Workbench }) => {
  const t = useT();
  const moves = data.myCustomers.tierMovesThisMonth;
  const perf = data.performance;
  const span = { xs: 24, md: 12, xl: 8 };
  return (
    <Grid gutter={[16, 16]}>
      {/* what an RM acts on first comes first (on a phone, the top of the page) */}
      <Col {...span}>
        <Panel
          title={t('wb.alerts')}
          testId="alerts"
          empty={data.openAlerts.length === 0}
          extra={<Link to="/alerts">{t('wb.allAlerts')}</Link>}
        >
          <Rows label={t('wb.alerts')}>
            {[...data.openAlerts]
              .sort((a, b) => a.dueAt.localeCompare(b.dueAt))
              .map((a) => {
                const sla = slaText(a.dueAt, t);
                return (
                  <Row
                    key={a.alertId}
                    main={
                      <>
                        <SeverityTag severity={a.severity} />
                        <Link to={customerLink(a.customerId)}>{a.customerName}</Link>
                      </>
                    }
                    side={<span className={sla.overdue ? 'overdue' : 'sla'}>{sla.text}</span>}
                    sub={`${a.title} · ${formatFen(a.amountAtRiskFen)} ${t('common.yuan')}`}
                  />
                );
              })}
          </Rows>
        </Panel>
      </Col>
      <Col {...span}>
        <Book title={t('wb.book')} book={data.myCustomers} testId="book" />
      </Col>
      <Col {...span}>
        <Panel title={t('wb.moves')} testId="moves">
          <Grid gutter={16}>
            <Col span={12}>
              <Statistic title={t('wb.upgrades')} value={moves.upgrades} valueStyle={{ color: '#237804' }} />
            </Col>
            <Col span={12}>
              <Statistic
                title={t('wb.downgrades')}
                value={moves.downgrades}
                valueStyle={{ color: '#a8071a' }}
              />
            </Col>
          </Grid>
          {moves.recent.length > 0 && (
            <Rows label={t('wb.moves')}>
              {moves.recent.slice(0, 5).map((m) => (
                <Row
                  key={`${m.customerId}-${m.at}`}
                  main={<Link to={customerLink(m.customerId)}>{m.customerName ?? m.customerId}</Link>}
                  side={`${t(tierKey(m.fromTier))} → ${t(tierKey(m.toTier))}`}
                />
              ))}
            </Rows>
          )}
        </Panel>
      </Col>
      <Col {...span}>
        <Panel title={t('wb.performance')} testId="performance">
          <Grid gutter={16}>
            <Col span={12}>
              <Statistic title={t('wb.points')} value={perf.points} />
            </Col>
            <Col span={12}>
              <Statistic title={t('wb.rank')} value={t('wb.rankOf', { rank: perf.rank, of: perf.of })} />
            </Col>
            <Col span={24}>
              <Statistic
                title={`${t('wb.sales')}（${t('common.yuan')}）`}
                value={formatFen(perf.amountFen)}
              />
            </Col>
          </Grid>
        </Panel>
      </Col>
      <Col {...span}>
        <Panel title={t('wb.maturities')} testId="maturities" empty={data.maturities.length === 0}>
          <Rows label={t('wb.maturities')}>
            {data.maturities.map((m) => (
              <Row
                key={m.registrationId}
                main={<Link to={customerLink(m.customerId)}>{m.customerId}</Link>}
                side={formatDate(m.maturityDate)}
                sub={`${m.productName} · ${formatFen(m.amountFen)} ${t('common.yuan')}`}
              />
            ))}
          </Rows>
        </Panel>
      </Col>
      <Col {...span}>
        <Panel title={t('wb.near')} testId="near" empty={data.nearTierThreshold.length === 0}>
          <Rows label={t('wb.near')}>
            {data.nearTierThreshold.map((s) => (
              <Row
                key={s.customerId}
                main={<Link to={customerLink(s.customerId)}>{s.name}</Link>}
                side={`${t(tierKey(s.tier))} → ${s.nextTier ? t(tierKey(s.nextTier)) : ''}`}
                sub={`${t('wb.gap')} ${formatFen(s.gapToNextFen ?? 0)} ${t('common.yuan')}`}
              />
            ))}
          </Rows>
        </Panel>
      </Col>
      <Col {...span}>
        <Panel title={t('wb.campaigns')} testId="campaigns" empty={data.campaignTasks.length === 0}>
          <Rows label={t('wb.campaigns')}>
            {data.campaignTasks.map((c) => (
              <Row
                key={c.campaignId}
                main={c.name}
                side={t('wb.campaignEnds', { date: formatDate(c.endAt) })}
              />
            ))}
          </Rows>
        </Panel>
      </Col>
      <Col {...span}>
        <Panel title={t('wb.fixes')} testId="fixes" empty={data.dataQualityFixes.length === 0}>
          <Rows label={t('wb.fixes')}>
            {data.dataQualityFixes.map((f) => (
              <Row
                key={f.customerId}
                main={<Link to={customerLink(f.customerId)}>{f.name}</Link>}
                side={t('wb.score', { score: f.score })}
                sub={f.gaps.map((g) => t(`gap.${g}` as MessageKey)).join('、')}
              />
            ))}
          </Rows>
        </Panel>
      </Col>
      {data.subtree && (
        <Col {...span}>
          <Book title={t('wb.subtree')} book={data.subtree} testId="subtree" />
        </Col>
      )}
      {data.subtree && (
        <Col {...span}>
          <UnitUsage />
        </Col>
      )}
      {data.allocationsToDecide && (
        <Col {...span}>
          <Panel
            title={t('wb.allocations')}
            testId="allocations"
            empty={data.allocationsToDecide.length === 0}
          >
            <Rows label={t('wb.allocations')}>
              {data.allocationsToDecide.map((a) => (
                <Row
                  key={a.allocationId}
                  main={t('wb.allocationLine', { by: a.requestedBy, n: a.customers, to: a.toManagerId })}
                  side={formatDate(a.requestedAt)}
                  sub={a.reason}
                />
              ))}
            </Rows>
          </Panel>
        </Col>
      )}
    </Grid>
  );
};

export default WorkbenchScreen;
