// The demo feed against the running system: within seconds, demo customers move up a tier.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#infra/local/runtime.js';
import { startTransactionFeed } from '#infra/local/feed.js';
import { apiClient, startTestRuntime, type ApiClient } from '../support/local-runtime.js';

let runtime: LocalRuntime;
let api: ApiClient;

beforeAll(async () => {
  runtime = await startTestRuntime({ demoCustomers: 20 });
  api = apiClient(runtime);
});
afterAll(() => runtime?.stop());

describe('demo transaction feed', () => {
  it('moves demo customers across tier thresholds within seconds', async () => {
    const { body } = await api.get('admin', '/v1/customers?limit=200');
    const customers = body.items.map((c: { customerId: string }) => c.customerId);
    const errors: Error[] = [];
    const feed = startTransactionFeed({
      url: runtime.url,
      token: () => runtime.token('core-banking'),
      ratePerSecond: 20,
      customers,
      clock: runtime.clock,
      seed: 'feed-integration',
      onError: (error) => errors.push(error),
    });
    // until a few large inflows went out (seconds at this rate; longer on a loaded machine)
    for (const deadline = Date.now() + 45_000; feed.stats().large < 3 && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await feed.stop();
    await runtime.drained();
    expect(errors).toEqual([]);
    expect(feed.stats().large).toBeGreaterThanOrEqual(3);
    const after = await api.get('admin', '/v1/customers?limit=200');
    const moved = after.body.items.filter((c: { tier: string }) => c.tier !== 'standard');
    expect(moved.length).toBeGreaterThan(0);
    const history = await api.get('admin', `/v1/customers/${moved[0].customerId}/tier-history`);
    expect(history.body.items[0]).toMatchObject({ direction: 'upgrade', reason: 'month_to_date_guaranteed' });
  });
});
