// Builders for requests and records: a valid default, overridden where a test cares.
let sequence = 0;

/** The demo bank's i-th customer (from 1): C0000001, C0000002, … */
export const demoCustomerId = (i: number) => `C${String(i).padStart(7, '0')}`;

export const transaction = (overrides: Record<string, unknown> = {}) => {
  sequence += 1;
  const amountFen = (overrides.amountFen as number | undefined) ?? 100_000;
  return {
    transactionId: `T-${process.pid}-${sequence}`,
    customerId: 'C0000001',
    accountId: '6222020000000001',
    assetClass: 'deposit',
    amountFen,
    direction: amountFen > 0 ? 'in' : 'out',
    channel: 'counter',
    bookedAt: '2026-11-20T02:00:00.000Z',
    businessDate: '2026-11-20',
    ...overrides,
  };
};

/** A library product as POST /v1/products takes it (PUT takes the same without `code`). */
export const product = (overrides: Record<string, unknown> = {}) => ({
  code: 'WM2026001',
  name: '稳享理财90天',
  category: 'wealth',
  riskLevel: 'R2',
  termDays: 90,
  weightBp: 12_000,
  saleStart: '2026-11-01',
  saleEnd: '2026-11-30',
  tags: ['稳健', '新客专享'],
  description: 'Fixed-term wealth management product',
  ...overrides,
});
