// A campaign (精准营销活动): who it may reach (scope), who it targets (audience conditions), what it
// says (template), when (schedule and daily send window), and its lifecycle with maker-checker.
import * as z from 'zod';
import { OrgId } from '#shared/org/org-unit.js';
import { StaffId } from '#shared/staff/staff.js';
import { CustomerId, RISK_LEVELS, TIERS } from '#shared/customers/customer.js';
import { ASSET_CLASSES } from '#shared/transactions/transaction.js';
import type { FieldError } from '#shared/errors.js';
import { checkMarketingTemplate } from './template.js';
import { ApprovedTemplates, approvedTemplateProblems } from './approved-templates.js';
import { DEFAULT_SEND_WINDOW, minutesOf, type SendWindow } from './window.js';
import type { CampaignStatus } from './status.js';

export { CAMPAIGN_STATUSES, nextStatus, type CampaignStatus, type LifecycleAction } from './status.js';

/** The longest attribution window a campaign may have (the attribution lookup reads this far back). */
export const MAX_ATTRIBUTION_DAYS = 90;

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour, Asia/Shanghai)');
const Tag = z.string().min(1).max(32);

export const AUDIENCE_FIELDS = [
  'tiers',
  'riskLevels',
  'tagsAny',
  'tagsAll',
  'tagsNone',
  'orgIds',
  'managerIds',
  'customerIds',
  'daysSinceLastActivity',
  'daysSinceLastContact',
  'aum',
  'assetClasses',
  'productsHeld',
  'productsNotHeld',
  'hasOpenAlert',
] as const;

const DayRange = z
  .strictObject({ min: z.number().int().min(0).optional(), max: z.number().int().min(0).optional() })
  .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, {
    message: 'min must not exceed max',
    path: ['max'],
  });

const ProductCode = z.string().trim().min(1).max(64);
const AssetClassList = z.array(z.enum(ASSET_CLASSES)).min(1);

/** Audience conditions (目标客户群): all given conditions must hold. Unknown fields are refused by name. */
export const Audience = z
  .looseObject({
    tiers: z.array(z.enum(TIERS)).min(1).optional(),
    riskLevels: z.array(z.enum(RISK_LEVELS)).min(1).optional(),
    tagsAny: z.array(Tag).min(1).max(20).optional(),
    tagsAll: z.array(Tag).min(1).max(20).optional(),
    tagsNone: z.array(Tag).min(1).max(20).optional(),
    /** Org units inside the campaign's scope; their subtrees. */
    orgIds: z.array(OrgId).min(1).max(50).optional(),
    managerIds: z.array(StaffId).min(1).max(200).optional(),
    customerIds: z.array(CustomerId).min(1).max(1000).optional(),
    /** Days since the customer's last transaction (customer-activity); no activity counts as never. */
    daysSinceLastActivity: DayRange.optional(),
    /** Days since the RM last logged a contact (customer log); never contacted counts as never. */
    daysSinceLastContact: DayRange.optional(),
    /**
     * AUM in fen, inclusive, from the tiering state: `avgAum` the month-to-date month-daily-average
     * (日均AUM, weighted as the tier policy weighs), `balance` the weighted balance (时点余额).
     */
    aum: z
      .strictObject({
        basis: z.enum(['avgAum', 'balance']).default('avgAum'),
        minFen: z.number().int().min(0).optional(),
        maxFen: z.number().int().min(0).optional(),
      })
      .refine((r) => r.minFen !== undefined || r.maxFen !== undefined, {
        message: 'give minFen, maxFen or both',
        path: ['minFen'],
      })
      .refine((r) => r.minFen === undefined || r.maxFen === undefined || r.minFen <= r.maxFen, {
        message: 'minFen must not exceed maxFen',
        path: ['maxFen'],
      })
      .optional(),
    /** Asset classes held (a positive balance): all of, any of, none of. */
    assetClasses: z
      .strictObject({
        all: AssetClassList.optional(),
        any: AssetClassList.optional(),
        none: AssetClassList.optional(),
      })
      .refine((r) => r.all || r.any || r.none, { message: 'give all, any or none', path: ['any'] })
      .optional(),
    /** Holds at least one of these products (registered sales net of reversals). */
    productsHeld: z.array(ProductCode).min(1).max(50).optional(),
    /** Holds none of these products. */
    productsNotHeld: z.array(ProductCode).min(1).max(50).optional(),
    /** Has (true) or has not (false) an alert that is not closed. */
    hasOpenAlert: z.boolean().optional(),
  })
  // an unknown condition is refused by its own path, so the maker sees which one
  .superRefine((audience, ctx) => {
    for (const key of Object.keys(audience)) {
      if (!(AUDIENCE_FIELDS as readonly string[]).includes(key)) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `is not an audience field; known: ${AUDIENCE_FIELDS.join(', ')}`,
        });
      }
    }
  });
