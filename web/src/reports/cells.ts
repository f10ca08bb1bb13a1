// How a report's figure reads in a table cell (and in the Playwright check that compares it with the API).
import { formatFen } from '../money';
import type { Translate } from '../i18n/i18n';
import type { CellKind } from './model';

const grouped = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });

export const formatCell = (kind: CellKind, value: number | null | undefined, t: Translate): string => {
  if (value == null) return '—';
  switch (kind) {
    case 'fen':
      return formatFen(value);
    case 'pct':
      return `${grouped.format(value)}%`;
    case 'ratio':
      return `${grouped.format(Math.round(value * 1000) / 10)}%`;
    case 'score':
    case 'hours':
      return value.toFixed(1);
    case 'flag':
      return value ? t('rep.yes') : t('rep.no');
    case 'count':
      return grouped.format(value);
  }
};
