// What the generic report view draws: a report is described once (its route, the period it takes,
// and how its answer becomes tables of lines and columns); every table is a chart and a table. Pure.
import type { MessageKey, Translate } from '../i18n/i18n';
import type { PeriodTake } from './period';

/** How a cell reads: a count, money in fen (shown in yuan), a percentage, a 0–1 ratio, a score, hours, yes/no. */
export type CellKind = 'count' | 'fen' | 'pct' | 'ratio' | 'score' | 'hours' | 'flag';

export interface Column {
  key: string;
  label: MessageKey;
  kind: CellKind;
}

export type Values = Record<string, number | null | undefined>;

export interface Line {
  key: string;
  name: string;
  /** a line about a child org unit: clicking it drills down */
  orgId?: string;
  values: Values;
}

export type ChartKind = 'bars' | 'stack' | 'line' | 'stages';

export interface ReportTable {
  id: string;
  title: MessageKey;
  /** the header of the name column */
  nameLabel: MessageKey;
  columns: Column[];
  lines: Line[];
  total?: Line;
  /**
   * drawn from these columns (all of one kind): bars per line (grouped or stacked), a line over the
   * lines, or `stages` — one bar per column of the total (a funnel)
   */
  chart?: { kind: ChartKind; columns: string[] };
}

export type ReportId =
  | 'tier-distribution'
  | 'tier-migration'
  | 'aum-change'
  | 'performance'
  | 'alert-outcomes'
  | 'net-outflow'
  | 'campaign-funnel'
  | 'usage'
  | 'data-quality';

export interface ReportContext {
  t: Translate;
  /** the names of the org unit's direct children (GET /v1/orgs/{id}/children), for reports that give ids only */
  children: ReadonlyMap<string, string>;
}

export interface ReportSpec {
  id: ReportId;
  path: string;
  take: PeriodTake;
  /** the report names its units by id only: the children's names are fetched */
  needsChildren?: boolean;
  tables(data: unknown, context: ReportContext): ReportTable[];
}

/** A report's description, typed by its answer (the view hands the answer back untyped). */
export const defineReport = <D>(
  spec: Omit<ReportSpec, 'tables'> & { tables(data: D, context: ReportContext): ReportTable[] },
): ReportSpec => ({ ...spec, tables: (data, context) => spec.tables(data as D, context) });

export const columnsOf = (kind: CellKind, keys: readonly string[]): Column[] =>
  keys.map((key) => ({ key, kind, label: `rep.col.${key}` as MessageKey }));
