// Amounts in requests: whole fen up to ¥10 billion, each failing field named with its path.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AmountFen, BalanceFen, MAX_AMOUNT_FEN, SignedAmountFen } from '#shared/validation/amount.js';
import { TransactionBatch } from '#shared/transactions/api.js';
import { BalanceBatch } from '#shared/tiering/api.js';
import { CloseAlertBody } from '#shared/monitoring/alerts-api.js';

const notAnAmount = fc.oneof(
  fc.double({ noInteger: true }),
  fc.constantFrom(Number.MAX_SAFE_INTEGER + 1, 2 ** 64, MAX_AMOUNT_FEN + 1, -MAX_AMOUNT_FEN - 1),
  fc.integer({ min: MAX_AMOUNT_FEN + 1, max: Number.MAX_SAFE_INTEGER }),
  fc.constantFrom('100', null, true, [], {}),
);

describe('amounts in fen', () => {
  it('accept whole fen within the bounds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_AMOUNT_FEN }), (n) => {
        expect(AmountFen.parse(n)).toBe(n);
        expect(BalanceFen.parse(n)).toBe(n);
        expect(SignedAmountFen.parse(-n)).toBe(-n);
      }),
    );
    expect(BalanceFen.parse(0)).toBe(0);
  });

  it('refuse fractions, unsafe integers, amounts past ¥10 billion and other types', () => {
    fc.assert(
      fc.property(notAnAmount, (value) => {
        expect(AmountFen.safeParse(value).success).toBe(false);
        expect(BalanceFen.safeParse(value).success).toBe(false);
        expect(SignedAmountFen.safeParse(value).success).toBe(false);
      }),
    );
    expect(SignedAmountFen.safeParse(0).success).toBe(false);
    expect(AmountFen.safeParse(0).success).toBe(false);
    expect(BalanceFen.safeParse(-1).success).toBe(false);
  });

  it('name every failing amount of a batch by its path', () => {
    const txn = (i: number, amountFen: number) => ({
      transactionId: `T${i}`,
      customerId: 'C0000001',
      accountId: '6222020000000101',
      assetClass: 'deposit',
      amountFen,
      direction: amountFen > 0 ? 'in' : 'out',
      channel: 'mobile',
      bookedAt: '2026-11-18T02:00:00Z',
      businessDate: '2026-11-18',
    });
    const result = TransactionBatch.safeParse({
      transactions: [txn(1, 100), txn(2, 1e13), txn(3, -1e13), txn(4, 1.5)],
    });
    expect(result.error!.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'transactions.1.amountFen',
      'transactions.2.amountFen',
      'transactions.3.amountFen',
    ]);
    const balances = BalanceBatch.safeParse({
      balances: [
        { customerId: 'C0000001', assetClass: 'deposit', businessDate: '2026-11-18', balanceFen: 2e12 },
        { customerId: 'C0000002', assetClass: 'deposit', businessDate: '2026-11-18', balanceFen: -5 },
      ],
    });
    expect(balances.error!.issues.map((i) => i.path.join('.'))).toEqual([
      'balances.0.balanceFen',
      'balances.1.balanceFen',
    ]);
    expect(CloseAlertBody.safeParse({ outcome: 'retained', note: '留住了', retainedFen: -1 }).success).toBe(
      false,
    );
  });
});
