// A declaration that uses every feature the stack must build (JWT and public routes, $default,
// stream mappings with filters and non-default settings, two streams on one table, schedules, SMS),
// so infra tests exercise them even while the real declaration has none of some kind. Entries point
// at existing handlers: infra tests skip bundling, only the entry's existence is checked.
import { streamDefaults } from '#infra/declaration/functions.js';
import { system } from '#infra/declaration/index.js';
import type { FunctionDeclaration, SystemDeclaration } from '#infra/declaration/types.js';
import { getHealth, getMe } from '#shared/platform/api.js';

const entry = 'functions/platform/health.ts';
const base = { entry, memoryMb: 256, timeoutSeconds: 10 };

const functions: FunctionDeclaration[] = [
  {
    ...base,
    name: 'fixture-api',
    tables: { staff: 'read', customers: 'read' },
    routes: [
      getHealth,
      getMe,
      {
        method: 'POST',
        path: '/v1/fixture/{customerId}/notes',
        summary: 'Add a note',
        auth: 'jwt',
        roles: ['rm'],
      },
      {
        method: 'DELETE',
        path: '/v1/fixture/{customerId}/notes',
        summary: 'Drop notes',
        auth: 'jwt',
        roles: ['rm'],
      },
    ],
  },
  { ...base, name: 'fixture-not-found', tables: {}, catchAllRoute: true },
  {
    ...base,
    name: 'fixture-on-transaction',
    timeoutSeconds: 60,
    tables: { 'customer-activity': 'write', customers: 'read' },
    environment: { FIXTURE_FLAG: 'on' },
    streams: [
      streamDefaults('transactions', {
        filters: [
          { eventName: ['INSERT', 'MODIFY'] },
          { dynamodb: { NewImage: { amountFen: { N: [{ numeric: ['>', 0] }] } } } },
        ],
      }),
      streamDefaults('customers', {
        startingPosition: 'LATEST',
        batchSize: 10,
        maxBatchingWindowSeconds: 5,
        bisectOnError: false,
        retryAttempts: 0,
        maxRecordAgeSeconds: 3600,
      }),
      streamDefaults('customers', { batchSize: 1, filters: [{ eventName: ['REMOVE'] }] }),
    ],
  },
  {
    ...base,
    name: 'fixture-month-close',
    timeoutSeconds: 900,
    tables: { customers: 'read-write', audit: 'append' },
    sendsSms: true,
    schedules: [
      {
        kind: 'schedule',
        name: 'month-close',
        cron: 'cron(30 0 1 * ? *)',
        timezone: 'Asia/Shanghai',
        description: 'Tier every customer on the month just closed',
      },
      {
        kind: 'schedule',
        name: 'maturity-reminders',
        cron: 'cron(0 9 ? * MON-FRI *)',
        timezone: 'Asia/Shanghai',
        description: 'Remind customers of deposits maturing this week',
      },
    ],
  },
];

export const fixtureSystem: SystemDeclaration = { tables: system.tables, functions };
