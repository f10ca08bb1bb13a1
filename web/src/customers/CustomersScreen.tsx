// 客户: the caller's customers, searched by name or id and filtered by tier, risk level and tag,
// loaded a page at a time in the API's order (customer id) as the list scrolls; a column header sorts
// only the rows loaded, and says so. Rows selected for bulk actions (CSV of the masked values,
// allocation).
import '../app/pages.css';
import { useCallback, useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Input, Select, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadOutlined, SwapOutlined } from '@ant-design/icons';
import { useT } from '../i18n/i18n';
import { TIER_ORDER, tierKey, type Tier } from '../i18n/labels';
import { useAuth } from '../auth/AuthProvider';
import { navigate } from '../app/router';
import { ListTable } from '../app/ListTable';
import { LoadMore } from '../app/LoadMore';
import { useCustomerList } from './hooks';
import { TierTag } from './TierTag';
import { RISK_LEVELS, riskKey } from './labels';
import { download, toCsv } from './csv';
import { AllocationModal } from '../allocations/AllocationModal';
import { localPhone } from './IdentityCard';
import type { CustomerRow } from './types';

type RiskLevel = (typeof RISK_LEVELS)[number];

/** Every tag seen on a loaded row, kept while the filters narrow the list (so a chosen tag stays offered). */
const useSeenTags = (rows: CustomerRow[]): string[] => {
  const seen = useRef(new Set<string>());
  return useMemo(() => {
    for (const c of rows) for (const tag of c.tags) seen.current.add(tag);
    return [...seen.current].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  }, [rows]);
};

/** One of the list's filters: a clearable select named by its placeholder. */
const FilterSelect = <V extends string>(props: {
  label: string;
  value: V | undefined;
  onChange: (value: V | undefined) => void;
  options: { value: V; label: string }[];
  showSearch?: boolean;
}) => (
  <Select<V>
    allowClear
    showSearch={props.showSearch}
    aria-label={props.label}
    placeholder={props.label}
    value={props.value}
    onChange={props.onChange}
    className="filter-select"
    options={props.options}
  />
);

