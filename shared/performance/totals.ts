// An aggregate's figures in total and per product category, and their sum (an org unit's write
// shards are summed on read).
import type { ProductCategory } from '#shared/products/product.js';
import { addFigures, ZERO, type Figures } from './aggregate.js';
import type { Totals } from './ports.js';

export const EMPTY_TOTALS: Totals = { total: ZERO, byCategory: {} };

export const addTotals = (a: Totals, b: Totals): Totals => {
  const byCategory: Totals['byCategory'] = { ...a.byCategory };
  for (const [category, figures] of Object.entries(b.byCategory) as [ProductCategory, Figures][]) {
    byCategory[category] = addFigures(byCategory[category] ?? ZERO, figures);
  }
  return { total: addFigures(a.total, b.total), byCategory };
};
