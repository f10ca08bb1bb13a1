// The selection as CSV: a header row, one line per customer, RFC 4180 quoting, a BOM so Excel reads
// the Chinese, and a leading ' on a cell that a spreadsheet would run as a formula (=, +, -, @).
export const csvCell = (value: string | number | boolean | undefined): string => {
  let text = value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export const toCsv = (
  header: readonly string[],
  rows: readonly (readonly (string | number | boolean | undefined)[])[],
) => '\uFEFF' + [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';

export const download = (filename: string, text: BlobPart, type = 'text/csv;charset=utf-8'): void => {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
};
