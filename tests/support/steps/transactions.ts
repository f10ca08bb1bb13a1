// Given a posted batch: the core banking system posts transactions (POST /v1/transactions as
// `core-banking`) and every stream consumer has seen them. Customers with balances are such batches:
// each customer's credits and debits, as the core banking system books them.
import { expect } from 'vitest';
import { transaction } from '../builders.js';
import { theStreamsHaveDrained, type Bank } from './bank.js';

/** Posts `transactions` in batches of at most `batchSize`, each accepted, then waits for the streams. */
export const aPostedBatch = async (
  bank: Bank,
  transactions: unknown[],
  { batchSize = transactions.length }: { batchSize?: number } = {},
): Promise<void> => {
  for (let i = 0; i < transactions.length; i += batchSize) {
    const response = await bank.api.post('core-banking', '/v1/transactions', {
      transactions: transactions.slice(i, i + batchSize),
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
  }
  await theStreamsHaveDrained(bank);
};

/**
 * A credit (amount > 0) or a debit of one customer's account: the amount in fen and, where a test
 * cares, the business day (booked at 10:00 Shanghai that day), the asset class, the channel…
 */
export type Movement = { amountFen: number; businessDate?: string } & Record<string, unknown>;

/**
 * Customers with balances: every customer's movements, debits first (seen without them, a credit
 * would make the month so far look richer than it is), in batches of 50.
 */
export const customersWithBalances = (bank: Bank, movements: Record<string, Movement[]>): Promise<void> => {
  const all = Object.entries(movements).flatMap(([customerId, own]) =>
    own.map((m) =>
      transaction({
        customerId,
        ...(m.businessDate ? { bookedAt: `${m.businessDate}T02:00:00.000Z` } : {}),
        ...m,
      }),
    ),
  );
  const ordered = [...all.filter((t) => t.amountFen < 0), ...all.filter((t) => t.amountFen > 0)];
  return aPostedBatch(bank, ordered, { batchSize: 50 });
};

export const aCustomerWithBalances = (bank: Bank, customerId: string, movements: Movement[]): Promise<void> =>
  customersWithBalances(bank, { [customerId]: movements });

/**
 * The movements of the i-th customer: pattern i (round the list) of [amount, business day], amounts
 * scaled by k, so that customers sit on either side of a policy's thresholds.
 */
export const movementsOfPattern = (
  patterns: readonly (readonly (readonly [number, string])[])[],
  i: number,
  k: number,
): { amountFen: number; businessDate: string }[] =>
  patterns[i % patterns.length]!.map(([amount, businessDate]) => ({
    amountFen: Math.round(amount * k),
    businessDate,
  }));