const CustomersScreen = () => {
  const t = useT();
  const { me } = useAuth();
  const [q, setQ] = useState<string>();
  const [tier, setTier] = useState<Tier>();
  const [riskLevel, setRiskLevel] = useState<RiskLevel>();
  const [tag, setTag] = useState<string>();
  const [selected, setSelected] = useState<CustomerRow[]>([]);
  const [allocating, setAllocating] = useState(false);
  const list = useCustomerList({ q, tier, riskLevel, tag });
  const tags = useSeenTags(list.items);
  const mayAllocate = me?.role === 'branch_manager' || me?.role === 'admin';

  const columns: ColumnsType<CustomerRow> = useMemo(
    () => [
      {
        title: t('cust.name'),
        key: 'name',
        // a name never breaks between its characters (a phone made 张三丰 three lines)
        className: 'cell-nowrap',
        sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
        render: (_, c) => (
          <a
            href={`/customers/${encodeURIComponent(c.customerId)}`}
            onClick={(e) => {
              e.preventDefault();
              navigate(`/customers/${encodeURIComponent(c.customerId)}`);
            }}
          >
            {c.name}
          </a>
        ),
      },
      { title: t('cust.id'), dataIndex: 'customerId', key: 'id' },
      {
        title: t('cust.tier'),
        key: 'tier',
        className: 'cell-nowrap',
        sorter: (a, b) => TIER_ORDER.indexOf(a.tier) - TIER_ORDER.indexOf(b.tier),
        render: (_, c) => <TierTag tier={c.tier} />,
      },
      {
        title: t('cust.risk'),
        key: 'risk',
        responsive: ['md'],
        sorter: (a, b) => (a.riskLevel ?? '').localeCompare(b.riskLevel ?? ''),
        render: (_, c) => (c.riskLevel ? t(riskKey(c.riskLevel)) : t('cust.riskNone')),
      },
      { title: t('cust.phone'), key: 'phone', responsive: ['lg'], render: (_, c) => localPhone(c.phone) },
      {
        title: t('cust.tags'),
        key: 'tags',
        responsive: ['lg'],
        render: (_, c) => c.tags.map((tag) => <Tag key={tag}>{tag}</Tag>),
      },
      { title: t('cust.manager'), dataIndex: 'managerId', key: 'manager', responsive: ['xl'] },
    ],
    [t],
  );

  const exportCsv = () => {
    const header = [
      t('cust.id'),
      t('cust.name'),
      t('cust.tier'),
      t('cust.risk'),
      t('cust.phone'),
      t('cust.idNumber'),
      t('cust.tags'),
      t('cust.manager'),
      t('cust.org'),
    ];
    const rows = selected.map((c) => [
      c.customerId,
      c.name,
      t(tierKey(c.tier)),
      c.riskLevel ?? '',
      localPhone(c.phone) ?? '',
      c.idNumber ?? '',
      c.tags.join(' '),
      c.managerId,
      c.orgId,
    ]);
    download(`customers-${new Date().toISOString().slice(0, 10)}.csv`, toCsv(header, rows));
  };

  const more = useCallback(() => void list.fetchNextPage(), [list]);

  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t('cust.title')}
      </Typography.Title>
      <Card size="small" className="gap">
        <div className="filters" role="search">
          <Input.Search
            allowClear
            aria-label={t('cust.search')}
            placeholder={t('cust.searchPlaceholder')}
            onSearch={(value) => setQ(value.trim() || undefined)}
            className="filter-search"
          />
          <FilterSelect<Tier>
            label={t('cust.tierFilter')}
            value={tier}
            onChange={setTier}
            options={TIER_ORDER.map((value) => ({ value, label: t(tierKey(value)) }))}
          />
          <FilterSelect<RiskLevel>
            label={t('cust.riskFilter')}
            value={riskLevel}
            onChange={setRiskLevel}
            options={RISK_LEVELS.map((value) => ({ value, label: t(riskKey(value)) }))}
          />
          <FilterSelect<string>
            label={t('cust.tagFilter')}
            value={tag}
            onChange={setTag}
            options={tags.map((value) => ({ value, label: value }))}
            showSearch
          />
        </div>
        <Typography.Text type="secondary" className="filter-note" data-testid="sort-note">
          {t('cust.sortNote', { n: list.items.length })}
        </Typography.Text>
      </Card>
      <div className="bulk-bar" role="toolbar" aria-label={t('cust.bulk')}>
        <Typography.Text data-testid="selected-count">
          {t('cust.selected', { n: selected.length })}
        </Typography.Text>
        <Space wrap>
          <Button icon={<DownloadOutlined />} disabled={selected.length === 0} onClick={exportCsv}>
            {t('cust.exportCsv')}
          </Button>
          {mayAllocate && (
            <Button
              icon={<SwapOutlined />}
              disabled={selected.length === 0}
              onClick={() => setAllocating(true)}
            >
              {t('cust.allocate')}
            </Button>
          )}
        </Space>
      </div>
      {list.error ? <Alert type="error" showIcon title={String((list.error as Error).message)} /> : null}
      {/* wider than a phone (long customer ids)? the table scrolls inside this box, never the page
          (antd's own scroll.x adds an aria-hidden measure row holding focusable headers) */}
      <div className="table-scroll">
        <ListTable<CustomerRow>
          list={list}
          rowKey="customerId"
          columns={columns}
          showSorterTooltip={{ title: t('cust.sortLoaded') }}
          aria-label={t('cust.title')}
          rowSelection={{
            selectedRowKeys: selected.map((c) => c.customerId),
            onChange: (_keys, rows) => setSelected(rows),
            columnTitle: undefined,
            getCheckboxProps: (c) => ({ 'aria-label': t('cust.select', { name: c.name }) }) as never,
          }}
          locale={{ emptyText: <span className="empty-text">{t('cust.empty')}</span> }}
        />
      </div>
      <LoadMore
        hasMore={!!list.hasNextPage}
        loading={list.isFetchingNextPage}
        onMore={more}
        count={list.items.length}
      />
      {allocating && (
        <AllocationModal
          moving={{ customerIds: selected.map((c) => c.customerId) }}
          title={t('alloc.title', { n: selected.length })}
          onClose={(done) => {
            setAllocating(false);
            if (done) setSelected([]);
          }}
        />
      )}
    </>
  );
};
export default CustomersScreen;
