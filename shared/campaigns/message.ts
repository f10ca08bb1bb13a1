// One campaign × customer send record (发送记录): created when the audience is frozen, claimed with a
// conditional write before the provider is called, so a replay, a crash or a retry never sends twice.
import type { SuppressionReason } from './compliance-gate.js';

export const MESSAGE_STATUSES = ['queued', 'suppressed', 'sending', 'sent', 'delivered', 'failed'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export type FailureReason =
  | 'outcome_unknown'
  | 'rejected_invalid_number'
  | 'rejected_content'
  | 'rejected_invalid_request'
  | 'retries_exhausted'
  /** The provider took it, the carrier did not deliver it (a delivery receipt said so). */
  | 'undelivered'
  /** Sent, then the delivery receipt said the number is opted out at the provider. */
  | 'opted_out_at_provider';

/** Still queued, waiting for a reason other than the send window (its `notBefore` says until when). */
export type DeferralReason =
  /** Sending now would break the channel's own per-number limit (provider-limits.ts). */
  'provider_limit';

export interface CampaignMessage {
  campaignId: string;
  customerId: string;
  status: MessageStatus;
  /** Why the customer is in the audience (the conditions that matched), recorded when frozen. */
  included: string;
  reason?: SuppressionReason | FailureReason | DeferralReason;
  detail?: string;
  /** campaign × customer: the business idempotency key carried to the provider. */
  idempotencyKey: string;
  /** Sparse index key: the campaign id while queued, `sending#<campaignId>` while claimed. */
  queue?: string;
  /** Not before this instant (the next send window, a throttling backoff). */
  notBefore?: string;
  attempts: number;
  attemptId?: string;
  claimedAt?: string;
  /** Set once, when the provider took it: the sparse byCustomer index's sort key (attribution). */
  sentAt?: string;
  /** A sale up to this instant is attributed to the campaign (sentAt + the attribution window). */
  attributeUntil?: string;
  /** The provider's id: the sparse byProviderMessage index's key (delivery receipts). */
  providerMessageId?: string;
  deliveredAt?: string;
  /**
   * Converted (营销转化) while not empty: the attributed registrations not reversed. Set ADD and DELETE
   * commute, so replays and any order of registrations and reversals give the same set.
   */
  conversions?: Set<string>;
  /** Registrations reversed: never (again) a conversion, whichever the ledger's stream brings first. */
  reversedRegistrations?: Set<string>;
  parts?: number;
  costFen?: number;
  createdAt: string;
  updatedAt: string;
}

export const idempotencyKeyOf = (campaignId: string, customerId: string) =>
  `campaign:${campaignId}:${customerId}`;

const DAY_MS = 86_400_000;
/** The last instant a sale is attributed to a message sent at `sentAt` (30 days for campaigns saved before the field). */
export const attributionEnd = (sentAt: Date, attributionDays: number | undefined): string =>
  new Date(sentAt.getTime() + (attributionDays ?? 30) * DAY_MS).toISOString();
