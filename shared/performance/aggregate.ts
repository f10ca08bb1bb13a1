// What a ledger entry adds to the aggregates (业绩汇总): per staff member and per org unit up the
// tree, per period (day, month, quarter, year), in total and per product category: amount, points
// and count. Pure: the stream handler writes these updates; tests sum the ledger to check them.
//
// Counting: an entry counts once in every aggregate it touches (+1 for a registration, −1 for its
// reversal), however many of its credits fall there; amounts and points are the credited parts, so
// an org unit holds exactly the sum of its staff's credits.
import type { ProductCategory } from '#shared/products/product.js';
import type { LedgerEntry } from './entry.js';
import { periodsOf } from './period.js';

export interface Figures {
  amountFen: number;
  points: number;
  count: number;
}

export const ZERO: Figures = { amountFen: 0, points: 0, count: 0 };

export const addFigures = (a: Figures, b: Figures): Figures => ({
  amountFen: a.amountFen + b.amountFen,
  points: a.points + b.points,
  count: a.count + b.count,
});

/** Where a staff aggregate shows on leaderboards (the org the credit was registered under). */
export interface BoardPlacement {
  staffId: string;
  staffName: string;
  orgId: string;
  orgPath: string;
}

export interface AggregateUpdate {
  subject: { kind: 'staff'; staffId: string } | { kind: 'org'; orgId: string };
  period: string;
  category: ProductCategory;
  figures: Figures;
  /** Staff only. */
  placement?: BoardPlacement;
}

/** `/HO/BJ/BJ-CY/` → `['HO', 'BJ', 'BJ-CY']`: the unit and every unit above it. */
export const unitsOnPath = (orgPath: string): string[] => orgPath.split('/').filter(Boolean);

export const subjectKey = (subject: AggregateUpdate['subject']): string =>
  subject.kind === 'staff' ? `S#${subject.staffId}` : `O#${subject.orgId}`;

/** Every aggregate update of an entry, in a stable order (subject, then period). */
export const aggregateUpdatesOf = (entry: LedgerEntry): AggregateUpdate[] => {
  const count = entry.kind === 'registration' ? 1 : -1;
  const bySubject = new Map<
    string,
    { subject: AggregateUpdate['subject']; figures: Figures; placement?: BoardPlacement }
  >();
  const add = (
    subject: AggregateUpdate['subject'],
    amountFen: number,
    points: number,
    placement?: BoardPlacement,
  ) => {
    const key = subjectKey(subject);
    const current = bySubject.get(key);
    if (current) {
      current.figures.amountFen += amountFen;
      current.figures.points += points;
    } else {
      bySubject.set(key, {
        subject,
        figures: { amountFen, points, count },
        ...(placement ? { placement } : {}),
      });
    }
  };
  for (const credit of entry.credits) {
    add({ kind: 'staff', staffId: credit.staffId }, credit.amountFen, credit.points, {
      staffId: credit.staffId,
      staffName: credit.staffName,
      orgId: credit.orgId,
      orgPath: credit.orgPath,
    });
    for (const orgId of unitsOnPath(credit.orgPath))
      add({ kind: 'org', orgId }, credit.amountFen, credit.points);
  }
  const subjects = [...bySubject.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return subjects.flatMap(([, { subject, figures, placement }]) =>
    periodsOf(entry.businessDate).map((period) => ({
      subject,
      period,
      category: entry.category,
      figures: { ...figures },
      ...(placement ? { placement } : {}),
    })),
  );
};

/**
 * Updates per TransactWriteItems, leaving room for the claim marker (the limit is 100 items).
 * Chunks depend on the entry alone, so a redelivered entry claims the same chunks again.
 */
export const UPDATES_PER_TRANSACTION = 99;

export const chunksOf = <T>(items: readonly T[], size = UPDATES_PER_TRANSACTION): T[][] => {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
};

/** FNV-1a: a stable, well-spread hash of an entry id, to pick the write shard of hot counters. */
export const shardOf = (entryId: string, shards: number): number => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < entryId.length; i++) {
    hash ^= entryId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % Math.max(1, shards);
};
