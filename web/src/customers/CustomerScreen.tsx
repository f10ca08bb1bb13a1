// 客户视图 /customers/{id}: tier and its outlook, 日均AUM over 12 months, balances by asset class,
// products held, RM, consent, data-quality gaps, identity (masked until 查看), fund flows by bank,
// and the timeline with the contact form.
import '../app/pages.css';
import { useMemo } from 'react';
import { Card, Col, Descriptions, List, Row, Skeleton, Table, Tag, Typography } from 'antd';
import { LoadError } from '../app/LoadError';
import { useT } from '../i18n/i18n';
import { tierKey } from '../i18n/labels';
import { formatFen } from '../money';
import { LazyChart } from '../charts/LazyChart';
import { useAum, useCustomer, useFundFlows } from './hooks';
import { TierTag } from './TierTag';
import { IdentityCard } from './IdentityCard';
import { TransferHistoryCard } from '../allocations/TransferHistoryCard';
import { CustomerTimeline } from './Timeline';
import { aumOption, aumSeries, flowsOption } from './charts';
import { assetKey, consentKey, GAP_LABELS, riskKey } from './labels';
import type { AssetClass, Customer360, DqCheck } from './types';

const Money = ({ fen }: { fen: number | undefined }) => {
  const t = useT();
  return <>{fen === undefined ? t('common.none') : `${formatFen(fen)} ${t('common.yuan')}`}</>;
};

const CardTitle = ({ children }: { children: string }) => <h2 className="card-title">{children}</h2>;

