// What the bench and the capacity meter (scripts/capacity) both set up: the local runtime with the
// demo bank, an approved campaign, and a month-close book. One copy, so both measure the same thing.
import { startLocalRuntime } from '#infra/local/runtime.js';
import type { Campaign } from '#shared/campaigns/campaign.js';
import { system } from '#infra/declaration/index.js';

/** The local runtime both start: the demo bank (500 customers), quiet, no timers. */
export const startMeasuredRuntime = (options: { streams?: boolean } = {}) =>
  startLocalRuntime({
    port: 0,
    seed: 'demo',
    demoCustomers: 500,
    quiet: true,
    scheduleTimers: false,
    ...(options.streams === false ? { streams: false } : {}),
    log: () => {},
  });

/** An approved campaign to the book of `managerId`, its window and end as given. */
export const approvedCampaign = (spec: {
  campaignId: string;
  name: string;
  managerId: string;
  at: string;
  endAt: string;
  window: { start: string; end: string };
}): Campaign => ({
  campaignId: spec.campaignId,
  name: spec.name,
  scopeOrgId: 'HO',
  scopeOrgPath: '/HO/',
  audience: { managerIds: [spec.managerId] },
  template: { text: '【示例银行】{name}您好，新品理财上线。回复TD退订' },
  schedule: { startAt: spec.at, endAt: spec.endAt, window: spec.window },
  caps: {},
  attributionDays: 30,
  priority: 5,
  status: 'approved',
  makerId: 'marketing',
  createdAt: spec.at,
  updatedAt: spec.at,
  version: 1,
  templateParts: 1,
});

/**
 * A month-close book of `count` customers (ids `<prefix>000000`…), one in ten gold; a fifth of them
 * hold something in `month`, so their close has counters to read and tiers to move.
 */
export const monthCloseBook = (count: number, prefix: string, name: string, month: string) => {
  const customers = Array.from({ length: count }, (_, i) => ({
    customerId: `${prefix}${String(i).padStart(6, '0')}`,
    name,
    tier: i % 10 === 0 ? 'gold' : 'standard',
    managerId: 'rm-bj-cy-wj-01',
    orgId: 'BJ-CY-WJ',
    orgPath: '/HO/BJ/BJ-CY/BJ-CY-WJ/',
  }));
  const monthItems = customers
    .filter((_, i) => i % 5 === 0)
    .map((c, i) => ({
      customerId: c.customerId,
      key: `M#${month}`,
      month,
      B_deposit: (i % 40) * 2_000_000,
      A_deposit: (i % 40) * 2_000_000,
      D01_deposit: (i % 40) * 2_000_000,
      n: 1,
    }));
  return { customers, monthItems };
};

/** The tables a month close reads and writes, declared without streams (nothing consumes them here). */
export const monthCloseTables = () => {
  const ids = [
    'customers',
    'aum-counters',
    'tier-state',
    'tier-changes',
    'tier-policy',
    'tier-month-close',
    'audit',
  ];
  return system.tables.filter((t) => ids.includes(t.id)).map((t) => ({ ...t, stream: undefined }));
};
