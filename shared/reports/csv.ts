// Reports as CSV (下载): one row per line of the report — the org unit itself (`total`), each child
// unit (`org`), each RM (`rm`), each campaign … — nested figures flattened to dotted columns. Pure.
// RFC 4180 quoting, CRLF line ends, and a UTF-8 BOM so spreadsheet software reads Chinese names.

export type Flat = Record<string, string | number | boolean | null>;

export const flatten = (value: unknown, prefix = '', out: Flat = {}): Flat => {
  if (value === null || value === undefined) {
    if (prefix) out[prefix] = null;
  } else if (Array.isArray(value)) {
    out[prefix] = value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(';');
  } else if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    out[prefix] = value;
  }
  return out;
};

// A cell a spreadsheet would run as a formula (CSV injection): = + - @, TAB or CR first, and their
// full-width forms, which spreadsheet software in a Chinese locale may read as the ASCII ones.
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** The cell's text as a spreadsheet should show it: a would-be formula is quoted as text with `'`. */
export const guardCell = (value: string | number | boolean): string => {
  const text = String(value);
  if (typeof value !== 'string' || PLAIN_NUMBER.test(text)) return text; // numbers stay numbers
  return FORMULA_START.test(text) ? `'${text}` : text;
};

const cell = (value: Flat[string] | undefined): string => {
  if (value === null || value === undefined) return '';
  const guarded = guardCell(value);
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
};

export const toCsv = (rows: readonly Flat[], leading: readonly string[] = []): string => {
  const columns = [...leading];
  for (const row of rows) for (const k of Object.keys(row)) if (!columns.includes(k)) columns.push(k);
  const lines = [columns.map((c) => cell(c)), ...rows.map((r) => columns.map((c) => cell(r[c])))];
  return '\uFEFF' + lines.map((l) => l.join(',')).join('\r\n') + '\r\n';
};

/** A report's lines: the org unit's totals, then each list the report holds (orgs, managers, …). */
export interface ReportLines {
  report: string;
  orgId: string;
  period?: string;
  month?: string;
}

export const reportCsv = (
  report: ReportLines & Record<string, unknown>,
  sections: readonly { level: string; field: string; id: string }[],
): string => {
  const head = { report: report.report, period: report.period ?? report.month ?? null };
  const rows: Flat[] = [];
  if (report.totals && typeof report.totals === 'object')
    rows.push({ ...head, level: 'total', id: report.orgId, ...flatten(report.totals) });
  for (const { level, field, id } of sections) {
    const list = report[field];
    if (!Array.isArray(list)) continue;
    for (const line of list as Record<string, unknown>[]) {
      const { [id]: name, ...rest } = line;
      rows.push({ ...head, level, id: typeof name === 'string' ? name : '', ...flatten(rest) });
    }
  }
  return toCsv(rows, ['report', 'period', 'level', 'id']);
};
