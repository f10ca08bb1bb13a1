// The facts a trigger rule can test (关键交易监控的事实): about the transaction, the customer, their AUM and
// their recent history. Pure: the adapters gather the inputs, `computeFacts` turns them into one flat
// object the compiled rules read. Every fact has a type, so a rule is checked against it once, at PUT.
//
// Order tolerance: apart from the rolling sums (which include the transaction's own day as far as it
// has arrived, and only ever grow), every fact depends on the transaction itself and on days strictly
// before its business day. Delivery order within a day, and replays, therefore cannot change them.
import { createHash } from 'node:crypto';
import { TIERS, type Tier } from '#shared/customers/customer.js';
import {
  ASSET_CLASSES,
  FLOW_CATEGORIES,
  TRANSACTION_CHANNELS,
  type AssetClass,
  type TransactionRecord,
} from '#shared/transactions/transaction.js';
import { addDays, daysBetween, epochDay } from './days.js';

export type Channel = (typeof TRANSACTION_CHANNELS)[number];
export type FlowCategory = (typeof FLOW_CATEGORIES)[number];

export const NUMBER_FACTS = [
  'amountFen', // signed: positive in, negative out
  'absAmountFen',
  'aumFen', // all asset classes at the close of the previous business day (上日日终余额)
  'aumAfterFen', // aumFen plus this transaction
  'monthStartAumFen', // at the close of the previous month's last day (月初余额)
  'daysSinceLastActivity', // business days since the customer's last earlier active day
] as const;
/** Rolling sums over the last `windowDays` business days, this one included. */
export const WINDOW_FACTS = ['outflowFen', 'inflowFen'] as const;
/** Earlier inflows from this transaction's payer (counterpartyName), `fromDays`..`toDays` days back. */
export const PAYER_FACTS = ['payerInflowCount'] as const;
export const ENUM_FACTS = {
  direction: ['in', 'out'],
  assetClass: ASSET_CLASSES,
  channel: TRANSACTION_CHANNELS,
  category: FLOW_CATEGORIES,
  customerTier: TIERS,
  /** The highest tier above the customer's whose threshold this transaction crossed from below. */
  crossedTier: TIERS,
} as const;
export const TIER_FACTS = ['customerTier', 'crossedTier'] as const;
export const STRING_FACTS = ['counterpartyBank', 'counterpartyName', 'accountId'] as const;
/** otherBank: the counterparty is another bank (他行), not ours. */
export const BOOLEAN_FACTS = ['otherBank'] as const;

export type NumberFact = (typeof NUMBER_FACTS)[number];
export type WindowFact = (typeof WINDOW_FACTS)[number];
export type PayerFact = (typeof PAYER_FACTS)[number];
export type EnumFact = keyof typeof ENUM_FACTS;
export type StringFact = (typeof STRING_FACTS)[number];
export type BooleanFact = (typeof BOOLEAN_FACTS)[number];

export const MAX_WINDOW_DAYS = 31;
export const MAX_PAYER_LOOKBACK_DAYS = 62;
/** Facts about earlier activity look this far back at most (the dormancy horizon). */
export const MAX_ACTIVITY_LOOKBACK_DAYS = 1096;

export interface Facts {
  amountFen: number;
  absAmountFen: number;
  direction: 'in' | 'out';
  assetClass: AssetClass;
  channel: Channel;
  category?: FlowCategory;
  counterpartyBank?: string;
  counterpartyName?: string;
  accountId: string;
  otherBank: boolean;
  customerTier: Tier;
  aumFen?: number;
  aumAfterFen?: number;
  monthStartAumFen?: number;
  crossedTier?: Tier;
  daysSinceLastActivity?: number;
  /** windowDays → Σ |amount| of outflows over the window */
  outflowFen: Record<number, number>;
  inflowFen: Record<number, number>;
  /** `${fromDays}-${toDays}` → count */
  payerInflowCount: Record<string, number>;
}

export const payerWindowKey = (fromDays: number, toDays: number): string => `${fromDays}-${toDays}`;

/** What a compiled rule set needs gathered besides the transaction and the customer. */
export interface FactNeeds {
  aum: boolean;
  thresholds: boolean;
  activity: boolean;
  outflowWindows: number[];
  inflowWindows: number[];
  payerWindows: [number, number][];
}

export const noNeeds = (): FactNeeds => ({
  aum: false,
  thresholds: false,
  activity: false,
  outflowWindows: [],
  inflowWindows: [],
  payerWindows: [],
});

/** The business days of history the needs reach back (0: only the transaction's own day). */
export const historyDays = (needs: FactNeeds): number =>
  Math.max(0, ...needs.outflowWindows, ...needs.inflowWindows);

// -------------------------------------------------------------------------------------------------
// Inputs

/** One business day of a customer's movements (Σ |amount| each way). */
export interface DayTotals {
  businessDate: string;
  outFen: number;
  inFen: number;
}

