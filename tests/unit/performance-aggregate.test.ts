// The aggregates the ledger stream keeps equal a brute-force sum of the ledger, whatever the order of
// delivery, however many duplicates, with a crash between chunks, and whatever the shard count.
// The store here is an in-memory twin of the DynamoDB adapter (claim marker + ADDs, all or nothing);
// the DynamoDB one is held to the same model in tests/integration/performance-property.test.ts.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  aggregateUpdatesOf,
  chunksOf,
  unitsOnPath,
  UPDATES_PER_TRANSACTION,
} from '#shared/performance/aggregate.js';
import { applyEntry } from '#shared/performance/apply-entry.js';
import type { AggregateStore, BoardRow, ChunkToApply, Totals } from '#shared/performance/ports.js';
import { addTotals, EMPTY_TOTALS } from '#shared/performance/totals.js';
import { reversalOf, type LedgerEntry } from '#shared/performance/entry.js';
import { pointsOf, splitByShares } from '#shared/performance/exact.js';
import { periodsOf } from '#shared/performance/period.js';
import { rankRows } from '#shared/performance/leaderboard.js';
import { PRODUCT_CATEGORIES, type ProductCategory } from '#shared/products/product.js';
import { bruteForce } from '../support/performance.js';

const STAFF = [
  { staffId: 'rm-wj-1', orgPath: '/HO/BJ/BJ-CY/BJ-CY-WJ/' },
  { staffId: 'rm-wj-2', orgPath: '/HO/BJ/BJ-CY/BJ-CY-WJ/' },
  { staffId: 'rm-gm-1', orgPath: '/HO/BJ/BJ-CY/BJ-CY-GM/' },
  { staffId: 'bm-bj-cy', orgPath: '/HO/BJ/BJ-CY/' },
  { staffId: 'rm-pd-1', orgPath: '/HO/SH/SH-PD/SH-PD-LJZ/' },
  { staffId: 'rm-ho-1', orgPath: '/HO/' },
];
const DATES = ['2026-03-31', '2026-04-01', '2026-12-31', '2027-01-01'];
const CATEGORIES: ProductCategory[] = ['wealth', 'fund', 'insurance'];

const sharesOf = (cuts: number[]) => {
  const points = [0, ...[...new Set(cuts)].sort((a, b) => a - b), 100];
  return points.slice(1).map((p, i) => p - points[i]!);
};

const registration = (
  i: number,
  spec: {
    staff: number[];
    cuts: number[];
    amountFen: number;
    weightBp: number;
    date: number;
    category: number;
  },
): LedgerEntry => {
  const staff = [...new Set(spec.staff)].map((s) => STAFF[s]!);
  const shares = sharesOf(spec.cuts.filter((c) => c > 0 && c < 100)).slice(0, staff.length);
  while (shares.length < staff.length) shares.push(0);
  // fold the leftover into the last share so they total 100 with one share per staff member
  shares[shares.length - 1]! += 100 - shares.reduce((a, b) => a + b, 0);
  const points = pointsOf(spec.amountFen, spec.weightBp);
  const amounts = splitByShares(spec.amountFen, shares);
  const pointParts = splitByShares(points, shares);
  const businessDate = DATES[spec.date]!;
  const entryId = `P${String(i).padStart(4, '0')}`;
  return {
    entryId,
    kind: 'registration',
    registrationId: entryId,
    channel: 'counter',
    externalRef: `X-${i}`,
    customerId: 'C1',
    customerOrgId: 'BJ-CY-WJ',
    customerOrgPath: '/HO/BJ/BJ-CY/BJ-CY-WJ/',
    customerManagerId: 'rm-wj-1',
    productId: 'P1',
    productName: 'P1',
    category: CATEGORIES[spec.category]!,
    productRiskLevel: 'R2',
    suitability: 'suitable',
    weightBp: spec.weightBp,
    weightSource: 'product',
    amountFen: spec.amountFen,
    points,
    credits: staff.map((s, k) => ({
      staffId: s.staffId,
      staffName: s.staffId,
      sharePct: shares[k]!,
      amountFen: amounts[k]!,
      points: pointParts[k]!,
      orgId: unitsOnPath(s.orgPath).at(-1)!,
      orgPath: s.orgPath,
    })),
    occurredAt: `${businessDate}T02:00:00.000Z`,
    businessDate,
    recordedBy: 'core-banking',
    recordedAt: '2027-01-02T00:00:00.000Z',
    correlationId: 'c',
    customerKey: `k#${entryId}`,
  };
};

