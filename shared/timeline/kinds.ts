// What a customer's timeline holds, one kind per source event.
export const TIMELINE_KINDS = [
  'contact',
  'transfer',
  'tier_change',
  'transaction',
  'alert',
  'performance',
  'sms_consent',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];