export interface HistoryInput {
  /** Day totals over the rolling windows' days (any order; a missing day had nothing). */
  days: DayTotals[];
  /** The customer's latest active day before the transaction's, within the lookback. */
  lastActiveDayBefore?: string;
  /** payerWindowKey → earlier inflows from the payer in that range. */
  payerInflows: Record<string, number>;
}

export interface AumInput {
  previousCloseFen: number;
  monthStartFen: number;
}

export interface TierThreshold {
  tier: Tier;
  minFen: number;
}

export interface FactInput {
  txn: Pick<
    TransactionRecord,
    | 'amountFen'
    | 'direction'
    | 'assetClass'
    | 'channel'
    | 'category'
    | 'counterpartyBank'
    | 'counterpartyName'
    | 'accountId'
    | 'businessDate'
  >;
  customerTier: Tier;
  ownBanks: ReadonlySet<string>;
  needs: FactNeeds;
  history: HistoryInput;
  aum?: AumInput;
  thresholds?: readonly TierThreshold[];
}

const tierRank = (tier: Tier): number => TIERS.indexOf(tier);

/** Is `counterpartyBank` another bank (他行)? Absent means an internal movement. */
export const isOtherBank = (counterpartyBank: string | undefined, ownBanks: ReadonlySet<string>): boolean =>
  counterpartyBank !== undefined && !ownBanks.has(counterpartyBank);

/** Our own bank's names as counterparties send them: `OCRM_OWN_BANK_NAMES` (comma separated). */
export const ownBankNames = (env: NodeJS.ProcessEnv = process.env): ReadonlySet<string> =>
  new Set(
    (env.OCRM_OWN_BANK_NAMES ?? '本行')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

/** The state key of a payer: a hash, so any name fits a sort key and none is spelled out in it. */
export const payerKey = (counterpartyName: string): string =>
  createHash('sha256').update(counterpartyName.trim()).digest('hex').slice(0, 20);

/** The highest tier above `current` whose threshold lies in (before, after]. */
export const crossedTierOf = (
  current: Tier,
  beforeFen: number,
  afterFen: number,
  thresholds: readonly TierThreshold[],
): Tier | undefined => {
  let crossed: Tier | undefined;
  for (const { tier, minFen } of thresholds) {
    if (tierRank(tier) > tierRank(current) && beforeFen < minFen && minFen <= afterFen) {
      if (!crossed || tierRank(tier) > tierRank(crossed)) crossed = tier;
    }
  }
  return crossed;
};

export const computeFacts = (input: FactInput): Facts => {
  const { txn, needs, history } = input;
  const day = epochDay(txn.businessDate);
  // every key, always, in one order: all facts objects share one shape, so the compiled rules'
  // property reads stay monomorphic (absent facts are undefined, which is what the rules test)
  const aumFen = input.aum?.previousCloseFen;
  const aumAfterFen = aumFen === undefined ? undefined : aumFen + txn.amountFen;
  const facts: Facts = {
    amountFen: txn.amountFen,
    absAmountFen: Math.abs(txn.amountFen),
    direction: txn.direction,
    assetClass: txn.assetClass,
    channel: txn.channel,
    category: txn.category,
    counterpartyBank: txn.counterpartyBank,
    counterpartyName: txn.counterpartyName,
    accountId: txn.accountId,
    otherBank: isOtherBank(txn.counterpartyBank, input.ownBanks),
    customerTier: input.customerTier,
    aumFen,
    aumAfterFen,
    monthStartAumFen: input.aum?.monthStartFen,
    crossedTier:
      aumFen !== undefined && aumAfterFen !== undefined && input.thresholds
        ? crossedTierOf(input.customerTier, aumFen, aumAfterFen, input.thresholds)
        : undefined,
    daysSinceLastActivity: undefined,
    outflowFen: {},
    inflowFen: {},
    payerInflowCount: {},
  };
  if (needs.activity && history.lastActiveDayBefore !== undefined) {
    facts.daysSinceLastActivity = daysBetween(history.lastActiveDayBefore, txn.businessDate);
  }
  const windowSum = (windowDays: number, pick: (d: DayTotals) => number): number => {
    let sum = 0;
    for (const d of history.days) {
      const age = day - epochDay(d.businessDate);
      if (age >= 0 && age < windowDays) sum += pick(d);
    }
    return sum;
  };
  for (const w of needs.outflowWindows) facts.outflowFen[w] = windowSum(w, (d) => d.outFen);
  for (const w of needs.inflowWindows) facts.inflowFen[w] = windowSum(w, (d) => d.inFen);
  for (const [from, to] of needs.payerWindows) {
    const key = payerWindowKey(from, to);
    facts.payerInflowCount[key] = txn.counterpartyName ? (history.payerInflows[key] ?? 0) : 0;
  }
  return facts;
};

/** The date range [from, to] of a payer window for a transaction on `businessDate`. */
export const payerRange = (businessDate: string, fromDays: number, toDays: number) => ({
  from: addDays(businessDate, -toDays),
  to: addDays(businessDate, -fromDays),
});
