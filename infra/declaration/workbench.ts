// Tables and functions of the workbench capability (merged into the system declaration by index.ts):
// allocations (客户调配), usage, contacts and the customer timeline, the information library (资讯库),
// data quality, the workbench and management reports.
import type { FunctionDeclaration, TableAccess, TableDeclaration } from './types.js';
import { api, streamDefaults } from './functions.js';
import {
  approveAllocation,
  createAllocation,
  customerAllocations,
  getAllocation,
  listAllocations,
  previewAllocation,
  rejectAllocation,
} from '#shared/allocations/api.js';
import { getMyUsage, getUsageReport } from '#shared/usage/api.js';
import { postContact } from '#shared/contacts/api.js';
import { getTimeline } from '#shared/timeline/api.js';
import { createArticle, getArticle, listArticles, putArticle } from '#shared/articles/api.js';
import {
  getAumChangeReport,
  getCampaignFunnelReport,
  getDataQualityReport,
  getPerformanceReport,
  getTierDistributionReport,
  getTierMigrationReport,
} from '#shared/reports/api.js';
import { getWorkbench } from '#shared/workbench/api.js';
import { DEFAULT_ORG_SHARDS, ORG_SHARDS_ENV } from '#shared/performance/settings.js';

const S = 'S' as const;

export const workbenchTables: TableDeclaration[] = [
  // Allocation requests; pending ones of a subtree by status, then the org path they cover.
  {
    id: 'allocations',
    partitionKey: { name: 'allocationId', type: S },
    globalIndexes: [
      { name: 'byStatus', partitionKey: { name: 'status', type: S }, sortKey: { name: 'scopeKey', type: S } },
    ],
  },
  // A customer's own log: contacts by the RM, transfers between RMs; `<at>#<id>`, time order.
  {
    id: 'customer-log',
    partitionKey: { name: 'customerId', type: S },
    sortKey: { name: 'entryId', type: S },
  },
  // The information library (资讯库).
  { id: 'articles', partitionKey: { name: 'articleId', type: S } },
  // Data quality per customer (score, gaps); an RM's fix-its by priority (sparse: only customers with gaps).
  {
    id: 'data-quality',
    partitionKey: { name: 'customerId', type: S },
    globalIndexes: [
      {
        name: 'byManager',
        partitionKey: { name: 'managerId', type: S },
        sortKey: { name: 'fixKey', type: S },
      },
    ],
  },
  // Counters per org unit (`org#<id>`) and RM (`rm#<id>`): customers, score sum, gaps, tiers.
  { id: 'dq-aggregates', partitionKey: { name: 'scope', type: S } },
  // Report counters per org unit / RM and month (`<month>#tier`, `<month>#aum`), an RM's tier moves
  // (`<month>#move#…`) and claim markers (`claim#…`), kept from the tier-changes and transactions streams.
  { id: 'report-aggregates', partitionKey: { name: 'scope', type: S }, sortKey: { name: 'key', type: S } },
  // Maturities of fixed-term sales (from the performance ledger); an RM's by date (byManager).
  {
    id: 'maturities',
    partitionKey: { name: 'customerId', type: S },
    sortKey: { name: 'registrationId', type: S },
    globalIndexes: [
      {
        name: 'byManager',
        partitionKey: { name: 'managerId', type: S },
        sortKey: { name: 'dueKey', type: S },
      },
    ],
  },
];

const allocating: Record<string, TableAccess> = {
  allocations: 'read-write',
  customers: 'read-write',
  orgs: 'read',
  staff: 'read',
  'customer-log': 'read-write',
  'tier-state': 'read',
  audit: 'append',
  // open alerts and maturities follow a moved customer
  alerts: 'read-write',
  maturities: 'read-write',
};

const reporting: Record<string, TableAccess> = {
  orgs: 'read',
  'data-quality': 'read',
  'dq-aggregates': 'read',
  'report-aggregates': 'read',
};

