// 排行榜: the caller's unit this month — staff ranked by points, the child units, the caller's rank.
import { Card, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { useT } from '../i18n/i18n';
import { formatFen } from '../money';
import { useLeaderboard } from './hooks';
import type { Leaderboard } from './types';

type StaffRow = Leaderboard['items'][number];
type UnitRow = Leaderboard['units'][number];

/** Rank, who (a person or a unit), points and sales: the columns both boards share. */
const boardColumns = <R extends { rank: number; name: string; points: number; amountFen: number }>(
  t: ReturnType<typeof useT>,
  who: string,
): TableColumnsType<R> => [
  { title: t('wb.rank'), dataIndex: 'rank', key: 'rank', width: 56 },
  { title: who, dataIndex: 'name', key: 'name' },
  { title: t('wb.points'), dataIndex: 'points', key: 'points', align: 'right' },
  {
    title: t('wb.sales'),
    key: 'amount',
    align: 'right',
    responsive: ['sm'],
    render: (_, r) => formatFen(r.amountFen),
  },
];

export const LeaderboardCard = ({ myId }: { myId: string | undefined }) => {
  const t = useT();
  const board = useLeaderboard();
  const data = board.data;
  return (
    <Card
      size="small"
      title={<h2 className="card-title">{t('perf.leaderboard', { period: data?.period ?? '' })}</h2>}
    >
      <div className="my-rank" data-testid="my-rank">
        <Statistic
          title={t('perf.myRank')}
          value={
            data?.me
              ? t('wb.rankOf', { rank: data.me.rank, of: Math.max(data.items.length, data.me.rank) })
              : t('common.none')
          }
        />
        <Statistic title={t('wb.points')} value={data?.me?.points ?? 0} />
        <Statistic
          title={t('wb.sales')}
          value={formatFen(data?.me?.amountFen ?? 0)}
          suffix={t('common.yuan')}
        />
      </div>
      <Table<StaffRow>
        size="small"
        rowKey="staffId"
        pagination={false}
        loading={board.isLoading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: <span className="empty-text">{t('perf.noSales')}</span> }}
        rowClassName={(r) => (r.staffId === myId ? 'row-me' : '')}
        aria-label={t('perf.staffBoard')}
        columns={[
          ...boardColumns<StaffRow>(t, t('perf.staff')),
          { title: t('perf.count'), dataIndex: 'count', key: 'count', align: 'right', responsive: ['md'] },
        ]}
      />
      {data && data.units.length > 0 && (
        <>
          <Typography.Title level={3} className="sub-title">
            {t('perf.units')}
          </Typography.Title>
          <Table<UnitRow>
            size="small"
            rowKey="orgId"
            pagination={false}
            dataSource={data.units}
            aria-label={t('perf.units')}
            rowClassName={(r) => (r.orgId === data.myUnit?.orgId ? 'row-me' : '')}
            columns={boardColumns<UnitRow>(t, t('perf.unit'))}
          />
        </>
      )}
    </Card>
  );
};
