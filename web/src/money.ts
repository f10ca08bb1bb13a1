// Money, the one place: the API speaks whole fen (分); people read and type yuan (元) with two
// decimals and thousands separators.

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0, useGrouping: true });

/** 1234567 fen → "12,345.67" (exact: integer arithmetic, no float rounding). */
export const formatFen = (fen: number): string => {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}${grouped.format(yuan)}.${cents}`;
};

/** "12,345.67" or "12345.6" → 1234567 fen; undefined when it is not an amount with at most two decimals. */
export const yuanToFen = (input: string): number | undefined => {
  const match = /^\s*(-?)(\d{1,13})(?:\.(\d{0,2}))?\s*$/.exec(input.replace(/,/g, ''));
  if (!match) return undefined;
  const fen = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  return match[1] ? -fen : fen;
};
