// The demo feed's transactions are valid input, never spend what the feed did not put there, and
// include inflows large enough to move a tier the day they land.
import { describe, expect, it } from 'vitest';
import { TransactionInput } from '#shared/transactions/transaction.js';
import { seededRandom } from '#infra/local/seed/demo-bank.js';
import { feedTransactions, startTransactionFeed, type FeedTransaction } from '#infra/local/feed.js';
import { fixedClock } from '#shared/clock.js';

describe('demo transaction feed', () => {
  it('makes valid, plausible transactions that never take out more than went in', () => {
    const random = seededRandom('feed-test');
    const held = new Map<string, number>();
    const customers = ['C0000001', 'C0000002', 'C0000003'];
    let n = 0;
    const made: FeedTransaction[] = [];
    for (let i = 0; i < 3000; i++) {
      made.push(
        ...feedTransactions(
          random,
          random.pick(customers),
          held,
          new Date('2026-11-20T04:00:00Z'),
          () => `F-${++n}`,
          0.1,
        ),
      );
    }
    for (const t of made) expect(TransactionInput.safeParse(t).success, JSON.stringify(t)).toBe(true);
    expect(new Set(made.map((t) => t.transactionId)).size).toBe(made.length);
    for (const customerId of customers) {
      const deposits = made.filter((t) => t.customerId === customerId && t.assetClass === 'deposit');
      let balance = 0;
      for (const t of deposits) {
        balance += t.amountFen;
        expect(balance).toBeGreaterThanOrEqual(0);
      }
    }
    expect(made.every((t) => t.businessDate === '2026-11-20')).toBe(true);
    // ¥1.6m or more lands at once now and then: enough for gold that very day
    expect(made.filter((t) => t.amountFen >= 160_000_000).length).toBeGreaterThan(100);
    expect(new Set(made.map((t) => t.assetClass))).toEqual(
      new Set(['deposit', 'time_deposit', 'wealth', 'fund', 'insurance']),
    );
  });

  it('posts at the configured rate, in batches of at most 100, until stopped', async () => {
    const batches: FeedTransaction[][] = [];
    const feed = startTransactionFeed({
      post: async (transactions) => void batches.push(transactions),
      ratePerSecond: 40,
      customers: ['C0000001', 'C0000002'],
      clock: fixedClock('2026-11-20T04:00:00Z'),
    });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await feed.stop();
    const posted = batches.flat().length;
    expect(posted).toBeGreaterThanOrEqual(30);
    expect(posted).toBeLessThanOrEqual(60);
    expect(batches.every((b) => b.length <= 100)).toBe(true);
    expect(feed.stats()).toMatchObject({ posted, batches: batches.length, failedBatches: 0 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(batches.flat().length).toBe(posted);
  });
});