const ledgerArbitrary = fc
  .array(
    fc.record({
      staff: fc.array(fc.integer({ min: 0, max: STAFF.length - 1 }), { minLength: 1, maxLength: 4 }),
      cuts: fc.array(fc.integer({ min: 1, max: 99 }), { maxLength: 3 }),
      amountFen: fc.integer({ min: 1, max: 10_000_000_000 }),
      weightBp: fc.integer({ min: 0, max: 30_000 }),
      date: fc.integer({ min: 0, max: DATES.length - 1 }),
      category: fc.integer({ min: 0, max: CATEGORIES.length - 1 }),
      reversed: fc.boolean(),
    }),
    { minLength: 1, maxLength: 25 },
  )
  .map((specs) => {
    const entries: LedgerEntry[] = [];
    specs.forEach((spec, i) => {
      const reg = registration(i, spec);
      entries.push(reg);
      if (spec.reversed) {
        entries.push(
          reversalOf(reg, {
            entryId: `R${String(i).padStart(4, '0')}`,
            reason: 'wrong',
            recordedBy: 'admin',
            recordedAt: '2027-01-03T00:00:00.000Z',
            correlationId: 'c',
          }),
        );
      }
    });
    return entries;
  });

/** In-memory twin of the DynamoDB aggregate store: a chunk's claim and ADDs all or nothing. */
const memoryStore = (options: { failOnce?: Set<number> } = {}) => {
  const claims = new Set<string>();
  const items = new Map<string, Totals & { placement?: BoardRow['placement'] }>();
  let applies = 0;
  const store: AggregateStore = {
    async apply({ entryId, chunk, updates, shard }: ChunkToApply) {
      applies += 1;
      if (options.failOnce?.delete(applies)) throw new Error('crash between chunks');
      const claim = `${entryId}#${chunk}`;
      if (claims.has(claim)) return 'duplicate';
      claims.add(claim);
      for (const u of updates) {
        const key =
          u.subject.kind === 'staff'
            ? `S#${u.subject.staffId}|${u.period}`
            : `O#${u.subject.orgId}#${shard}|${u.period}`;
        const current = items.get(key) ?? EMPTY_TOTALS;
        const next = addTotals(current, { total: u.figures, byCategory: { [u.category]: u.figures } });
        items.set(key, { ...next, ...(u.placement ? { placement: u.placement } : {}) });
      }
      return 'applied';
    },
    async orgTotals(orgIds, period, shards) {
      return new Map(
        orgIds.map((orgId) => [
          orgId,
          Array.from(
            { length: shards },
            (_, s) => items.get(`O#${orgId}#${s}|${period}`) ?? EMPTY_TOTALS,
          ).reduce(addTotals, EMPTY_TOTALS),
        ]),
      );
    },
    async staffTotals(staffId, period) {
      return items.get(`S#${staffId}|${period}`) ?? EMPTY_TOTALS;
    },
    async board(_branches, orgPath, period) {
      return [...items.entries()]
        .filter(
          ([key, item]) =>
            key.startsWith('S#') && key.endsWith(`|${period}`) && item.placement?.orgPath.startsWith(orgPath),
        )
        .map(([, item]) => ({ placement: item.placement!, totals: item }));
    },
  };
  return store;
};

const ZERO = { amountFen: 0, points: 0, count: 0 };
const PERIODS = [...new Set(DATES.flatMap(periodsOf))];
const ORGS = [...new Set(STAFF.flatMap((s) => unitsOnPath(s.orgPath)))];

const expectStoreToMatch = async (store: AggregateStore, ledger: LedgerEntry[], shards: number) => {
  const expected = bruteForce(ledger);
  for (const period of PERIODS) {
    const orgs = await store.orgTotals(ORGS, period, shards);
    for (const orgId of ORGS) {
      const totals = orgs.get(orgId)!;
      expect(totals.total, `${orgId} ${period}`).toEqual(expected.get(`O#${orgId}|${period}|ALL`) ?? ZERO);
      for (const category of PRODUCT_CATEGORIES) {
        expect(totals.byCategory[category] ?? ZERO).toEqual(
          expected.get(`O#${orgId}|${period}|${category}`) ?? ZERO,
        );
      }
    }
    for (const { staffId } of STAFF) {
      const totals = await store.staffTotals(staffId, period);
      expect(totals.total, `${staffId} ${period}`).toEqual(
        expected.get(`S#${staffId}|${period}|ALL`) ?? ZERO,
      );
      for (const category of CATEGORIES) {
        expect(totals.byCategory[category] ?? ZERO).toEqual(
          expected.get(`S#${staffId}|${period}|${category}`) ?? ZERO,
        );
      }
    }
  }
};