const TierCard = ({ c }: { c: Customer360 }) => {
  const t = useT();
  const s = c.tierStanding;
  return (
    <Card size="small" title={<CardTitle>{t('cust.tierCard')}</CardTitle>}>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('cust.tier')}>
          <TierTag tier={c.tier} />
        </Descriptions.Item>
        <Descriptions.Item label={t('cust.projected')}>
          {s ? <TierTag tier={s.projected} /> : t('common.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('cust.guaranteed')}>
          {s ? <TierTag tier={s.guaranteed} /> : t('common.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('cust.gapToNext')}>
          {s?.nextTier ? (
            <span data-testid="gap">
              {t('cust.gapLine', { tier: t(tierKey(s.nextTier)), gap: formatFen(s.gapToNextFen ?? 0) })}
            </span>
          ) : (
            t('cust.topTier')
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('cust.avgAum')}>
          <Money fen={c.aum?.avgAumFen} />
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
};

const AumCard = ({ id }: { id: string }) => {
  const t = useT();
  const aum = useAum(id);
  const option = useMemo(
    () => aum.data && aumOption(aum.data, { avg: t('cust.avgAum'), unit: t('chart.wan') }),
    [aum.data, t],
  );
  const last = aum.data ? aumSeries(aum.data) : [];
  return (
    <Card size="small" title={<CardTitle>{t('cust.aumChart')}</CardTitle>}>
      {option ? (
        <LazyChart
          option={option}
          label={t('cust.aumChartLabel', {
            from: last[0]?.month ?? '',
            to: last.at(-1)?.month ?? '',
            now: formatFen(last.at(-1)?.fen ?? 0),
          })}
        />
      ) : (
        <Skeleton active />
      )}
    </Card>
  );
};

const BalancesCard = ({ c }: { c: Customer360 }) => {
  const t = useT();
  const rows = Object.entries(c.aum?.balances ?? {})
    .filter(([, fen]) => fen !== 0)
    .map(([assetClass, fen]) => ({
      assetClass: assetClass as AssetClass,
      fen,
      avg: c.aum?.avgByAssetClass[assetClass as AssetClass] ?? 0,
    }));
  return (
    <Card size="small" title={<CardTitle>{t('cust.balances')}</CardTitle>}>
      <Table
        size="small"
        pagination={false}
        rowKey="assetClass"
        dataSource={rows}
        locale={{ emptyText: <span className="empty-text">{t('cust.noBalances')}</span> }}
        columns={[
          { title: t('cust.assetClass'), key: 'c', render: (_, r) => t(assetKey(r.assetClass)) },
          { title: t('cust.balance'), key: 'b', align: 'right', render: (_, r) => formatFen(r.fen) },
          { title: t('cust.monthAvg'), key: 'a', align: 'right', render: (_, r) => formatFen(r.avg) },
        ]}
        summary={() =>
          c.aum ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>{t('cust.total')}</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {formatFen(c.aum.totalBalanceFen)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                {formatFen(c.aum.avgAumFen)}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
    </Card>
  );
};

const ProductsCard = ({ c }: { c: Customer360 }) => {
  const t = useT();
  return (
    <Card size="small" title={<CardTitle>{t('cust.products')}</CardTitle>}>
      <Table
        size="small"
        pagination={false}
        rowKey="productId"
        dataSource={c.products ?? []}
        locale={{ emptyText: <span className="empty-text">{t('cust.noProducts')}</span> }}
        columns={[
          { title: t('perf.product'), dataIndex: 'productName', key: 'n' },
          {
            title: t('cust.assetClass'),
            key: 'c',
            responsive: ['sm'],
            render: (_, p) => t(assetKey(p.category)),
          },
          { title: t('common.amount'), key: 'a', align: 'right', render: (_, p) => formatFen(p.amountFen) },
        ]}
      />
    </Card>
  );
};

const ServiceCard = ({ c }: { c: Customer360 }) => {
  const t = useT();
  return (
    <Card size="small" title={<CardTitle>{t('cust.service')}</CardTitle>}>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('cust.rm')}>
          {c.rm ? `${c.rm.name}（${c.rm.staffId}）` : c.managerId}
        </Descriptions.Item>
        <Descriptions.Item label={t('cust.risk')}>
          {c.riskLevel ? t(riskKey(c.riskLevel)) : t('cust.riskNone')}
        </Descriptions.Item>
        <Descriptions.Item label={t('cust.consent')}>
          {c.consent ? (
            <>
              <Tag color={c.consent.mayReceiveMarketing ? 'green' : 'default'}>
                {t(consentKey(c.consent.consent))}
              </Tag>
              {c.consent.phoneOptedOut ? <Tag color="red">{t('consent.optedOut')}</Tag> : null}
            </>
          ) : (
            t('common.none')
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('cust.tags')}>
          {c.tags.length ? c.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : t('common.none')}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
};

const QualityCard = ({ c }: { c: Customer360 }) => {
  const t = useT();
  const dq = c.dataQuality;
  return (
    <Card
      size="small"
      title={<CardTitle>{t('cust.quality')}</CardTitle>}
      extra={dq ? <span>{t('wb.score', { score: dq.score })}</span> : null}
    >
      {!dq ? (
        <Typography.Text type="secondary">{t('cust.qualityUnknown')}</Typography.Text>
      ) : dq.gaps.length === 0 ? (
        <Typography.Text type="success">{t('cust.qualityComplete')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={dq.gaps}
          renderItem={(gap) => {
            const label = GAP_LABELS[gap as DqCheck];
            return (
              <List.Item>
                <div>
                  <Typography.Text strong>{label ? t(label.what) : gap}</Typography.Text>
                  <div className="small">{label ? t(label.fix) : ''}</div>
                </div>
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
};

const monthsBack = (month: string, n: number) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 - n, 1));
  return d.toISOString().slice(0, 7);
};

const FlowsCard = ({ id, month }: { id: string; month: string }) => {
  const t = useT();
  const from = monthsBack(month, 11);
  const flows = useFundFlows(id, from, month);
  const option = useMemo(
    () =>
      flows.data &&
      flowsOption(flows.data, {
        inflow: t('flows.in'),
        outflow: t('flows.out'),
        unit: t('chart.wan'),
        noBank: t('flows.noBank'),
      }),
    [flows.data, t],
  );
  const banks = flows.data?.byCounterpartyBank ?? [];
  return (
    <Card size="small" title={<CardTitle>{t('flows.title', { from, to: month })}</CardTitle>}>
      {!flows.data ? (
        <Skeleton active />
      ) : banks.length === 0 ? (
        <Typography.Text type="secondary">{t('flows.empty')}</Typography.Text>
      ) : (
        <>
          <LazyChart
            option={option!}
            label={t('flows.chartLabel')}
            height={Math.max(160, banks.length * 48 + 60)}
          />
          <ul className="sr-only">
            {banks.map((b) => (
              <li key={b.counterpartyBank ?? '-'}>
                {b.counterpartyBank ?? t('flows.noBank')}: {t('flows.in')} {formatFen(b.inflowFen)}，
                {t('flows.out')} {formatFen(b.outflowFen)}
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
};

const CustomerScreen = ({ params }: { params: Record<string, string> }) => {
  const t = useT();
  const id = params.id ?? '';
  const customer = useCustomer(id);
  if (customer.error) return <LoadError error={customer.error} notFound={t('cust.notFound')} />;
  const c = customer.data;
  if (!c) return <Skeleton active />;
  const month = c.aum?.month ?? new Date().toISOString().slice(0, 7);
  return (
    <>
      <div className="customer-head">
        <Typography.Title level={1} className="page-title">
          {c.name}
        </Typography.Title>
        <Typography.Text type="secondary">{c.customerId}</Typography.Text>
        <TierTag tier={c.tier} />
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12} xl={8}>
          <TierCard c={c} />
        </Col>
        <Col xs={24} md={12} xl={8}>
          <IdentityCard customer={c} />
        </Col>
        <Col xs={24} md={12} xl={8}>
          <ServiceCard c={c} />
        </Col>
        <Col xs={24} xl={16}>
          <AumCard id={id} />
        </Col>
        <Col xs={24} md={12} xl={8}>
          <QualityCard c={c} />
        </Col>
        <Col xs={24} md={12}>
          <BalancesCard c={c} />
        </Col>
        <Col xs={24} md={12}>
          <ProductsCard c={c} />
        </Col>
        <Col xs={24} lg={12}>
          <FlowsCard id={id} month={month} />
        </Col>
        <Col xs={24} lg={12}>
          <CustomerTimeline customerId={id} />
        </Col>
        <Col xs={24} lg={12}>
          <TransferHistoryCard customerId={id} />
        </Col>
      </Row>
    </>
  );
};
export default CustomerScreen;
