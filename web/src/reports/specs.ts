// Every management report the API has, each as a small description: the route, the period it takes,
// and its tables (columns and chart). The view (ReportView) is one for all of them.
import type { MessageKey, Translate } from '../i18n/i18n';
import { outcomeKey, TIER_ORDER, tierKey } from '../i18n/labels';
import {
  columnsOf,
  defineReport,
  type Column,
  type Line,
  type ReportSpec,
  type ReportTable,
  type Values,
} from './model';
import type {
  AlertOutcomes,
  AumChange,
  CampaignFunnel,
  DataQuality,
  NetOutflow,
  Performance,
  TierDistribution,
  TierMigration,
  Usage,
} from './types';

interface Rolled<L> {
  orgId: string;
  totals: L;
  orgs: (L & { orgId: string; name: string })[];
  managers: (L & { staffId: string; name: string })[];
}

/** The unit's child units (drillable, with the unit's total) and the RMs below it, one set of columns. */
const unitsAndStaff = <L>(
  data: Rolled<L>,
  t: Translate,
  columns: Column[],
  values: (line: L) => Values,
  chart: ReportTable['chart'],
): ReportTable[] => [
  {
    id: 'orgs',
    title: 'rep.byUnit',
    nameLabel: 'rep.name.unit',
    columns,
    chart,
    lines: data.orgs.map((o) => ({ key: o.orgId, name: o.name, orgId: o.orgId, values: values(o) })),
    total: { key: data.orgId, name: t('rep.total'), values: values(data.totals) },
  },
  {
    id: 'managers',
    title: 'rep.byStaff',
    nameLabel: 'rep.name.staff',
    columns,
    lines: data.managers.map((m) => ({ key: m.staffId, name: m.name, values: values(m) })),
  },
];

/** A line's values: the given keys of a report line, as they are. */
const pick =
  <K extends string>(keys: readonly K[]) =>
  (line: Partial<Record<K, number | null>>): Values =>
    Object.fromEntries(keys.map((k) => [k, line[k]]));

/** One line per key of a record (tiers, categories, moves), named by the catalogue. */
const linesOf = <V>(
  record: Record<string, V>,
  name: (key: string) => string,
  values: (v: V) => Values,
): Line[] => Object.entries(record).map(([key, v]) => ({ key, name: name(key), values: values(v) }));

const tierColumns: Column[] = TIER_ORDER.map((tier) => ({ key: tier, label: tierKey(tier), kind: 'count' }));

const tierDistribution = defineReport<TierDistribution>({
  id: 'tier-distribution',
  path: '/v1/reports/tier-distribution',
  take: 'snapshot',
  tables: (d, { t }) =>
    unitsAndStaff(
      d,
      t,
      [...columnsOf('count', ['customers']), ...tierColumns],
      (l) => ({ customers: l.customers, ...l.byTier }),
      { kind: 'stack', columns: [...TIER_ORDER] },
    ),
});

const tierMigration = defineReport<TierMigration>({
  id: 'tier-migration',
  path: '/v1/reports/tier-migration',
  take: 'period',
  tables: (d, { t }) => [
    ...unitsAndStaff(
      d,
      t,
      columnsOf('count', ['upgrades', 'downgrades']),
      (l) => ({ upgrades: l.upgrades, downgrades: l.downgrades }),
      { kind: 'bars', columns: ['upgrades', 'downgrades'] },
    ),
    {
      id: 'moves',
      title: 'rep.byMove',
      nameLabel: 'rep.name.move',
      columns: columnsOf('count', ['customers']),
      chart: { kind: 'bars', columns: ['customers'] },
      lines: linesOf(
        d.totals.moves,
        (move) =>
          move
            .split('->')
            .map((tier) => t(tierKey(tier)))
            .join(' → '),
        (n) => ({ customers: n }),
      ),
    },
  ],
});

const aumChange = defineReport<AumChange>({
  id: 'aum-change',
  path: '/v1/reports/aum-change',
  take: 'period',
  tables: (d, { t }) => {
    const columns = [
      ...columnsOf('count', ['transactions']),
      ...columnsOf('fen', ['inFen', 'outFen', 'netFen']),
    ];
    const values = pick(['transactions', 'inFen', 'outFen', 'netFen']);
    const chart = { kind: 'bars' as const, columns: ['inFen', 'outFen', 'netFen'] };
    return [
      ...unitsAndStaff(d, t, columns, values, chart),
      {
        id: 'tiers',
        title: 'rep.byTier',
        nameLabel: 'rep.name.tier',
        columns,
        chart,
        lines: linesOf(d.totals.byTier, (tier) => t(tierKey(tier)), values),
      },
    ];
  },
});

