// The relationship graph's test model: posted transactions with counterparty accounts as fast-check
// draws them, and the edges they should leave, aggregated by brute force from the unique transactions.
import fc from 'fast-check';
import type { TransactionRecord } from '#shared/transactions/transaction.js';
import { counterpartyNodeId } from '#shared/graph/counterparty.js';
import type { Edge } from '#shared/graph/ports.js';

export const GRAPH_KEY = 'test-counterparty-key';
const ACCOUNTS = ['6222021234567890', '6217000011112222', '6230580000000001', '955880000000123'];
const BANKS = ['工商银行', '建设银行'];

/** A transaction record with a counterparty account: few customers, accounts and days, so edges collide. */
export const graphTransaction = (customers: readonly string[]) =>
  fc
    .record({
      customerId: fc.constantFrom(...customers),
      account: fc.constantFrom(...ACCOUNTS),
      bank: fc.constantFrom(...BANKS),
      amount: fc.integer({ min: 1, max: 5_000_000 }),
      out: fc.boolean(),
      date: fc.constantFrom('2026-10-30', '2026-10-31', '2026-11-01', '2026-11-15', '2026-12-02'),
    })
    .map(({ customerId, account, bank, amount, out, date }): Omit<TransactionRecord, 'transactionId'> => ({
      customerId,
      accountId: '6222020000000001',
      assetClass: 'deposit',
      amountFen: out ? -amount : amount,
      direction: out ? 'out' : 'in',
      channel: 'mobile',
      counterpartyAccount: account,
      counterpartyBank: bank,
      counterpartyName: '张三',
      bookedAt: `${date}T02:00:00.000Z`,
      businessDate: date,
      receivedAt: `${date}T02:00:01.000Z`,
      bookedKey: `${date}T02:00:00.000Z#x`,
    }));

/** Unique transactions, then the stream's delivery of them: shuffled, some repeated, cut into batches. */
export const deliveries = (customers: readonly string[], maxTransactions = 40) =>
  fc
    .array(graphTransaction(customers), { minLength: 1, maxLength: maxTransactions })
    .map((txns) => txns.map((t, i): TransactionRecord => ({ ...t, transactionId: `T${i}` })))
    .chain((unique) =>
      fc
        .tuple(
          fc.shuffledSubarray(unique, { minLength: unique.length, maxLength: unique.length }),
          fc.array(fc.constantFrom(...unique), { maxLength: 10 }),
          fc.integer({ min: 1, max: 10 }),
        )
        .chain(([all, repeats, batchSize]) =>
          fc
            .shuffledSubarray([...all, ...repeats], {
              minLength: all.length + repeats.length,
              maxLength: all.length + repeats.length,
            })
            .map((order) => ({ unique, batches: chunk(order, batchSize) })),
        ),
    );

const chunk = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/** The edges the unique transactions make, summed one by one: the model the kept edges must equal. */
export const bruteForceEdges = (unique: readonly TransactionRecord[], customerId: string): Edge[] => {
  const edges = new Map<string, Edge>();
  for (const t of unique.filter((u) => u.customerId === customerId)) {
    const counterpartyId = counterpartyNodeId(GRAPH_KEY, t.counterpartyAccount!, t.counterpartyBank);
    const month = t.businessDate.slice(0, 7);
    const key = [month, counterpartyId, t.direction].join('|');
    const same = unique.filter(
      (u) =>
        u.customerId === customerId &&
        u.businessDate.slice(0, 7) === month &&
        u.direction === t.direction &&
        counterpartyNodeId(GRAPH_KEY, u.counterpartyAccount!, u.counterpartyBank) === counterpartyId,
    );
    const seen = same.map((u) => u.businessDate).sort();
    edges.set(key, {
      customerId,
      counterpartyId,
      month,
      direction: t.direction,
      count: same.length,
      amountFen: same.reduce((sum, u) => sum + Math.abs(u.amountFen), 0),
      firstDate: seen[0]!,
      lastDate: seen.at(-1)!,
    });
  }
  return sortEdges([...edges.values()]);
};

export const sortEdges = (edges: Edge[]): Edge[] =>
  [...edges].sort((a, b) =>
    `${a.month}${a.counterpartyId}${a.direction}`.localeCompare(
      `${b.month}${b.counterpartyId}${b.direction}`,
    ),
  );
