// 资金流向 (fund flows): where a customer's money came from and went to, per month, by counterparty
// bank and by category, summed from the cells the stream keeps (one per month × direction × bank ×
// category). And the org view: net outflow to other banks (他行净流出) of a subtree. Pure.
import { NO_COUNTERPARTY_BANK } from './effects.js';
import { monthsFrom } from './days.js';

export interface FlowCellRecord {
  month: string;
  direction: 'in' | 'out';
  bank: string;
  category: string;
  amountFen: number;
  count: number;
}

export interface FlowLine {
  inflowFen: number;
  outflowFen: number;
  netInflowFen: number;
  count: number;
}

const zero = (): FlowLine => ({ inflowFen: 0, outflowFen: 0, netInflowFen: 0, count: 0 });

const add = (line: FlowLine, cell: FlowCellRecord) => {
  if (cell.direction === 'in') line.inflowFen += cell.amountFen;
  else line.outflowFen += cell.amountFen;
  line.netInflowFen = line.inflowFen - line.outflowFen;
  line.count += cell.count;
};

const grouped = <K extends string>(
  cells: readonly FlowCellRecord[],
  keyOf: (c: FlowCellRecord) => string,
  name: K,
  render: (key: string) => unknown = (k) => k,
) => {
  const lines = new Map<string, FlowLine>();
  for (const cell of cells) {
    const key = keyOf(cell);
    const line = lines.get(key) ?? zero();
    lines.set(key, line);
    add(line, cell);
  }
  return [...lines.entries()]
    .sort(([, a], [, b]) => b.inflowFen + b.outflowFen - (a.inflowFen + a.outflowFen))
    .map(([key, line]) => ({ [name]: render(key), ...line }) as { [P in K]: unknown } & FlowLine);
};

const bankName = (bank: string) => (bank === NO_COUNTERPARTY_BANK ? null : bank);

export const fundFlowView = (
  customerId: string,
  from: string,
  to: string,
  cells: readonly FlowCellRecord[],
  ownBanks: ReadonlySet<string>,
) => {
  const totals = zero();
  for (const cell of cells) add(totals, cell);
  const otherBanks = zero();
  for (const cell of cells) {
    if (cell.bank !== NO_COUNTERPARTY_BANK && !ownBanks.has(cell.bank)) add(otherBanks, cell);
  }
  return {
    customerId,
    from,
    to,
    totals,
    /** to and from other banks (他行) only */
    otherBanks,
    byCounterpartyBank: grouped(cells, (c) => c.bank, 'counterpartyBank', bankName),
    byCategory: grouped(cells, (c) => c.category, 'category'),
    months: monthsFrom(from, to).map((month) => {
      const own = cells.filter((c) => c.month === month);
      const line = zero();
      for (const cell of own) add(line, cell);
      return {
        month,
        ...line,
        byCounterpartyBank: grouped(own, (c) => c.bank, 'counterpartyBank', bankName),
        byCategory: grouped(own, (c) => c.category, 'category'),
      };
    }),
  };
};
export type FundFlowView = ReturnType<typeof fundFlowView>;

export interface OrgFlowRecord {
  orgId: string;
  orgPath: string;
  bank: string;
  month: string;
  outFen: number;
  inFen: number;
  outCount: number;
  inCount: number;
}

export interface NetOutflowLine {
  outflowFen: number;
  inflowFen: number;
  /** outflow − inflow: positive when money leaves for other banks */
  netOutflowFen: number;
  outCount: number;
  inCount: number;
}

const zeroNet = (): NetOutflowLine => ({
  outflowFen: 0,
  inflowFen: 0,
  netOutflowFen: 0,
  outCount: 0,
  inCount: 0,
});
const addNet = (line: NetOutflowLine, r: OrgFlowRecord) => {
  line.outflowFen += r.outFen;
  line.inflowFen += r.inFen;
  line.outCount += r.outCount;
  line.inCount += r.inCount;
  line.netOutflowFen = line.outflowFen - line.inflowFen;
};

/** The unit directly below `scopePath` a record belongs to (the scope's own unit for its own records). */
export const childUnitOf = (scopePath: string, orgPath: string): string => {
  const rest = orgPath.slice(scopePath.length).split('/').filter(Boolean);
  return rest[0] ?? scopePath.split('/').filter(Boolean).pop() ?? '';
};

export const netOutflowView = (
  scope: { orgId: string; orgPath: string },
  from: string,
  to: string,
  records: readonly OrgFlowRecord[],
) => {
  const by = (keyOf: (r: OrgFlowRecord) => string) => {
    const lines = new Map<string, NetOutflowLine>();
    for (const r of records) {
      const key = keyOf(r);
      const line = lines.get(key) ?? zeroNet();
      lines.set(key, line);
      addNet(line, r);
    }
    return lines;
  };
  const totals = zeroNet();
  for (const r of records) addNet(totals, r);
  const byMonth = by((r) => r.month);
  return {
    orgId: scope.orgId,
    from,
    to,
    totals,
    byCounterpartyBank: [...by((r) => r.bank)]
      .map(([counterpartyBank, line]) => ({ counterpartyBank, ...line }))
      .sort((a, b) => b.netOutflowFen - a.netOutflowFen),
    byOrg: [...by((r) => childUnitOf(scope.orgPath, r.orgPath))]
      .map(([orgId, line]) => ({ orgId, ...line }))
      .sort((a, b) => b.netOutflowFen - a.netOutflowFen),
    byMonth: monthsFrom(from, to).map((month) => ({ month, ...(byMonth.get(month) ?? zeroNet()) })),
  };
};
