// A campaign's statuses and the lifecycle's moves (maker-checker: submit, approve or reject; pause,
// resume, cancel). Pure, and free of zod, so the web app asks the same rule which buttons to show.
export const CAMPAIGN_STATUSES = [
  'draft',
  'pending_approval',
  'approved',
  'running',
  'paused',
  'completed',
  'rejected',
  'cancelled',
] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export type LifecycleAction = 'submit' | 'approve' | 'reject' | 'pause' | 'resume' | 'cancel';

/** The status an action moves a campaign to, or undefined when the action does not apply. */
export const nextStatus = (
  campaign: { status: CampaignStatus; pausedFrom?: 'approved' | 'running' },
  action: LifecycleAction,
) => {
  const { status } = campaign;
  switch (action) {
    case 'submit':
      return status === 'draft' || status === 'rejected' ? 'pending_approval' : undefined;
    case 'approve':
    case 'reject':
      return status === 'pending_approval' ? (action === 'approve' ? 'approved' : 'rejected') : undefined;
    case 'pause':
      return status === 'approved' || status === 'running' ? 'paused' : undefined;
    case 'resume':
      return status === 'paused' ? (campaign.pausedFrom ?? 'approved') : undefined;
    case 'cancel':
      return ['draft', 'pending_approval', 'approved', 'running', 'paused', 'rejected'].includes(status)
        ? 'cancelled'
        : undefined;
  }
};
