// Catalogue keys for the campaigns' enums: statuses, lifecycle acts, why a message was suppressed or
// failed. A Record per enum, so a status added to the contract is a compile error until it has a label.
import type { SuppressionReason } from '#shared/campaigns/compliance-gate.js';
import type { FailureReason } from '#shared/campaigns/message.js';
import type { MessageKey } from '../i18n/zh-CN';
import type { CampaignStatus, LifecycleAction } from './types';

export const STATUS_LABELS: Record<CampaignStatus, MessageKey> = {
  draft: 'cmp.status.draft',
  pending_approval: 'cmp.status.pending_approval',
  approved: 'cmp.status.approved',
  running: 'cmp.status.running',
  paused: 'cmp.status.paused',
  completed: 'cmp.status.completed',
  rejected: 'cmp.status.rejected',
  cancelled: 'cmp.status.cancelled',
};
export const STATUSES = Object.keys(STATUS_LABELS) as CampaignStatus[];

/** Solid tags in dark shades: white text on them passes WCAG AA contrast (antd's light presets do not). */
export const COLORS = { green: '#237804', red: '#a8071a', blue: '#0958d9', orange: '#ad4e00' } as const;

export const STATUS_COLORS: Record<CampaignStatus, string | undefined> = {
  draft: undefined,
  pending_approval: COLORS.orange,
  approved: COLORS.blue,
  running: '#1d39c4',
  paused: '#874d00',
  completed: COLORS.green,
  rejected: COLORS.red,
  cancelled: undefined,
};

export const ACTION_LABELS: Record<LifecycleAction, MessageKey> = {
  submit: 'cmp.act.submit',
  approve: 'cmp.act.approve',
  reject: 'cmp.act.reject',
  pause: 'cmp.act.pause',
  resume: 'cmp.act.resume',
  cancel: 'cmp.act.cancel',
};

const REASON_LABELS: Record<SuppressionReason | FailureReason, MessageKey> = {
  customer_missing: 'cmp.reason.customer_missing',
  out_of_scope: 'cmp.reason.out_of_scope',
  no_phone: 'cmp.reason.no_phone',
  no_consent: 'cmp.reason.no_consent',
  consent_withdrawn: 'cmp.reason.consent_withdrawn',
  opted_out: 'cmp.reason.opted_out',
  opted_out_at_provider: 'cmp.reason.opted_out_at_provider',
  frequency_cap_daily: 'cmp.reason.frequency_cap_daily',
  frequency_cap_weekly: 'cmp.reason.frequency_cap_weekly',
  max_recipients: 'cmp.reason.max_recipients',
  campaign_ended: 'cmp.reason.campaign_ended',
  campaign_cancelled: 'cmp.reason.campaign_cancelled',
  outcome_unknown: 'cmp.reason.outcome_unknown',
  rejected_invalid_number: 'cmp.reason.rejected_invalid_number',
  rejected_content: 'cmp.reason.rejected_content',
  rejected_invalid_request: 'cmp.reason.rejected_invalid_request',
  retries_exhausted: 'cmp.reason.retries_exhausted',
  undelivered: 'cmp.reason.undelivered',
};

/** A reason's label; a reason this build does not know is shown as the API names it. */
export const reasonLabel = (reason: string, t: (key: MessageKey) => string): string =>
  reason in REASON_LABELS ? t(REASON_LABELS[reason as keyof typeof REASON_LABELS]) : reason;