export type Audience = z.infer<typeof Audience>;

export const Schedule = z.strictObject({
  startAt: z.iso.datetime({ offset: true }),
  endAt: z.iso.datetime({ offset: true }),
  window: z.strictObject({ start: HHMM, end: HHMM }).default(DEFAULT_SEND_WINDOW),
});

export const Caps = z.strictObject({
  /** At most this many customers receive the message (the first by priority of audience order). */
  maxRecipients: z.number().int().min(1).max(1_000_000).optional(),
});

export const CampaignInput = z.strictObject({
  name: z.string().trim().min(1).max(100),
  /** The head office, or a branch subtree: a branch campaign only reaches its own customers. */
  scopeOrgId: OrgId,
  audience: Audience,
  template: z.strictObject({
    text: z.string().min(1).max(1000),
    /** Where the channel sends approved templates only (aliyun, tencent): the one approved for this text. */
    approved: ApprovedTemplates.optional(),
  }),
  schedule: Schedule,
  caps: Caps.default({}),
  /** A sale within this many days after the message counts as a conversion (营销转化). */
  attributionDays: z.number().int().min(1).max(MAX_ATTRIBUTION_DAYS).default(30),
  /** 1 (low) … 9 (high): higher goes first when campaigns share the send rate. */
  priority: z.number().int().min(1).max(9).default(5),
});
export type CampaignInput = z.infer<typeof CampaignInput>;

export interface Decision {
  by: string;
  at: string;
  note?: string;
}

export interface Campaign extends CampaignInput {
  campaignId: string;
  status: CampaignStatus;
  scopeOrgPath: string;
  makerId: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  submittedAt?: string;
  approval?: Decision;
  rejection?: Decision;
  /** When the audience was frozen (the campaign started). */
  startedAt?: string;
  pausedFrom?: 'approved' | 'running';
  completedAt?: string;
  cancelled?: Decision;
  audienceSize?: number;
  templateParts: number;
}

/** Rules a schema cannot say alone: window order, schedule order, the bank's window, the template. */
export const campaignProblems = (input: CampaignInput, bankWindow: SendWindow): FieldError[] => {
  const errors: FieldError[] = [];
  const { window, startAt, endAt } = input.schedule;
  if (minutesOf(window.end) <= minutesOf(window.start)) {
    errors.push({ path: 'body.schedule.window.end', message: 'must be after the window start' });
  }
  if (minutesOf(window.start) < minutesOf(bankWindow.start)) {
    errors.push({ path: 'body.schedule.window.start', message: `must not be before ${bankWindow.start}` });
  }
  if (minutesOf(window.end) > minutesOf(bankWindow.end)) {
    errors.push({ path: 'body.schedule.window.end', message: `must not be after ${bankWindow.end}` });
  }
  if (Date.parse(endAt) <= Date.parse(startAt)) {
    errors.push({ path: 'body.schedule.endAt', message: 'must be after startAt' });
  }
  errors.push(...checkMarketingTemplate(input.template.text, 'body.template.text').errors);
  errors.push(...approvedTemplateProblems(input.template.approved, 'body.template.approved'));
  return errors;
};
