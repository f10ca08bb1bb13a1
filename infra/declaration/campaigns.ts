// Tables and functions of the campaigns capability (merged into the system declaration by index.ts):
// campaigns with maker-checker, frozen audiences as send records, the consent and opt-out ledger,
// and the paced dispatch through the SMS provider port.
import type { FunctionDeclaration, TableAccess, TableDeclaration } from './types.js';
import { api, streamDefaults } from './functions.js';
import {
  approveCampaign,
  cancelCampaign,
  createCampaign,
  getCampaign,
  listCampaignMessages,
  listCampaigns,
  pauseCampaign,
  previewAudience,
  previewCampaign,
  rejectCampaign,
  resumeCampaign,
  submitCampaign,
} from '#shared/campaigns/api.js';
import { getSmsConsent, postInbound, postOptOut, putSmsConsent } from '#shared/consent/api.js';
import { postChannelReceipts, postChannelReplies, postDeliveryReceipts } from '#shared/sms/api.js';

const S = 'S' as const;

export const campaignsTables: TableDeclaration[] = [
  // Campaigns; the dispatcher finds approved and running ones by status.
  {
    id: 'campaigns',
    partitionKey: { name: 'campaignId', type: S },
    globalIndexes: [
      {
        name: 'byStatus',
        partitionKey: { name: 'status', type: S },
        sortKey: { name: 'campaignId', type: S },
      },
    ],
  },
  // One send record per campaign × customer (the frozen audience); the sparse byQueue index holds
  // only the queued (`<campaignId>`) and claimed (`sending#<campaignId>`) ones.
  // Funnel counts are read from the campaign's own partition (proportional to its audience).
  {
    id: 'campaign-messages',
    partitionKey: { name: 'campaignId', type: S },
    sortKey: { name: 'customerId', type: S },
    globalIndexes: [
      { name: 'byQueue', partitionKey: { name: 'queue', type: S }, sortKey: { name: 'customerId', type: S } },
      // sparse, only messages sent: a customer's by send time (sales attributed to a campaign)
      {
        name: 'byCustomer',
        partitionKey: { name: 'customerId', type: S },
        sortKey: { name: 'sentAt', type: S },
      },
      // sparse, only messages sent: the provider's id (delivery receipts)
      { name: 'byProviderMessage', partitionKey: { name: 'providerMessageId', type: S } },
    ],
  },
  // Consent and opt-out ledger: `customer#<id>` / `phone#<e164>`, a CURRENT item and LOG#<id> entries.
  { id: 'sms-consent', partitionKey: { name: 'subject', type: S }, sortKey: { name: 'entry', type: S } },
  // Dispatch counters shared by every sender: FREQ#<customerId>, PACER#marketing, BUDGET#<yyyy-mm>,
  // and the channel's own limits LIMIT#<sha256 of rule, signature, template, number> (expiring).
  { id: 'sms-dispatch', partitionKey: { name: 'key', type: S }, timeToLiveAttribute: 'expiresAt' },
];

// the campaign's own item and its audit entry (the stores name a table only when a call uses it)
const writeCampaign: Record<string, TableAccess> = {
  campaigns: 'read-write',
  audit: 'append',
};
// an audience reads the facts its conditions name from the tables of the capabilities that own them
const audience: Record<string, TableAccess> = {
  campaigns: 'read',
  customers: 'read',
  orgs: 'read',
  'customer-activity': 'read',
  'customer-log': 'read',
  'tier-state': 'read',
  'aum-counters': 'read',
  'performance-ledger': 'read',
  alerts: 'read',
  'sms-consent': 'read',
};
// a campaign seen by its caller, with its send records
const sendRecords: Record<string, TableAccess> = { campaigns: 'read', 'campaign-messages': 'read' };
const consent: Record<string, TableAccess> = { customers: 'read', 'sms-consent': 'read' };
// the price the dispatcher charges per billed part; a preview's expected cost uses the same figure
const SMS_PRICE = { OCRM_SMS_PRICE_FEN_PER_PART: '5' };

