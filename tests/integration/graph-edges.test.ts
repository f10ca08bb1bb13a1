// The kept edges on DynamoDB Local (issue 17): the adapter's claim and versioned writes, under any
// order, batching and duplication — each batch's records applied at once, so writers race for one
// edge — equal a brute-force aggregation of the unique transactions; the top neighbours come from
// the byAmount index, largest first. And through the running stack: posted transactions reach the
// graph from the transactions stream, once each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { LocalRuntime } from '#infra/local/runtime.js';
import { dynamoGraphStore } from '#shared/graph/dynamo-graph.js';
import { counterpartyKey } from '#shared/graph/deps.js';
import { counterpartyNodeId } from '#shared/graph/counterparty.js';
import { recordInGraph } from '#shared/graph/record.js';
import { apiClient, scanAll, startTestRuntime } from '../support/local-runtime.js';
import { GRAPH_KEY, bruteForceEdges, deliveries, sortEdges } from '../support/graph.js';
import { transaction } from '../support/builders.js';

let runtime: LocalRuntime;
beforeAll(async () => {
  runtime = await startTestRuntime({ demoCustomers: 3, now: '2026-11-20T02:00:00.000Z' });
});
afterAll(() => runtime?.stop());

describe('kept edges on DynamoDB', () => {
  it('equal a brute-force aggregation under any order, batching and duplication', async () => {
    const graph = dynamoGraphStore(runtime.document);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(deliveries(['X', 'Y'], 25), async ({ unique, batches }) => {
        run += 1;
        const rename = (id: string) => `G${run}-${id}`;
        const deps = { graph, counterpartyKey: GRAPH_KEY };
        for (const batch of batches)
          await Promise.all(
            batch.map((t) => recordInGraph(deps, { ...t, customerId: rename(t.customerId) })),
          );
        for (const customerId of ['X', 'Y']) {
          const expected = bruteForceEdges(unique, customerId).map((e) => ({
            ...e,
            customerId: rename(customerId),
          }));
          expect(sortEdges(await graph.edges(rename(customerId)))).toEqual(expected);
          const top = await graph.topNeighbours(rename(customerId), 20);
          expect(top.map((n) => n.totalFen)).toEqual([...top.map((n) => n.totalFen)].sort((a, b) => b - a));
          expect(top.reduce((s, n) => s + n.count, 0)).toBe(
            unique.filter((t) => t.customerId === customerId).length,
          );
        }
      }),
      { numRuns: 8 },
    );
  });

  it('are kept from the transactions stream, once per transaction, with no account number stored', async () => {
    const api = apiClient(runtime);
    const [customer] = await scanAll<{ customerId: string }>(runtime, 'customers');
    const paid = transaction({
      customerId: customer!.customerId,
      amountFen: -250_000,
      counterpartyAccount: '6222021234567890',
      counterpartyBank: '工商银行',
      counterpartyName: '李四',
    });
    expect((await api.post('core-banking', '/v1/transactions', { transactions: [paid] })).status).toBe(200);
    // the same batch again: accepted, and the graph counts the transaction once
    expect((await api.post('core-banking', '/v1/transactions', { transactions: [paid] })).status).toBe(200);
    await runtime.drained();
    const edges = await dynamoGraphStore(runtime.document).edges(customer!.customerId);
    expect(edges).toEqual([
      {
        customerId: customer!.customerId,
        counterpartyId: counterpartyNodeId(counterpartyKey(), '6222021234567890', '工商银行'),
        month: '2026-11',
        direction: 'out',
        count: 1,
        amountFen: 250_000,
        firstDate: '2026-11-20',
        lastDate: '2026-11-20',
      },
    ]);
    const stored = JSON.stringify(await scanAll(runtime, 'relationship-graph'));
    expect(stored).not.toContain('6222021234567890');
    expect(stored).not.toContain('李四');
  });
});