const performance = defineReport<Performance>({
  id: 'performance',
  path: '/v1/reports/performance',
  take: 'period',
  tables: (d, { t }) => {
    const columns = [
      ...columnsOf('count', ['count']),
      ...columnsOf('fen', ['amountFen']),
      ...columnsOf('count', ['points']),
    ];
    const values = pick(['count', 'amountFen', 'points']);
    const chart = { kind: 'bars' as const, columns: ['amountFen'] };
    return [
      {
        id: 'categories',
        title: 'rep.byCategory',
        nameLabel: 'rep.name.category',
        columns,
        chart,
        lines: linesOf(d.totals.byCategory, (c) => t(`asset.${c}` as MessageKey), values),
        total: { key: d.orgId, name: t('rep.total'), values: values(d.totals) },
      },
      ...unitsAndStaff(d, t, columns, values, chart),
    ];
  },
});

const OUTCOME_ORDER = ['retained', 'partially_retained', 'lost', 'not_applicable'] as const;

const alertOutcomes = defineReport<AlertOutcomes>({
  id: 'alert-outcomes',
  path: '/v1/reports/alert-outcomes',
  take: 'range',
  tables: (d, { t }) => {
    const values = (r: AlertOutcomes['total']): Values => ({
      ...pick(['raised', 'escalated', 'open', 'closed', 'closedWithinSla'])(r),
      ...Object.fromEntries(OUTCOME_ORDER.map((o) => [o, r.outcomes[o]?.count ?? 0])),
      ...pick(['atRiskFen', 'retainedFen', 'retentionRate', 'averageHoursToClose'])(r),
    });
    return [
      {
        id: 'rules',
        title: 'rep.byRule',
        nameLabel: 'rep.name.rule',
        columns: [
          ...columnsOf('count', ['raised', 'escalated', 'open', 'closed', 'closedWithinSla']),
          ...OUTCOME_ORDER.map((o): Column => ({ key: o, label: outcomeKey(o), kind: 'count' })),
          ...columnsOf('fen', ['atRiskFen', 'retainedFen']),
          ...columnsOf('ratio', ['retentionRate']),
          ...columnsOf('hours', ['averageHoursToClose']),
        ],
        chart: { kind: 'bars', columns: ['atRiskFen', 'retainedFen'] },
        lines: d.rows.map((r) => ({ key: r.ruleId, name: r.ruleId, values: values(r) })),
        total: { key: d.orgId, name: t('rep.total'), values: values(d.total) },
      },
    ];
  },
});

const netOutflow = defineReport<NetOutflow>({
  id: 'net-outflow',
  path: '/v1/reports/net-outflow',
  take: 'range',
  needsChildren: true,
  tables: (d, { t, children }) => {
    const columns = [
      ...columnsOf('fen', ['outflowFen', 'inflowFen', 'netOutflowFen']),
      ...columnsOf('count', ['outCount', 'inCount']),
    ];
    const values = pick(['outflowFen', 'inflowFen', 'netOutflowFen', 'outCount', 'inCount']);
    const chart = { kind: 'bars' as const, columns: ['outflowFen', 'inflowFen', 'netOutflowFen'] };
    return [
      {
        id: 'orgs',
        title: 'rep.byUnit',
        nameLabel: 'rep.name.unit',
        columns,
        chart,
        lines: d.byOrg.map((o) => {
          const child = children.get(o.orgId);
          return child
            ? { key: o.orgId, name: child, orgId: o.orgId, values: values(o) }
            : { key: o.orgId, name: o.orgId === d.orgId ? d.orgName : o.orgId, values: values(o) };
        }),
        total: { key: d.orgId, name: t('rep.total'), values: values(d.totals) },
      },
      {
        id: 'banks',
        title: 'rep.byBank',
        nameLabel: 'rep.name.bank',
        columns,
        chart,
        lines: d.byCounterpartyBank.map((b) => ({
          key: b.counterpartyBank,
          name: b.counterpartyBank,
          values: values(b),
        })),
      },
      {
        id: 'months',
        title: 'rep.byMonth',
        nameLabel: 'rep.name.month',
        columns,
        chart: { kind: 'line', columns: ['netOutflowFen'] },
        lines: d.byMonth.map((m) => ({ key: m.month, name: m.month, values: values(m) })),
      },
    ];
  },
});