export const campaignsFunctions: FunctionDeclaration[] = [
  api('campaigns-create', 'functions/campaigns/create.ts', [createCampaign], {
    ...audience,
    ...writeCampaign,
    products: 'read',
  }),
  api('campaigns-list', 'functions/campaigns/list.ts', [listCampaigns], { campaigns: 'read' }),
  // the campaign and its funnel (counted from its send records)
  api('campaigns-get', 'functions/campaigns/get.ts', [getCampaign], sendRecords),
  {
    ...api('campaigns-preview', 'functions/campaigns/preview.ts', [previewCampaign], audience),
    timeoutSeconds: 29,
    environment: SMS_PRICE,
  },
  // the builder's live preview of conditions not yet saved (products named must be in the library)
  {
    ...api('campaigns-preview-audience', 'functions/campaigns/preview-audience.ts', [previewAudience], {
      ...audience,
      products: 'read',
    }),
    timeoutSeconds: 29,
    environment: SMS_PRICE,
  },
  api('campaigns-submit', 'functions/campaigns/submit.ts', [submitCampaign], writeCampaign),
  api('campaigns-approve', 'functions/campaigns/approve.ts', [approveCampaign], writeCampaign),
  api('campaigns-reject', 'functions/campaigns/reject.ts', [rejectCampaign], writeCampaign),
  api('campaigns-pause', 'functions/campaigns/pause.ts', [pauseCampaign], writeCampaign),
  api('campaigns-resume', 'functions/campaigns/resume.ts', [resumeCampaign], writeCampaign),
  api('campaigns-cancel', 'functions/campaigns/cancel.ts', [cancelCampaign], writeCampaign),
  api('campaigns-messages', 'functions/campaigns/messages.ts', [listCampaignMessages], sendRecords),
  {
    name: 'campaigns-dispatch',
    entry: 'functions/campaigns/dispatch.ts',
    memoryMb: 1024,
    timeoutSeconds: 120,
    sendsSms: true,
    tables: {
      ...audience,
      ...writeCampaign,
      staff: 'read',
      // a provider's opt-out withdraws the customers holding the number (their `smsConsent` projection)
      customers: 'read-write',
      'campaign-messages': 'read-write',
      'sms-consent': 'read-write',
      'sms-dispatch': 'read-write',
    },
    environment: {
      OCRM_SMS_RATE_PARTS_PER_SECOND: '20',
      OCRM_SMS_WORKERS: '4',
      OCRM_SMS_CAP_PER_DAY: '1',
      OCRM_SMS_CAP_PER_7_DAYS: '2',
      OCRM_SMS_SEND_WINDOW: '08:00-20:00',
      ...SMS_PRICE,
      OCRM_SMS_MONTHLY_BUDGET_FEN: '50000000',
    },
    schedules: [
      {
        kind: 'schedule',
        name: 'campaigns-dispatch',
        cron: 'cron(* * * * ? *)',
        timezone: 'Asia/Shanghai',
        description:
          'start approved campaigns whose time has come; send queued messages inside their windows, paced',
      },
    ],
  },
  api('sms-consent-get', 'functions/sms/consent-get.ts', [getSmsConsent], consent),
  api('sms-consent-put', 'functions/sms/consent-put.ts', [putSmsConsent], {
    customers: 'read-write',
    'sms-consent': 'read-write',
    audit: 'append',
  }),
  // a refusal withdraws every customer holding the number and writes their `smsConsent` projection
  api('sms-opt-outs', 'functions/sms/opt-outs.ts', [postOptOut], {
    customers: 'read-write',
    'sms-consent': 'read-write',
    audit: 'append',
  }),
  // the service SMS alerts request (maturity reminders, large-outflow notices): the service SMS gate, then sent once
  {
    name: 'sms-service',
    entry: 'functions/sms/service.ts',
    memoryMb: 256,
    timeoutSeconds: 60,
    sendsSms: true,
    tables: {
      alerts: 'read-write',
      // a provider's opt-out withdraws the customers holding the number (their `smsConsent` projection)
      customers: 'read-write',
      'sms-consent': 'read-write',
    },
    environment: { OCRM_SMS_SEND_WINDOW: '08:00-20:00' },
    streams: [streamDefaults('alerts', { filters: [{ eventName: ['INSERT'] }] })],
  },
  // …and those it deferred to the send window, sent once the window opens (every 10 minutes)
  {
    name: 'sms-service-resend',
    entry: 'functions/sms/service-resend.ts',
    memoryMb: 256,
    timeoutSeconds: 120,
    sendsSms: true,
    tables: { alerts: 'read-write', customers: 'read-write', 'sms-consent': 'read-write' },
    environment: { OCRM_SMS_SEND_WINDOW: '08:00-20:00' },
    schedules: [
      {
        kind: 'schedule',
        name: 'sms-service-resend',
        cron: 'cron(0/10 * * * ? *)',
        timezone: 'Asia/Shanghai',
        description: 'send the service SMS deferred to the send window once it opens',
      },
    ],
  },
  api('sms-inbound', 'functions/sms/inbound.ts', [postInbound], {
    customers: 'read-write',
    'sms-consent': 'read-write',
  }),
  api('sms-delivery-receipts', 'functions/sms/delivery-receipts.ts', [postDeliveryReceipts], {
    'campaign-messages': 'read-write',
    customers: 'read-write',
    'sms-consent': 'read-write',
  }),
  // the SMS channel's own pushes (public, verified by the channel's check): the same tables as
  // sms-delivery-receipts and sms-inbound
  api('sms-callback-receipts', 'functions/sms/callback-receipts.ts', [postChannelReceipts], {
    'campaign-messages': 'read-write',
    customers: 'read-write',
    'sms-consent': 'read-write',
  }),
  api('sms-callback-replies', 'functions/sms/callback-replies.ts', [postChannelReplies], {
    customers: 'read-write',
    'sms-consent': 'read-write',
  }),
];
