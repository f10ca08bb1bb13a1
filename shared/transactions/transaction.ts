// A transaction (交易) from core banking or a channel: a signed movement of one asset class.
import * as z from 'zod';
import { CustomerId } from '#shared/customers/customer.js';
import { SignedAmountFen } from '#shared/validation/amount.js';

export const ASSET_CLASSES = [
  'deposit', // 活期
  'time_deposit', // 定期
  'wealth', // 理财
  'fund', // 基金
  'insurance', // 保险
  'bond', // 国债
  'precious_metal', // 贵金属
  'trust', // 信托
] as const;
export type AssetClass = (typeof ASSET_CLASSES)[number];

export const TRANSACTION_CHANNELS = [
  'counter',
  'mobile',
  'online',
  'atm',
  'pos',
  'batch',
  'workbench',
  'core',
] as const;

/** 资金流向 categories: what the money was for. */
export const FLOW_CATEGORIES = [
  'salary',
  'consumption',
  'investment',
  'transfer',
  'transfer_to_self',
  'loan',
  'interest',
  'maturity',
  'fee',
  'other',
] as const;

const isCalendarDate = (value: string): boolean => {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
};

export const BusinessDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
  .refine(isCalendarDate, 'is not a calendar date');

export const TransactionInput = z
  .strictObject({
    transactionId: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'letters, digits, _ . : or -, at most 64'),
    customerId: CustomerId,
    accountId: z.string().min(1).max(64),
    assetClass: z.enum(ASSET_CLASSES),
    /** Signed integer fen: positive in, negative out. */
    amountFen: SignedAmountFen,
    direction: z.enum(['in', 'out']),
    channel: z.enum(TRANSACTION_CHANNELS),
    counterpartyBank: z.string().min(1).max(64).optional(),
    counterpartyName: z.string().min(1).max(128).optional(),
    /** The counterparty's account or card number (账号): personal data, kept raw on this record only. */
    counterpartyAccount: z
      .string()
      .regex(/^[0-9A-Za-z]{6,34}$/, 'letters and digits only, 6 to 34')
      .optional(),
    category: z.enum(FLOW_CATEGORIES).optional(),
    bookedAt: z.iso.datetime({ offset: true }).transform((v) => new Date(v).toISOString()),
    businessDate: BusinessDate,
  })
  .refine((t) => (t.direction === 'in') === t.amountFen > 0, {
    message: 'direction must match the sign of amountFen (in: positive, out: negative)',
    path: ['direction'],
  });
export type TransactionInput = z.infer<typeof TransactionInput>;

/** The stored record: the input as received, plus when we received it and the index key. */
export const TransactionRecord = z.object({
  transactionId: z.string(),
  customerId: z.string(),
  accountId: z.string(),
  assetClass: z.enum(ASSET_CLASSES),
  amountFen: z.number().int(),
  direction: z.enum(['in', 'out']),
  channel: z.enum(TRANSACTION_CHANNELS),
  counterpartyBank: z.string().optional(),
  counterpartyName: z.string().optional(),
  counterpartyAccount: z.string().optional(),
  category: z.enum(FLOW_CATEGORIES).optional(),
  bookedAt: z.string(),
  businessDate: z.string(),
  receivedAt: z.string(),
  /** bookedAt#transactionId: the byCustomer index's sort key (a customer's transactions in time order). */
  bookedKey: z.string(),
});
export type TransactionRecord = z.infer<typeof TransactionRecord>;

export const INPUT_FIELDS = [
  'transactionId',
  'customerId',
  'accountId',
  'assetClass',
  'amountFen',
  'direction',
  'channel',
  'counterpartyBank',
  'counterpartyName',
  'counterpartyAccount',
  'category',
  'bookedAt',
  'businessDate',
] as const;

/** Same transaction, or another one under a reused id? Compares what the sender sent only. */
export const sameTransaction = (a: Partial<TransactionRecord>, b: Partial<TransactionRecord>): boolean =>
  INPUT_FIELDS.every((field) => a[field] === b[field]);
