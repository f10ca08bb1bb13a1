// A sample customer for testing a rule (预警规则试算): the facts an admin makes up instead of a real
// customer's — tier, AUM, earlier movements, last active day, earlier inflows from the payer — served
// through the same ports the stream reads, so the stream's own fact gathering turns them into facts.
import * as z from 'zod';
import { TIERS } from '#shared/customers/customer.js';
import { BusinessDate } from '#shared/transactions/transaction.js';
import { BalanceFen } from '#shared/validation/amount.js';
import { MAX_PAYER_LOOKBACK_DAYS, MAX_WINDOW_DAYS } from './facts.js';
import type { AumSource, MonitoringStateStore } from './ports.js';

export const SampleCustomer = z
  .strictObject({
    name: z.string().trim().min(1).max(64).default('样例客户'),
    tier: z.enum(TIERS),
    aumFen: BalanceFen.default(0).describe('AUM at the previous business day’s close (上日日终余额), fen'),
    monthStartAumFen: BalanceFen.optional().describe('AUM at the month’s start, fen (default: aumFen)'),
    lastActiveDay: BusinessDate.optional().describe(
      'the latest day with a movement before the transaction’s',
    ),
    days: z
      .array(z.strictObject({ businessDate: BusinessDate, outFen: BalanceFen, inFen: BalanceFen }))
      .max(MAX_WINDOW_DAYS)
      .default([])
      .describe('movements (Σ |amount| each way) on days up to the transaction’s; the sample’s own is added'),
    payerInflowDates: z
      .array(BusinessDate)
      .max(MAX_PAYER_LOOKBACK_DAYS)
      .default([])
      .describe('days of earlier inflows from the transaction’s payer (counterpartyName)'),
  })
  .describe('sample facts in place of a real customer’s');
export type SampleCustomer = z.output<typeof SampleCustomer>;

const refuse = () => Promise.reject(new Error('a sample customer has no state to write'));

/** The state and AUM ports over a sample's facts, answering as the stores would. */
export const sampleSources = (sample: SampleCustomer): { state: MonitoringStateStore; aum: AumSource } => ({
  state: {
    apply: refuse,
    days: async (_customerId, from, to) =>
      sample.days.filter((d) => d.businessDate >= from && d.businessDate <= to),
    lastActiveDayBefore: async (_customerId, before, notBefore) =>
      sample.lastActiveDay !== undefined && sample.lastActiveDay < before && sample.lastActiveDay >= notBefore
        ? sample.lastActiveDay
        : undefined,
    payerInflows: async (_customerId, _payer, from, to) =>
      sample.payerInflowDates.filter((d) => d >= from && d <= to).length,
  },
  aum: {
    balances: async () => ({
      previousCloseFen: sample.aumFen,
      monthStartFen: sample.monthStartAumFen ?? sample.aumFen,
    }),
  },
});
