// The performance ledger (业绩台账): append-only entries. A registration (业绩登记) records a sale
// and how its credit is split (业绩分配); a reversal (冲正) is its own entry that mirrors a
// registration with every figure negated. Nothing is ever edited, so the ledger is the audit trail
// and every aggregate is a plain sum over it.
import * as z from 'zod';
import { PRODUCT_CATEGORIES, PRODUCT_RISK_LEVELS } from '#shared/products/product.js';

/** 渠道: where a sale was registered from. */
export const PERFORMANCE_CHANNELS = ['counter', 'mobile', 'online', 'workbench', 'batch'] as const;
export type PerformanceChannel = (typeof PERFORMANCE_CHANNELS)[number];

export const ENTRY_KINDS = ['registration', 'reversal'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** One staff member's part of an entry, with where they worked when it was registered. */
export const CreditRecord = z.object({
  staffId: z.string(),
  staffName: z.string(),
  sharePct: z.number().int(),
  amountFen: z.number().int(),
  points: z.number().int(),
  orgId: z.string(),
  orgPath: z.string(),
});
export type Credit = z.infer<typeof CreditRecord>;

export const LedgerEntryRecord = z.object({
  entryId: z.string(),
  kind: z.enum(ENTRY_KINDS),
  /** The registration: the entry itself, or the one a reversal reverses. */
  registrationId: z.string(),
  channel: z.enum(PERFORMANCE_CHANNELS),
  externalRef: z.string(),
  customerId: z.string(),
  customerOrgId: z.string(),
  customerOrgPath: z.string(),
  customerManagerId: z.string(),
  customerRiskLevel: z.string().optional(),
  productId: z.string(),
  productName: z.string(),
  category: z.enum(PRODUCT_CATEGORIES),
  productRiskLevel: z.enum(PRODUCT_RISK_LEVELS),
  /** `overridden`: registered above the customer's risk tolerance with a reason (audited). */
  suitability: z.enum(['suitable', 'overridden']),
  weightBp: z.number().int(),
  weightSource: z.enum(['product', 'category', 'default']),
  /** Signed: positive for a registration, negative for a reversal. */
  amountFen: z.number().int(),
  points: z.number().int(),
  credits: z.array(CreditRecord).min(1),
  /** When the sale happened; a reversal keeps its registration's, so it lands in the same periods. */
  occurredAt: z.string(),
  businessDate: z.string(),
  campaignId: z.string().optional(),
  /** `channel`: the registration named the campaign; `window`: attributed by the campaign's window. */
  attribution: z.enum(['channel', 'window']).optional(),
  suitabilityOverride: z.object({ reason: z.string() }).optional(),
  /** Reversals: why. */
  reason: z.string().optional(),
  recordedBy: z.string(),
  recordedAt: z.string(),
  correlationId: z.string(),
  /** `<instant>#<entryId>`: the byCustomer index's sort key (the customer timeline). */
  customerKey: z.string(),
});
export type LedgerEntry = z.infer<typeof LedgerEntryRecord>;

/** A staff member's line of an entry, for `GET /v1/performance?staffId=&period=`. */
export interface Posting {
  staffId: string;
  /** `<businessDate>#<entryId>`: a period is one key range. */
  postingKey: string;
  entryId: string;
  kind: EntryKind;
  registrationId: string;
  channel: PerformanceChannel;
  externalRef: string;
  customerId: string;
  productId: string;
  productName: string;
  category: LedgerEntry['category'];
  sharePct: number;
  amountFen: number;
  points: number;
  occurredAt: string;
  businessDate: string;
  recordedAt: string;
}

export const postingsOf = (entry: LedgerEntry): Posting[] =>
  entry.credits.map((credit) => ({
    staffId: credit.staffId,
    postingKey: `${entry.businessDate}#${entry.entryId}`,
    entryId: entry.entryId,
    kind: entry.kind,
    registrationId: entry.registrationId,
    channel: entry.channel,
    externalRef: entry.externalRef,
    customerId: entry.customerId,
    productId: entry.productId,
    productName: entry.productName,
    category: entry.category,
    sharePct: credit.sharePct,
    amountFen: credit.amountFen,
    points: credit.points,
    occurredAt: entry.occurredAt,
    businessDate: entry.businessDate,
    recordedAt: entry.recordedAt,
  }));

const negate = (n: number): number => (n === 0 ? 0 : -n);

/** The reversal of a registration: the same sale, every figure negated, in the same periods. */
export const reversalOf = (
  registration: LedgerEntry,
  reversal: {
    entryId: string;
    reason: string;
    recordedBy: string;
    recordedAt: string;
    correlationId: string;
  },
): LedgerEntry => {
  // the override was the registration's decision; the reversal only takes the sale back out
  const { suitabilityOverride: _override, ...sale } = registration;
  return {
    ...sale,
    entryId: reversal.entryId,
    kind: 'reversal',
    registrationId: registration.entryId,
    amountFen: negate(registration.amountFen),
    points: negate(registration.points),
    credits: registration.credits.map((c) => ({
      ...c,
      amountFen: negate(c.amountFen),
      points: negate(c.points),
    })),
    reason: reversal.reason,
    recordedBy: reversal.recordedBy,
    recordedAt: reversal.recordedAt,
    correlationId: reversal.correlationId,
    customerKey: `${reversal.recordedAt}#${reversal.entryId}`,
  };
};
