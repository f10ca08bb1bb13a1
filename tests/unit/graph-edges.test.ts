// The kept edges (issue 17): whatever the order, batching and duplication the stream delivers
// transactions in, the edges equal a brute-force aggregation of the unique posted transactions, and
// the neighbour totals their sums. In memory here; tests/integration/graph-edges.test.ts holds the
// same property on DynamoDB Local.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { memoryGraphStore } from '#shared/graph/memory.js';
import { recordInGraph } from '#shared/graph/record.js';
import { GRAPH_KEY, bruteForceEdges, deliveries, sortEdges } from '../support/graph.js';
import { transaction } from '../support/builders.js';
import { TransactionRecord } from '#shared/transactions/transaction.js';

const CUSTOMERS = ['C1', 'C2', 'C3'];

describe('kept edges', () => {
  it('equal a brute-force aggregation under any order, batching and duplication', async () => {
    await fc.assert(
      fc.asyncProperty(deliveries(CUSTOMERS), async ({ unique, batches }) => {
        const deps = { graph: memoryGraphStore(), counterpartyKey: GRAPH_KEY };
        for (const batch of batches) await Promise.all(batch.map((t) => recordInGraph(deps, t)));
        for (const customerId of CUSTOMERS) {
          expect(sortEdges(await deps.graph.edges(customerId))).toEqual(bruteForceEdges(unique, customerId));
          const neighbours = await deps.graph.topNeighbours(customerId, 100);
          const mine = unique.filter((t) => t.customerId === customerId);
          expect(neighbours.reduce((s, n) => s + n.totalFen, 0)).toBe(
            mine.reduce((s, t) => s + Math.abs(t.amountFen), 0),
          );
          expect(neighbours.reduce((s, n) => s + n.count, 0)).toBe(mine.length);
          expect(neighbours.map((n) => n.totalFen)).toEqual(
            [...neighbours.map((n) => n.totalFen)].sort((a, b) => b - a),
          );
        }
      }),
      { numRuns: 200 },
    );
  });

  it('leaves out a transaction without a counterparty account, and keeps no account number', async () => {
    const deps = { graph: memoryGraphStore(), counterpartyKey: GRAPH_KEY };
    const plain = TransactionRecord.parse({ ...transaction(), receivedAt: 'x', bookedKey: 'y' });
    expect(await recordInGraph(deps, plain)).toBe('no-counterparty');
    const paid = { ...plain, transactionId: 'T2', counterpartyAccount: '6222021234567890' };
    expect(await recordInGraph(deps, paid)).toBe('applied');
    expect(await recordInGraph(deps, paid)).toBe('duplicate');
    const kept = JSON.stringify([
      await deps.graph.edges('C0000001'),
      await deps.graph.topNeighbours('C0000001', 20),
    ]);
    expect(kept).not.toContain('6222021234567890');
    expect(kept).toContain('****7890');
  });
});
