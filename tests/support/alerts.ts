// An alert as the monitoring consumer raises it (a large outflow of 1,000 yuan, customer C1 of
// rm-a at /HQ/BR1/OUT1/), for tests of the alert store and of what reads and moves alerts.
import type { Alert } from '#shared/monitoring/alert.js';

export const alertFixture = (alertId: string, over: Partial<Alert> = {}): Alert => ({
  alertId,
  ruleId: 'large-outflow',
  ruleVersion: 1,
  ruleName: '大额转出',
  severity: 'high',
  title: `title ${alertId}`,
  customerId: 'C1',
  customerName: '张三',
  managerId: 'rm-a',
  orgId: 'OUT1',
  orgPath: '/HQ/BR1/OUT1/',
  branchId: 'BR1',
  window: { key: '2026-11-16P7D', start: '2026-11-16', end: '2026-11-22' },
  cohortMonth: '2026-11',
  trigger: {
    transactionId: `T-${alertId}`,
    bookedAt: '2026-11-18T02:00:00.000Z',
    businessDate: '2026-11-18',
    amountFen: -100_000,
    direction: 'out',
    assetClass: 'deposit',
    channel: 'mobile',
  },
  triggerKey: `2026-11-18T02:00:00.000Z#T-${alertId}`,
  amountAtRiskFen: 100_000,
  evidence: {},
  status: 'open',
  raisedAt: '2026-11-18T02:00:00.000Z',
  slaHours: 24,
  dueAt: '2026-11-19T02:00:00.000Z',
  escalate: false,
  version: 1,
  ...over,
});
