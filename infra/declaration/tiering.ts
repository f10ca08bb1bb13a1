// Tables and functions of the tiering capability (merged into the system declaration by index.ts).
import type { FunctionDeclaration, TableAccess, TableDeclaration } from './types.js';
import { api, checkerFunctions, streamDefaults } from './functions.js';
import {
  approveTierPolicyChange,
  getCustomerAum,
  getMonthClose,
  getTierHistory,
  getTierPolicy,
  listTierPolicyChanges,
  postBalances,
  putTierPolicy,
  rejectTierPolicyChange,
} from '#shared/tiering/api.js';
import { previewTierPolicy } from '#shared/tiering/preview-api.js';

const S = 'S' as const;

export const tieringTables: TableDeclaration[] = [
  // AUM counters per customer: M#<month> (linear counters), TX#<id> and SNAP#<class>#<date> claim markers.
  { id: 'aum-counters', partitionKey: { name: 'customerId', type: S }, sortKey: { name: 'key', type: S } },
  // A customer's tier standing (STATE) and month closes (CLOSE#<month>).
  { id: 'tier-state', partitionKey: { name: 'customerId', type: S }, sortKey: { name: 'key', type: S } },
  // Tier changes, streamed: alerts to the RM, welcome SMS, private-banking reassignment react to it.
  {
    id: 'tier-changes',
    partitionKey: { name: 'customerId', type: S },
    sortKey: { name: 'changeId', type: S },
    stream: 'NEW_IMAGE',
  },
  // Tier policy versions, never overwritten; proposed changes (maker-checker) under `tier-policy#changes`.
  { id: 'tier-policy', partitionKey: { name: 'policyId', type: S }, sortKey: { name: 'version', type: 'N' } },
  // Month-close runs: RUN and per-segment progress (SEG#<n>) per month.
  { id: 'tier-month-close', partitionKey: { name: 'month', type: S }, sortKey: { name: 'part', type: S } },
  // Month-close segment tasks, one item each, streamed: every task is one invocation of the segment worker.
  {
    id: 'tier-month-close-tasks',
    partitionKey: { name: 'taskId', type: S },
    stream: 'NEW_IMAGE',
    timeToLiveAttribute: 'expiresAt',
  },
];

/** Everything a tier decision writes or reads. */
const deciding: Record<string, TableAccess> = {
  'aum-counters': 'read-write',
  'tier-state': 'read-write',
  'tier-changes': 'write',
  'tier-policy': 'read',
  customers: 'read-write',
};

export const tieringFunctions: FunctionDeclaration[] = [
  {
    name: 'tiering-on-transaction',
    // with the AUM-change report counters: the stream's readers are two at most
    entry: 'functions/streams/transactions-tiering.ts',
    memoryMb: 1024,
    timeoutSeconds: 120,
    tables: { ...deciding, 'report-aggregates': 'read-write' },
    streams: [streamDefaults('transactions', { filters: [{ eventName: ['INSERT', 'MODIFY'] }] })],
  },
  api('tiering-balances', 'functions/tiering/balances.ts', [postBalances], { ...deciding, audit: 'append' }),
  api('tiering-policy-get', 'functions/tiering/policy-get.ts', [getTierPolicy], { 'tier-policy': 'read' }),
  // maker-checker: a PUT proposes; another admin approves (stores the next version) or rejects
  api('tiering-policy-put', 'functions/tiering/policy-put.ts', [putTierPolicy], {
    'tier-policy': 'read-write',
    audit: 'append',
  }),
  // the what-if of a draft: every customer's standing and counters in the caller's scope, read-only
  api(
    'tiering-policy-preview',
    'functions/tiering/policy-preview.ts',
    [previewTierPolicy],
    {
      customers: 'read',
      'aum-counters': 'read',
      'tier-state': 'read',
      'tier-policy': 'read',
      'tier-month-close': 'read',
      orgs: 'read',
    },
    { memoryMb: 1769, timeoutSeconds: 29 },
  ),
  ...checkerFunctions('tiering', 'policy', 'tier-policy', {
    changes: listTierPolicyChanges,
    approve: approveTierPolicyChange,
    reject: rejectTierPolicyChange,
  }),
  api('tiering-aum-get', 'functions/tiering/aum.ts', [getCustomerAum], {
    customers: 'read',
    'aum-counters': 'read',
    'tier-state': 'read',
    'tier-policy': 'read',
  }),
  api('tiering-history-get', 'functions/tiering/tier-history.ts', [getTierHistory], {
    customers: 'read',
    'tier-state': 'read',
    'tier-changes': 'read',
  }),
  api('tiering-month-close-status', 'functions/tiering/month-close-status.ts', [getMonthClose], {
    'tier-month-close': 'read',
    customers: 'read',
  }),
  // the coordinator: opens the month's pass and issues one task per segment (quick)
  {
    name: 'tiering-month-close',
    entry: 'functions/tiering/month-close.ts',
    memoryMb: 512,
    timeoutSeconds: 60,
    tables: { 'tier-month-close': 'read-write', 'tier-month-close-tasks': 'write', customers: 'read' },
    schedules: [
      {
        kind: 'schedule',
        name: 'tiering-month-close',
        cron: 'cron(30 0 1 * ? *)',
        timezone: 'Asia/Shanghai',
        description: 'close every customer’s month: month-daily-average AUM, downgrade buffer, tier history',
      },
    ],
  },
  // one segment per invocation (one task record a batch); out of time it issues its continuation
  {
    name: 'tiering-month-close-segment',
    entry: 'functions/tiering/month-close-segment.ts',
    memoryMb: 1769,
    timeoutSeconds: 900,
    tables: { ...deciding, 'tier-month-close': 'read-write', 'tier-month-close-tasks': 'write' },
    streams: [
      streamDefaults('tier-month-close-tasks', {
        batchSize: 1,
        // one invocation per segment task, up to 10 at once: each task is its own item
        parallelizationFactor: 10,
        filters: [{ eventName: ['INSERT'] }],
      }),
    ],
  },
];
