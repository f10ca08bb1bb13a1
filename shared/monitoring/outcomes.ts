// The alert-outcome aggregates (预警处置结果): per org unit, rule and cohort month (the month the alert's
// trigger happened), counters ADDed in the same transaction as the alert write that causes them —
// raised, escalated, closed by outcome, amounts at risk and retained — so the report is a sum of
// small items, never a scan of alerts. Pure: which counters a change adds, and the report's rows.
import { OUTCOMES, type Alert, type Outcome } from './alert.js';

export type Counters = Record<string, number>;

export const raisedCounters = (alert: Alert): Counters => ({ raised: 1, atRiskFen: alert.amountAtRiskFen });

export const escalatedCounters = (): Counters => ({ escalated: 1 });

export const closedCounters = (alert: Alert): Counters => {
  const hours = Math.max(0, (Date.parse(alert.closedAt!) - Date.parse(alert.raisedAt)) / 3_600_000);
  return {
    closed: 1,
    [`closed_${alert.outcome!}`]: 1,
    [`atRiskFen_${alert.outcome!}`]: alert.amountAtRiskFen,
    retainedFen: alert.retainedFen ?? (alert.outcome === 'retained' ? alert.amountAtRiskFen : 0),
    closedWithinSla: alert.closedAt! <= alert.dueAt ? 1 : 0,
    hoursToClose: Math.round(hours * 100) / 100,
  };
};

export const alertsPartition = (branchId: string, month: string) => `alerts#${branchId}#${month}`;

export interface OutcomeCell {
  orgId?: string;
  orgPath: string;
  ruleId: string;
  month: string;
  counters: Counters;
}

export interface OutcomeRow {
  ruleId: string;
  raised: number;
  atRiskFen: number;
  escalated: number;
  open: number;
  closed: number;
  closedWithinSla: number;
  outcomes: Record<Outcome, { count: number; atRiskFen: number }>;
  /** retained outright, or the part the RM recorded as kept */
  retainedFen: number;
  /** (retained + partially retained) ÷ (closed − not applicable); undefined when nothing counts */
  retentionRate?: number;
  averageHoursToClose?: number;
}

const emptyRow = (ruleId: string): OutcomeRow => ({
  ruleId,
  raised: 0,
  atRiskFen: 0,
  escalated: 0,
  open: 0,
  closed: 0,
  closedWithinSla: 0,
  outcomes: Object.fromEntries(
    OUTCOMES.map((o) => [o, { count: 0, atRiskFen: 0 }]),
  ) as OutcomeRow['outcomes'],
  retainedFen: 0,
});

/** Sums cells into one row per rule and a total row (ruleId `*`). */
export const outcomeReport = (cells: readonly OutcomeCell[]): { rows: OutcomeRow[]; total: OutcomeRow } => {
  const rows = new Map<string, OutcomeRow & { hours: number }>();
  const total = { ...emptyRow('*'), hours: 0 };
  for (const cell of cells) {
    const row = rows.get(cell.ruleId) ?? { ...emptyRow(cell.ruleId), hours: 0 };
    rows.set(cell.ruleId, row);
    for (const target of [row, total]) {
      const c = cell.counters;
      target.raised += c.raised ?? 0;
      target.atRiskFen += c.atRiskFen ?? 0;
      target.escalated += c.escalated ?? 0;
      target.closed += c.closed ?? 0;
      target.closedWithinSla += c.closedWithinSla ?? 0;
      target.retainedFen += c.retainedFen ?? 0;
      target.hours += c.hoursToClose ?? 0;
      for (const outcome of OUTCOMES) {
        target.outcomes[outcome].count += c[`closed_${outcome}`] ?? 0;
        target.outcomes[outcome].atRiskFen += c[`atRiskFen_${outcome}`] ?? 0;
      }
    }
  }
  const finish = ({ hours, ...row }: OutcomeRow & { hours: number }): OutcomeRow => {
    const counted = row.closed - row.outcomes.not_applicable.count;
    const kept = row.outcomes.retained.count + row.outcomes.partially_retained.count;
    return {
      ...row,
      open: row.raised - row.closed,
      ...(counted > 0 ? { retentionRate: Math.round((kept / counted) * 10_000) / 10_000 } : {}),
      ...(row.closed > 0 ? { averageHoursToClose: Math.round((hours / row.closed) * 100) / 100 } : {}),
    };
  };
  return {
    rows: [...rows.values()].sort((a, b) => (a.ruleId < b.ruleId ? -1 : 1)).map(finish),
    total: finish(total),
  };
};