describe('ledger → aggregates', () => {
  it('equal a brute-force sum of the ledger, delivered in any order with duplicates and crashes (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        ledgerArbitrary.chain((ledger) =>
          fc.record({
            ledger: fc.constant(ledger),
            // every entry at least once, some again, in a random order
            deliveries: fc
              .tuple(
                fc.shuffledSubarray(ledger, { minLength: ledger.length }),
                fc.array(fc.constantFrom(...ledger), { maxLength: 10 }),
              )
              .chain(([all, again]) =>
                fc.shuffledSubarray([...all, ...again], { minLength: all.length + again.length }),
              ),
            shards: fc.integer({ min: 1, max: 8 }),
            crashes: fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { maxLength: 3 }),
          }),
        ),
        async ({ ledger, deliveries, shards, crashes }) => {
          const store = memoryStore({ failOnce: new Set(crashes) });
          for (const entry of deliveries) {
            // a failed record is retried by the event source mapping until it goes through
            for (;;) {
              try {
                await applyEntry(store, entry, shards);
                break;
              } catch {
                // retried
              }
            }
          }
          await expectStoreToMatch(store, ledger, shards);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a registration and its reversal net to zero in every aggregate they touched', async () => {
    const reg = registration(1, {
      staff: [0, 2, 4],
      cuts: [30, 70],
      amountFen: 1_000_001,
      weightBp: 12_500,
      date: 2,
      category: 0,
    });
    const rev = reversalOf(reg, {
      entryId: 'R1',
      reason: 'x',
      recordedBy: 'a',
      recordedAt: 't',
      correlationId: 'c',
    });
    const store = memoryStore();
    await applyEntry(store, rev, 4); // the reversal may arrive first
    await applyEntry(store, reg, 4);
    for (const period of periodsOf(reg.businessDate)) {
      for (const totals of (await store.orgTotals(ORGS, period, 4)).values())
        expect(totals.total).toEqual(ZERO);
      for (const { staffId } of STAFF) expect((await store.staffTotals(staffId, period)).total).toEqual(ZERO);
    }
  });

  it('counts an entry once per unit, however many of its credits fall there', () => {
    const reg = registration(2, {
      staff: [0, 1],
      cuts: [40],
      amountFen: 1000,
      weightBp: 10_000,
      date: 0,
      category: 1,
    });
    const outlet = aggregateUpdatesOf(reg).filter(
      (u) => u.subject.kind === 'org' && u.subject.orgId === 'BJ-CY-WJ',
    );
    expect(outlet.map((u) => u.period)).toEqual(periodsOf('2026-03-31'));
    expect(outlet[0]!.figures).toEqual({ amountFen: 1000, points: 1000, count: 1 });
  });

  it('splits an entry too big for one transaction into chunks, each applied once', async () => {
    const many = Array.from({ length: 20 }, (_, i) => ({ staffId: `s${i}`, orgPath: `/HO/B${i}/O${i}/` }));
    const reg = registration(3, {
      staff: [0],
      cuts: [],
      amountFen: 2000,
      weightBp: 10_000,
      date: 1,
      category: 0,
    });
    reg.credits = many.map((s) => ({
      staffId: s.staffId,
      staffName: s.staffId,
      sharePct: 5,
      amountFen: 100,
      points: 100,
      orgId: unitsOnPath(s.orgPath).at(-1)!,
      orgPath: s.orgPath,
    }));
    const updates = aggregateUpdatesOf(reg);
    expect(updates.length).toBe((20 + 1 + 20 + 20) * 4);
    expect(chunksOf(updates).every((c) => c.length <= UPDATES_PER_TRANSACTION)).toBe(true);
    const store = memoryStore({ failOnce: new Set([2]) });
    await expect(applyEntry(store, reg, 2)).rejects.toThrow(/crash/);
    expect(await applyEntry(store, reg, 2)).toEqual({ chunks: 3, applied: 2 });
    expect(await applyEntry(store, reg, 2)).toEqual({ chunks: 3, applied: 0 });
    expect((await store.orgTotals(['HO'], '2026-04', 2)).get('HO')!.total).toEqual({
      amountFen: 2000,
      points: 2000,
      count: 1,
    });
    expect((await store.orgTotals(['B7'], '2026', 2)).get('B7')!.total).toEqual({
      amountFen: 100,
      points: 100,
      count: 1,
    });
  });

  it('stays exact when the shard count is raised between deliveries', async () => {
    const ledger = Array.from({ length: 30 }, (_, i) =>
      registration(i, {
        staff: [i % STAFF.length],
        cuts: [],
        amountFen: 1000 + i,
        weightBp: 15_000,
        date: i % 4,
        category: i % 3,
      }),
    );
    const store = memoryStore();
    for (const [i, entry] of ledger.entries()) await applyEntry(store, entry, i < 15 ? 2 : 8);
    await expectStoreToMatch(store, ledger, 8);
  });
});

describe('ranking', () => {
  it('is competition ranking: ties share a rank, the next rank skips (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ id: fc.string(), v: fc.integer({ min: -5, max: 5 }) })), (rows) => {
        const ranked = rankRows(
          rows,
          (r) => r.v,
          (r) => r.id,
        );
        ranked.forEach((row) => {
          expect(row.rank).toBe(1 + rows.filter((r) => r.v > row.v).length);
        });
        for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1]!.v >= ranked[i]!.v).toBe(true);
      }),
    );
  });
});
