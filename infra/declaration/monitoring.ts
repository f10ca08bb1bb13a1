// Tables and functions of the monitoring capability (merged into the system declaration by index.ts):
// trigger rules as data, the transactions stream → state, fund flows and alerts, alert work and its
// escalation schedule, a customer's fund flows and the two reports.
import type { FunctionDeclaration, TableDeclaration } from './types.js';
import { api, checkerFunctions, streamDefaults } from './functions.js';
import { acknowledgeAlert, closeAlert, getAlert, listAlerts } from '#shared/monitoring/alerts-api.js';
import {
  approveTriggerRuleChange,
  getTriggerRule,
  listTriggerRuleChanges,
  listTriggerRules,
  putTriggerRule,
  rejectTriggerRuleChange,
  testTriggerRule,
} from '#shared/monitoring/api.js';
import { getAlertOutcomeReport, getFundFlows, getNetOutflowReport } from '#shared/monitoring/reports-api.js';

const S = 'S' as const;

export const monitoringTables: TableDeclaration[] = [
  // Trigger rules: every version of every rule (never overwritten), and a `$head` item whose revision
  // moves with each approved version so stream handlers reload only when something changed; proposed
  // changes (maker-checker) under `$changes`.
  {
    id: 'trigger-rules',
    partitionKey: { name: 'ruleId', type: S },
    sortKey: { name: 'version', type: 'N' },
  },
  // Alerts, one per rule × customer × dedup window (the id is derived from them). An RM's by status
  // and due time; a branch subtree's; a customer's (the timeline); the sparse escalation watch list.
  // Streamed: the service-SMS sender and the workbench react to alerts as they are raised and worked.
  {
    id: 'alerts',
    partitionKey: { name: 'alertId', type: S },
    globalIndexes: [
      {
        name: 'byManager',
        partitionKey: { name: 'managerId', type: S },
        sortKey: { name: 'listKey', type: S },
      },
      {
        name: 'byBranch',
        partitionKey: { name: 'branchId', type: S },
        sortKey: { name: 'scopeKey', type: S },
      },
      {
        name: 'byCustomer',
        partitionKey: { name: 'customerId', type: S },
        sortKey: { name: 'raisedKey', type: S },
      },
      { name: 'byDue', partitionKey: { name: 'watch', type: S }, sortKey: { name: 'dueKey', type: S } },
      // service SMS deferred to the send window, for the re-sender (sms-service-resend)
      {
        name: 'bySmsDue',
        partitionKey: { name: 'smsWatch', type: S },
        sortKey: { name: 'smsDueKey', type: S },
      },
    ],
    stream: 'NEW_AND_OLD_IMAGES',
  },
  // Per customer: TX#<id> claim markers, D#<date> day totals, P#<payer>#<date> payer inflows.
  {
    id: 'monitoring-state',
    partitionKey: { name: 'customerId', type: S },
    sortKey: { name: 'key', type: S },
    timeToLiveAttribute: 'expiresAt',
  },
  // 资金流向: per customer, one cell per month × direction × counterparty bank × category.
  { id: 'fund-flows', partitionKey: { name: 'customerId', type: S }, sortKey: { name: 'flowKey', type: S } },
  // Org aggregates per branch and month, sorted by org path: `outflow#…` (other banks), `alerts#…` (outcomes).
  {
    id: 'monitoring-aggregates',
    partitionKey: { name: 'aggregateKey', type: S },
    sortKey: { name: 'scopeKey', type: S },
  },
];

export const monitoringFunctions: FunctionDeclaration[] = [
  {
    name: 'monitoring-on-transaction',
    // with the customer's last activity: the stream's readers are two at most
    entry: 'functions/streams/transactions-monitoring.ts',
    memoryMb: 1024,
    timeoutSeconds: 120,
    tables: {
      customers: 'read',
      'trigger-rules': 'read',
      'monitoring-state': 'read-write',
      'fund-flows': 'write',
      'monitoring-aggregates': 'write',
      alerts: 'write',
      // AUM and tier thresholds, from the tiering capability's stores
      'aum-counters': 'read',
      'tier-policy': 'read',
      'customer-activity': 'read-write',
      // the relationship graph's edges and payer sets (functions/graph/on-transaction.ts)
      'relationship-graph': 'read-write',
    },
    streams: [streamDefaults('transactions', { filters: [{ eventName: ['INSERT', 'MODIFY'] }] })],
  },
  {
    name: 'monitoring-escalation',
    entry: 'functions/monitoring/escalate.ts',
    memoryMb: 512,
    timeoutSeconds: 300,
    tables: { alerts: 'read-write', staff: 'read', 'monitoring-aggregates': 'write', audit: 'append' },
    schedules: [
      {
        kind: 'schedule',
        name: 'monitoring-escalation',
        cron: 'cron(0/15 * * * ? *)',
        timezone: 'Asia/Shanghai',
        description: 'escalate alerts not acknowledged within their SLA to the branch manager',
      },
    ],
  },
  api('monitoring-rules-list', 'functions/monitoring/rules-list.ts', [listTriggerRules], {
    'trigger-rules': 'read',
    // each rule's hits in the last 30 days: the rulehits# cells
    'monitoring-aggregates': 'read',
  }),
  api('monitoring-rules-get', 'functions/monitoring/rules-get.ts', [getTriggerRule], {
    'trigger-rules': 'read',
  }),
  // maker-checker: a PUT proposes; another admin approves (stores the next version) or rejects
  api('monitoring-rules-put', 'functions/monitoring/rules-put.ts', [putTriggerRule], {
    'trigger-rules': 'read-write',
    audit: 'append',
  }),
  ...checkerFunctions('monitoring', 'rules', 'trigger-rules', {
    changes: listTriggerRuleChanges,
    approve: approveTriggerRuleChange,
    reject: rejectTriggerRuleChange,
  }),
  // a draft rule against a sample: the stream's reads (state, AUM, thresholds), and the alert it would raise
  api('monitoring-rules-test', 'functions/monitoring/rules-test.ts', [testTriggerRule], {
    customers: 'read',
    'monitoring-state': 'read',
    'aum-counters': 'read',
    'tier-policy': 'read',
    alerts: 'read',
  }),
  api('monitoring-alerts-list', 'functions/monitoring/alerts-list.ts', [listAlerts], {
    alerts: 'read',
    customers: 'read',
  }),
  api('monitoring-alerts-get', 'functions/monitoring/alerts-get.ts', [getAlert], { alerts: 'read' }),
  api('monitoring-alerts-ack', 'functions/monitoring/alerts-ack.ts', [acknowledgeAlert], {
    alerts: 'read-write',
    audit: 'append',
  }),
  api('monitoring-alerts-close', 'functions/monitoring/alerts-close.ts', [closeAlert], {
    alerts: 'read-write',
    'monitoring-aggregates': 'write',
    audit: 'append',
  }),
  api('monitoring-fund-flows', 'functions/monitoring/fund-flows.ts', [getFundFlows], {
    customers: 'read',
    'fund-flows': 'read',
  }),
  api('monitoring-report-net-outflow', 'functions/monitoring/report-net-outflow.ts', [getNetOutflowReport], {
    orgs: 'read',
    'monitoring-aggregates': 'read',
  }),
  api(
    'monitoring-report-alert-outcomes',
    'functions/monitoring/report-alert-outcomes.ts',
    [getAlertOutcomeReport],
    { orgs: 'read', 'monitoring-aggregates': 'read' },
  ),
];