const FUNNEL = ['audience', 'suppressed', 'sent', 'delivered'] as const;

const campaignFunnel = defineReport<CampaignFunnel>({
  id: 'campaign-funnel',
  path: '/v1/reports/campaign-funnel',
  take: 'period',
  tables: (d, { t }) => {
    const values = pick([...FUNNEL, 'failed', 'sentRatePct', 'deliveredRatePct'] as const);
    return [
      {
        id: 'campaigns',
        title: 'rep.byCampaign',
        nameLabel: 'rep.name.campaign',
        columns: [
          ...columnsOf('count', [...FUNNEL, 'failed']),
          ...columnsOf('pct', ['sentRatePct', 'deliveredRatePct']),
        ],
        chart: { kind: 'stages', columns: [...FUNNEL] },
        lines: d.campaigns.map((c) => ({ key: c.campaignId, name: c.name, values: values(c) })),
        total: { key: d.orgId, name: t('rep.total'), values: values(d.totals) },
      },
    ];
  },
});

const usage = defineReport<Usage>({
  id: 'usage',
  path: '/v1/reports/usage',
  take: 'month',
  needsChildren: true,
  tables: (d, { t, children }) => {
    const unitValues = pick(['staff', 'logins', 'activeDays', 'belowStandard']);
    return [
      {
        id: 'orgs',
        title: 'rep.byUnit',
        nameLabel: 'rep.name.unit',
        columns: columnsOf('count', ['staff', 'belowStandard', 'logins', 'activeDays']),
        chart: { kind: 'bars', columns: ['staff', 'belowStandard'] },
        // the report rolls up every unit below; the table shows the direct children
        lines: d.byOrg
          .filter((o) => children.has(o.orgId))
          .map((o) => ({
            key: o.orgId,
            name: children.get(o.orgId)!,
            orgId: o.orgId,
            values: unitValues(o),
          })),
        total: { key: d.orgId, name: t('rep.total'), values: unitValues(d.totals) },
      },
      {
        id: 'staff',
        title: 'rep.byPerson',
        nameLabel: 'rep.name.staff',
        columns: [...columnsOf('count', ['logins', 'activeDays']), ...columnsOf('flag', ['below'])],
        lines: d.staff.map((s) => ({
          key: s.staffId,
          name: s.name,
          values: { logins: s.logins, activeDays: s.activeDays, below: s.belowStandard ? 1 : 0 },
        })),
      },
    ];
  },
});

const dataQuality = defineReport<DataQuality>({
  id: 'data-quality',
  path: '/v1/reports/data-quality',
  take: 'snapshot',
  tables: (d, { t }) => {
    const gaps = Object.keys(d.totals.gaps);
    return unitsAndStaff(
      d,
      t,
      [
        ...columnsOf('count', ['customers']),
        ...columnsOf('score', ['averageScore']),
        ...columnsOf('count', ['complete']),
        ...gaps.map((g): Column => ({
          key: `gap.${g}`,
          label: `cust.gap.${g}` as MessageKey,
          kind: 'count',
        })),
      ],
      (l) => ({
        customers: l.customers,
        averageScore: l.averageScore,
        complete: l.complete,
        ...Object.fromEntries(Object.entries(l.gaps).map(([g, n]) => [`gap.${g}`, n])),
      }),
      { kind: 'bars', columns: ['averageScore'] },
    );
  },
});

export const REPORTS: readonly ReportSpec[] = [
  tierDistribution,
  tierMigration,
  aumChange,
  performance,
  alertOutcomes,
  netOutflow,
  campaignFunnel,
  usage,
  dataQuality,
];

/** The note under a report's title (usage: the standard it counts against). */
export const reportNote = (data: unknown, t: Translate): string | undefined =>
  data && typeof data === 'object' && 'standard' in data && typeof data.standard === 'number'
    ? t('rep.standard', { n: data.standard })
    : undefined;
