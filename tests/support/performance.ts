// The performance aggregates' reference model: every figure summed by brute force straight from the
// ledger, for the unit property (in-memory store) and the integration property (DynamoDB Local).
import { unitsOnPath, type Figures } from '#shared/performance/aggregate.js';
import type { LedgerEntry } from '#shared/performance/entry.js';
import { periodsOf } from '#shared/performance/period.js';

/** Brute force, straight from the ledger: every credit, every unit above it, every period. */
export const bruteForce = (ledger: LedgerEntry[]) => {
  const sums = new Map<string, Figures>();
  const add = (key: string, amountFen: number, points: number, count: number) => {
    const f = sums.get(key) ?? { amountFen: 0, points: 0, count: 0 };
    sums.set(key, { amountFen: f.amountFen + amountFen, points: f.points + points, count: f.count + count });
  };
  for (const entry of ledger) {
    const sign = entry.kind === 'registration' ? 1 : -1;
    for (const period of periodsOf(entry.businessDate)) {
      for (const category of ['ALL', entry.category]) {
        for (const credit of entry.credits)
          add(`S#${credit.staffId}|${period}|${category}`, credit.amountFen, credit.points, sign);
        const units = new Set(entry.credits.flatMap((c) => unitsOnPath(c.orgPath)));
        for (const unit of units) {
          const inUnit = entry.credits.filter((c) => unitsOnPath(c.orgPath).includes(unit));
          add(
            `O#${unit}|${period}|${category}`,
            inUnit.reduce((s, c) => s + c.amountFen, 0),
            inUnit.reduce((s, c) => s + c.points, 0),
            sign,
          );
        }
      }
    }
  }
  return sums;
};
