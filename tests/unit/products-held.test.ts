// Products held (持有产品), one rule for the customer 360 and campaign audiences: against brute-force
// references on every ledger the system can write (registrations of 1 fen or more, each reversed at
// most once by an entry that negates it, in any order).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { productIdsHeld, productsHeld, type HeldLine } from '#shared/performance/products-held.js';

const PRODUCTS = ['P1', 'P2', 'P3', 'P4'];

const ledgerArb = fc
  .array(
    fc.record({
      productId: fc.constantFrom(...PRODUCTS),
      amountFen: fc.integer({ min: 1, max: 1_000_000_000 }),
      day: fc.integer({ min: 1, max: 28 }),
      reversed: fc.boolean(),
    }),
    { maxLength: 30 },
  )
  .chain((sales) => {
    const lines: HeldLine[] = sales.flatMap((sale, i) => {
      const registration: HeldLine = {
        kind: 'registration',
        registrationId: `G${i}`,
        productId: sale.productId,
        productName: `name of ${sale.productId}`,
        category: 'deposit',
        amountFen: sale.amountFen,
        businessDate: `2026-11-${String(sale.day).padStart(2, '0')}`,
      };
      return sale.reversed
        ? [registration, { ...registration, kind: 'reversal' as const, amountFen: -sale.amountFen }]
        : [registration];
    });
    return fc.shuffledSubarray(lines, { minLength: lines.length, maxLength: lines.length });
  });

/** What campaign audiences computed before: the signed amounts per product, held when above zero. */
const heldByNetting = (lines: readonly HeldLine[]): Set<string> => {
  const net = new Map<string, number>();
  for (const l of lines) net.set(l.productId, (net.get(l.productId) ?? 0) + l.amountFen);
  return new Set([...net].filter(([, fen]) => fen > 0).map(([id]) => id));
};

/** Each product, by brute force: its registrations that no reversal names. */
const heldByProduct = (lines: readonly HeldLine[]) =>
  PRODUCTS.flatMap((productId) => {
    const kept = lines.filter(
      (l) =>
        l.kind === 'registration' &&
        l.productId === productId &&
        !lines.some((r) => r.kind === 'reversal' && r.registrationId === l.registrationId),
    );
    if (!kept.length) return [];
    return [
      {
        productId,
        amountFen: kept.reduce((sum, l) => sum + l.amountFen, 0),
        registrations: kept.length,
        lastRegisteredOn: kept
          .map((l) => l.businessDate)
          .sort()
          .at(-1),
      },
    ];
  });

describe('products held', () => {
  it('are the products with a registration not reversed, each summed, largest first', () => {
    fc.assert(
      fc.property(ledgerArb, (lines) => {
        const held = productsHeld(lines);
        const expected = heldByProduct(lines).sort(
          (a, b) => b.amountFen - a.amountFen || a.productId.localeCompare(b.productId),
        );
        expect(held.map(({ productName: _n, category: _c, ...rest }) => rest)).toEqual(expected);
      }),
    );
  });

  it('are, on any ledger the system writes, the products whose signed amounts net above zero', () => {
    fc.assert(
      fc.property(ledgerArb, (lines) => {
        expect(productIdsHeld(lines)).toEqual(heldByNetting(lines));
      }),
    );
  });

  it('ignore a reversal whose registration is not in the lines (netting would not: a ledger we never write)', () => {
    const registration: HeldLine = {
      kind: 'registration',
      registrationId: 'G1',
      productId: 'P1',
      productName: 'P1',
      category: 'fund',
      amountFen: 100,
      businessDate: '2026-11-02',
    };
    const orphan: HeldLine = { ...registration, registrationId: 'G0', kind: 'reversal', amountFen: -100 };
    expect([...productIdsHeld([registration, orphan])]).toEqual(['P1']);
    expect([...heldByNetting([registration, orphan])]).toEqual([]);
  });
});
