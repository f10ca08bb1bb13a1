// The demo feed as `npm start` runs it: the local runtime's feed (off unless asked for) posts as core
// banking, and within seconds the first demo RM's customers move up a tier.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#infra/local/runtime.js';
import { apiClient, startTestRuntime, type ApiClient } from '../support/local-runtime.js';

let runtime: LocalRuntime;
let api: ApiClient;

beforeAll(async () => {
  runtime = await startTestRuntime({
    demoCustomers: 200,
    feed: { ratePerSecond: 20, seed: 'feed-integration' },
  });
  api = apiClient(runtime);
});
afterAll(() => runtime?.stop());

describe('demo transaction feed', () => {
  it('is on when asked for, and moves the first demo RM’s customers across tier thresholds', async () => {
    const running = runtime.feed!;
    expect(running).toBeDefined();
    expect(running.ratePerSecond).toBe(20);
    const managerId = running.managerId!;
    const book = await api.get(managerId, '/v1/customers?limit=200');
    expect(book.body.items.length).toBe(running.customers);

    // until a few large inflows went out (seconds at this rate; longer on a loaded machine)
    for (const deadline = Date.now() + 45_000; running.feed.stats().large < 3 && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await running.feed.stop();
    await runtime.drained();
    expect(running.feed.stats()).toMatchObject({ failedBatches: 0 });
    expect(running.feed.stats().large).toBeGreaterThanOrEqual(3);

    const after = await api.get('admin', '/v1/customers?limit=200');
    const moved = after.body.items.filter((c: { tier: string }) => c.tier !== 'standard');
    expect(moved.length).toBeGreaterThan(0);
    // only the book it was given
    expect(moved.every((c: { managerId: string }) => c.managerId === managerId)).toBe(true);
    const history = await api.get('admin', `/v1/customers/${moved[0].customerId}/tier-history`);
    expect(history.body.items[0]).toMatchObject({ direction: 'upgrade', reason: 'month_to_date_guaranteed' });
  });

  it('is off by default', async () => {
    // every other test's runtime: started without `feed`
    const quiet = await startTestRuntime({ demoCustomers: 5, seed: 'none', streams: false });
    try {
      expect(quiet.feed).toBeUndefined();
    } finally {
      await quiet.stop();
    }
  });
});
