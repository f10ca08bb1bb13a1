// Tables and functions of the performance capability and the product library it registers sales of
// (merged into the system declaration by index.ts).
import type { FunctionDeclaration, TableAccess, TableDeclaration } from './types.js';
import { api, streamDefaults } from './functions.js';
import {
  createProduct,
  getProduct,
  listCategoryWeights,
  listProducts,
  putCategoryWeight,
  replaceProduct,
} from '#shared/products/api.js';
import {
  getLeaderboard,
  getPerformanceEntry,
  listPerformance,
  registerPerformance,
  reversePerformance,
} from '#shared/performance/api.js';
import { DEFAULT_ORG_SHARDS, ORG_SHARDS_ENV } from '#shared/performance/settings.js';

const S = 'S' as const;

export const performanceTables: TableDeclaration[] = [
  // Product library (产品库), by code; searched whole (it holds hundreds of products).
  { id: 'products', partitionKey: { name: 'productId', type: S } },
  // Weight per product category, for products without their own.
  { id: 'product-categories', partitionKey: { name: 'category', type: S } },
  // The append-only ledger (业绩台账): registrations and reversals, never updated; streamed to the
  // aggregates. A customer's entries in time order (byCustomer) feed the customer timeline.
  {
    id: 'performance-ledger',
    partitionKey: { name: 'entryId', type: S },
    globalIndexes: [
      {
        name: 'byCustomer',
        partitionKey: { name: 'customerId', type: S },
        sortKey: { name: 'customerKey', type: S },
      },
    ],
    stream: 'NEW_IMAGE',
  },
  // Idempotency keys: REG#<channel>#<externalRef> and REV#<registrationId> → the entry.
  { id: 'performance-refs', partitionKey: { name: 'refKey', type: S } },
  // A staff member's ledger lines by business date: GET /v1/performance?staffId=&period=.
  {
    id: 'performance-postings',
    partitionKey: { name: 'staffId', type: S },
    sortKey: { name: 'postingKey', type: S },
  },
  // Counters per staff / org unit (write-sharded) × period, with claim markers; staff on the
  // leaderboard index per branch and period.
  {
    id: 'performance-aggregates',
    partitionKey: { name: 'pk', type: S },
    sortKey: { name: 'sk', type: S },
    globalIndexes: [
      { name: 'byBoard', partitionKey: { name: 'board', type: S }, sortKey: { name: 'boardKey', type: S } },
    ],
  },
];

const shardSetting = { environment: { [ORG_SHARDS_ENV]: String(DEFAULT_ORG_SHARDS) } };
const appending: Record<string, TableAccess> = {
  'performance-ledger': 'read-write',
  'performance-refs': 'read-write',
  'performance-postings': 'write',
  audit: 'append',
};

export const performanceFunctions: FunctionDeclaration[] = [
  // product library: admins write, everyone reads
  api('products-create', 'functions/products/create.ts', [createProduct], {
    products: 'read-write',
    'product-categories': 'read',
    audit: 'append',
  }),
  api('products-replace', 'functions/products/replace.ts', [replaceProduct], {
    products: 'read-write',
    'product-categories': 'read',
    audit: 'append',
  }),
  api('products-get', 'functions/products/get.ts', [getProduct], {
    products: 'read',
    'product-categories': 'read',
  }),
  api('products-list', 'functions/products/list.ts', [listProducts], {
    products: 'read',
    'product-categories': 'read',
  }),
  api('product-categories-list', 'functions/products/categories-list.ts', [listCategoryWeights], {
    'product-categories': 'read',
  }),
  api('product-categories-put', 'functions/products/categories-put.ts', [putCategoryWeight], {
    'product-categories': 'read-write',
    audit: 'append',
  }),

  // performance: HTTP → ledger → stream → aggregates → leaderboards
  api('performance-register', 'functions/performance/register.ts', [registerPerformance], {
    ...appending,
    customers: 'read',
    products: 'read',
    'product-categories': 'read',
    // campaign attribution: the customer's send records by send time (through the campaign store)
    'campaign-messages': 'read',
  }),
  api('performance-reverse', 'functions/performance/reverse.ts', [reversePerformance], appending),
  api('performance-get', 'functions/performance/get.ts', [getPerformanceEntry], {
    'performance-ledger': 'read',
    'performance-refs': 'read',
  }),
  api('performance-list', 'functions/performance/list.ts', [listPerformance], {
    'performance-postings': 'read',
  }),
  api(
    'performance-leaderboard',
    'functions/performance/leaderboard.ts',
    [getLeaderboard],
    { 'performance-aggregates': 'read', orgs: 'read' },
    shardSetting,
  ),
  {
    name: 'performance-on-ledger',
    entry: 'functions/performance/on-ledger.ts',
    memoryMb: 512,
    timeoutSeconds: 60,
    tables: { 'performance-aggregates': 'read-write' },
    streams: [streamDefaults('performance-ledger', { filters: [{ eventName: ['INSERT', 'MODIFY'] }] })],
    ...shardSetting,
  },
];
