// Leaderboard reads (issue 6): GET /v1/leaderboards for a branch of 200 RMs, beside a raw query of
// the same index items. Runs after the performance pipeline (pipelines.ts), which fills the branch's
// aggregates through the ledger's stream.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalRuntime } from '#infra/local/runtime.js';
import { currentMonth } from '#shared/performance/period.js';
import { benchBranch } from './pipelines.js';
import { fmt, summary } from './stats.js';
import { apiCaller, report } from './support.js';

const BRANCH = 'PB';
const READS = 200;

export const runLeaderboardBench = async (runtime: LocalRuntime) => {
  await benchBranch(runtime);
  const call = apiCaller(runtime);
  const period = currentMonth(runtime.clock.now());
  const board = () => call('admin', 'GET', `/v1/leaderboards?orgId=${BRANCH}&period=${period}&limit=200`);
  const ranked = await board();
  const reads: number[] = [];
  const raws: number[] = [];
  // interleaved, so both face the same machine
  for (let i = 0; i < READS; i++) {
    let t0 = performance.now();
    await board();
    reads.push(performance.now() - t0);
    t0 = performance.now();
    let start: Record<string, unknown> | undefined;
    do {
      const page = await runtime.document.send(
        new QueryCommand({
          TableName: runtime.tableName('performance-aggregates'),
          IndexName: 'byBoard',
          KeyConditionExpression: 'board = :b',
          ExpressionAttributeValues: { ':b': `${BRANCH}#${period}` },
          ExclusiveStartKey: start,
        }),
      );
      start = page.LastEvaluatedKey;
    } while (start);
    raws.push(performance.now() - t0);
  }
  const read = summary(reads);
  const raw = summary(raws);
  const label = `leaderboard GET, ${ranked.items.length} RMs and ${ranked.units.length} units, ${READS} reads`;
  report(`${label}, p50`, fmt(read.p50, 1), 'ms', read.p50 / raw.p50);
  report(`${label}, p99`, fmt(read.p99, 1), 'ms', read.p99 / raw.p99);
};