export const workbenchFunctions: FunctionDeclaration[] = [
  // allocations
  api('allocations-create', 'functions/allocations/create.ts', [createAllocation], allocating),
  {
    ...api('allocations-approve', 'functions/allocations/approve.ts', [approveAllocation], allocating),
    timeoutSeconds: 60,
  },
  // what a request would move, with its checks; reads only
  api('allocations-preview', 'functions/allocations/preview.ts', [previewAllocation], {
    customers: 'read',
    orgs: 'read',
    staff: 'read',
    'tier-state': 'read',
    alerts: 'read',
  }),
  api('allocations-reject', 'functions/allocations/reject.ts', [rejectAllocation], allocating),
  api('allocations-get', 'functions/allocations/get.ts', [getAllocation], { allocations: 'read' }),
  api('allocations-list', 'functions/allocations/list.ts', [listAllocations], { allocations: 'read' }),
  api('allocations-history', 'functions/allocations/history.ts', [customerAllocations], {
    customers: 'read',
    'customer-log': 'read',
  }),

  // contacts and the customer timeline
  api('contacts-create', 'functions/contacts/create.ts', [postContact], {
    customers: 'read',
    'customer-log': 'read-write',
    audit: 'append',
  }),
  api('timeline-get', 'functions/timeline/get.ts', [getTimeline], {
    customers: 'read',
    'customer-log': 'read',
    'tier-changes': 'read',
    transactions: 'read',
    alerts: 'read',
    'performance-ledger': 'read',
    'sms-consent': 'read',
  }),

  // the information library
  api('articles-create', 'functions/articles/create.ts', [createArticle], {
    articles: 'read-write',
    audit: 'append',
  }),
  api('articles-put', 'functions/articles/put.ts', [putArticle], { articles: 'read-write', audit: 'append' }),
  api('articles-get', 'functions/articles/get.ts', [getArticle], { articles: 'read' }),
  api('articles-list', 'functions/articles/list.ts', [listArticles], { articles: 'read' }),

  // data quality and the reports answered from its counters
  {
    name: 'data-quality-on-customer',
    entry: 'functions/data-quality/on-customer.ts',
    memoryMb: 512,
    timeoutSeconds: 60,
    tables: { 'data-quality': 'read-write', 'dq-aggregates': 'read-write' },
    // a record's item is its customer, whose changes stay in order (conditioned on the version read);
    // the org and RM counters are commutative ADDs, a conflict on one retried by transactWrite
    streams: [streamDefaults('customers', { parallelizationFactor: 4 })],
  },
  api('reports-data-quality', 'functions/data-quality/report.ts', [getDataQualityReport], reporting),
  api(
    'reports-tier-distribution',
    'functions/reports/tier-distribution.ts',
    [getTierDistributionReport],
    reporting,
  ),

  // management reports from the counters the tier-changes and transactions streams keep
  {
    name: 'workbench-on-tier-change',
    entry: 'functions/workbench/on-tier-change.ts',
    memoryMb: 512,
    timeoutSeconds: 60,
    tables: {
      'report-aggregates': 'read-write',
      customers: 'read',
      staff: 'read',
      'dq-aggregates': 'read',
      'tier-state': 'read',
      allocations: 'read-write',
      audit: 'append',
    },
    streams: [streamDefaults('tier-changes', { filters: [{ eventName: ['INSERT', 'MODIFY'] }] })],
  },
  api('reports-tier-migration', 'functions/reports/tier-migration.ts', [getTierMigrationReport], reporting),
  api('reports-aum-change', 'functions/reports/aum-change.ts', [getAumChangeReport], reporting),
  api(
    'reports-performance',
    'functions/reports/performance.ts',
    [getPerformanceReport],
    { orgs: 'read', 'performance-aggregates': 'read' },
    { environment: { [ORG_SHARDS_ENV]: String(DEFAULT_ORG_SHARDS) } },
  ),
  {
    ...api('reports-campaign-funnel', 'functions/reports/campaign-funnel.ts', [getCampaignFunnelReport], {
      orgs: 'read',
      campaigns: 'read',
      'campaign-messages': 'read',
    }),
    timeoutSeconds: 29,
  },

  // the workbench
  api('workbench-get', 'functions/workbench/get.ts', [getWorkbench], {
    'data-quality': 'read',
    'dq-aggregates': 'read',
    'report-aggregates': 'read',
    allocations: 'read',
    alerts: 'read',
    maturities: 'read',
    customers: 'read',
    'tier-state': 'read',
    campaigns: 'read',
    'performance-aggregates': 'read',
  }),

  // usage
  api('reports-usage', 'functions/usage/report.ts', [getUsageReport], { usage: 'read-write', orgs: 'read' }),
  api('usage-mine', 'functions/usage/mine.ts', [getMyUsage], { usage: 'read-write' }),
];
