// The declaration is checked before anything reads it: names unique, tables referenced exist,
// stream settings inside Lambda's limits, every cron evaluable locally, every route unique.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { system } from '#infra/declaration/index.js';
import { routeKey, type RouteContract } from '#shared/http/contract.js';
import { ROLES } from '#shared/auth/caller.js';
import { parseCron } from '#infra/local/cron.js';
import { repositoryRoot } from '#infra/local/invoke.js';

const tableIds = new Set(system.tables.map((t) => t.id));
const routes = system.functions.flatMap((f) => f.routes ?? []);

/** The public routes, reviewed: everything else is signed in and names who may call it. */
const PUBLIC = [
  'GET /v1/health',
  'GET /v1/openapi.json',
  // the SMS channel's pushes: no bank login, verified by the channel's own check (shared/sms/channel.ts)
  'POST /v1/sms/callbacks/{channel}/receipts',
  'POST /v1/sms/callbacks/{channel}/replies',
];

/** What is wrong with a route's access: no roles on a signed-in route, an unknown role, `integration` reading. */
const accessProblems = (route: RouteContract): string[] => {
  const key = routeKey(route);
  if (route.auth === 'none') return PUBLIC.includes(key) ? [] : [`${key}: public but not reviewed as such`];
  const roles: readonly string[] | undefined = route.roles;
  if (!roles || roles.length === 0) return [`${key}: signed in, but names no roles`];
  const problems = roles.filter((r) => !(ROLES as readonly string[]).includes(r)).map((r) => `${key}: ${r}?`);
  if (new Set(roles).size !== roles.length) problems.push(`${key}: names a role twice`);
  // upstream feeds post; the only things they read are who they are and product reference data
  const referenceData = /^GET \/v1\/(me|products(\/\{productId\})?|product-categories)$/;
  if (route.method === 'GET' && roles.includes('integration') && !referenceData.test(key))
    problems.push(`${key}: integration reads`);
  return problems;
};

describe('the system declaration', () => {
  it('names every table and function once, and every entry file exists', () => {
    expect(tableIds.size).toBe(system.tables.length);
    const names = system.functions.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const fn of system.functions)
      expect(existsSync(join(repositoryRoot, fn.entry)), fn.entry).toBe(true);
  });

  it('reads each table stream with at most two functions (DynamoDB throttles a third reader per shard)', () => {
    const readers = new Map<string, string[]>();
    for (const fn of system.functions)
      for (const stream of fn.streams ?? [])
        readers.set(stream.table, [...(readers.get(stream.table) ?? []), fn.name]);
    expect(readers.size).toBeGreaterThan(0);
    for (const [table, functions] of readers)
      expect(functions.length, `${table}: ${functions.join(', ')}`).toBeLessThanOrEqual(2);
  });

  it('grants only declared tables, and streams only from tables that have a stream', () => {
    for (const fn of system.functions) {
      for (const table of Object.keys(fn.tables))
        expect(tableIds.has(table), `${fn.name} → ${table}`).toBe(true);
      for (const stream of fn.streams ?? []) {
        expect(
          system.tables.find((t) => t.id === stream.table)?.stream,
          `${fn.name} ← ${stream.table}`,
        ).toBeDefined();
      }
    }
  });

  it('keeps stream mappings inside the limits Lambda accepts', () => {
    for (const fn of system.functions) {
      for (const s of fn.streams ?? []) {
        expect(s.batchSize).toBeGreaterThanOrEqual(1);
        expect(s.batchSize).toBeLessThanOrEqual(10_000);
        expect(s.maxBatchingWindowSeconds).toBeGreaterThanOrEqual(0);
        expect(s.maxBatchingWindowSeconds).toBeLessThanOrEqual(300);
        expect(s.retryAttempts).toBeGreaterThanOrEqual(-1);
        expect(s.retryAttempts).toBeLessThanOrEqual(10_000);
        expect(
          (s.parallelizationFactor ?? 1) >= 1 && (s.parallelizationFactor ?? 1) <= 10,
          `${fn.name}: parallelizationFactor 1–10`,
        ).toBe(true);
        expect(
          s.maxRecordAgeSeconds === -1 || (s.maxRecordAgeSeconds >= 60 && s.maxRecordAgeSeconds <= 604_800),
        ).toBe(true);
        expect(s.filters?.length ?? 0).toBeLessThanOrEqual(5);
      }
    }
  });

  it('has schedules with unique names and crons the local scheduler evaluates', () => {
    const schedules = system.functions.flatMap((f) => f.schedules ?? []);
    expect(new Set(schedules.map((s) => s.name)).size).toBe(schedules.length);
    for (const s of schedules) expect(() => parseCron(s.cron), s.cron).not.toThrow();
  });

  it('serves each method and path once, at most one catch-all, and a summary for the OpenAPI document', () => {
    const keys = routes.map(routeKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(system.functions.filter((f) => f.catchAllRoute)).toHaveLength(1);
    for (const r of routes) {
      expect(r.path.startsWith('/v1/'), r.path).toBe(true);
      expect(r.summary.length).toBeGreaterThan(3);
    }
  });

  it('names the roles of every signed-in route (no "anyone signed in"), and integration reads nothing', () => {
    expect(routes.flatMap(accessProblems)).toEqual([]);
    // the check itself fails on what it is for
    const base = { method: 'GET', path: '/v1/customers', summary: 'Customers' } as const;
    expect(accessProblems({ ...base, auth: 'jwt' } as unknown as RouteContract)).toEqual([
      'GET /v1/customers: signed in, but names no roles',
    ]);
    expect(accessProblems({ ...base, auth: 'jwt', roles: [] })).toHaveLength(1);
    expect(accessProblems({ ...base, auth: 'jwt', roles: ['rm', 'integration'] })).toEqual([
      'GET /v1/customers: integration reads',
    ]);
    expect(accessProblems({ ...base, auth: 'none' })).toHaveLength(1);
  });
});
