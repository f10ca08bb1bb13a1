// Bad input on every declared route: a 4xx problem+json naming what failed, and no write anywhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { system } from '#infra/declaration/index.js';
import type { LocalRuntime } from '#infra/local/runtime.js';
import { apiClient, startTestRuntime, type ApiClient } from '../support/local-runtime.js';

let runtime: LocalRuntime;
let api: ApiClient;

beforeAll(async () => {
  runtime = await startTestRuntime({ demoCustomers: 10 });
  api = apiClient(runtime);
});
afterAll(() => runtime?.stop());

const routes = system.functions.flatMap((fn) => fn.routes ?? []).filter((r) => r.auth === 'jwt');
// Valid-looking ids so that only the part under test is wrong.
const KNOWN_IDS: Record<string, string> = {
  customerId: 'C0000001',
  orgId: 'BJ-CY',
  staffId: 'rm-bj-cy-wj-01',
};
const concretePath = (path: string) =>
  path.replace(/\{([^}]+)\}/g, (_, name: string) => KNOWN_IDS[name] ?? 'X0000001');
// A caller the route lets in, so the answer is about the input and not the role.
const LOGIN_OF_ROLE: Record<string, string> = {
  admin: 'admin',
  branch_manager: 'bm-bj',
  rm: 'rm-bj-cy-wj-01',
  marketing: 'marketing',
  integration: 'core-banking',
};
const callerFor = (route: (typeof routes)[number]) => LOGIN_OF_ROLE[route.roles?.[0] ?? 'admin']!;

// Item counts of every table, once the streams have caught up. `usage` is left out: every
// authenticated request is a day of use, refused or not (the usage tests count it).
const snapshot = async () => {
  await runtime.drained();
  return Object.fromEntries(
    await Promise.all(
      system.tables
        .filter((t) => t.id !== 'usage')
        .map(async (t) => {
          const { Count } = await runtime.document.send(
            new ScanCommand({ TableName: runtime.tableName(t.id), Select: 'COUNT' }),
          );
          return [t.id, Count] as const;
        }),
    ),
  );
};

const expectProblem = (response: { status: number; headers: Headers; body: any }, label: string) => {
  expect(response.status, label).toBeGreaterThanOrEqual(400);
  expect(response.status, label).toBeLessThan(500);
  expect(response.headers.get('content-type'), label).toBe('application/problem+json');
  expect(response.body.status, label).toBe(response.status);
};

describe('bad input changes nothing', () => {
  it('every route with a body refuses malformed JSON, a wrong shape, an empty object and unknown fields', async () => {
    const before = await snapshot();
    for (const route of routes.filter((r) => r.body)) {
      const path = concretePath(route.path);
      const label = `${route.method} ${route.path}`;
      for (const body of ['{"oops', '[]', '"text"']) {
        const response = await api.call(callerFor(route), route.method, path, body);
        expectProblem(response, `${label} ${body}`);
        expect(response.status, `${label} ${body}`).toBe(400);
        expect(response.body.errors?.length, `${label} ${body}`).toBeGreaterThan(0);
      }
      // an empty object or an unknown field may be a 400, or a 404/409 for the made-up id; never a success
      for (const body of ['{}', JSON.stringify({ surprise: true })]) {
        expectProblem(await api.call(callerFor(route), route.method, path, body), `${label} ${body}`);
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it('every route with path parameters refuses malformed ids', async () => {
    for (const route of routes.filter((r) => r.params)) {
      const path = route.path.replace(/\{[^}]+\}/g, encodeURIComponent('not an id!'));
      const response = await api.call(callerFor(route), route.method, path, route.body ? '{}' : undefined);
      expectProblem(response, `${route.method} ${route.path}`);
      expect(response.body.errors.some((e: { path: string }) => e.path.startsWith('params.'))).toBe(true);
    }
  });

  it('every list refuses limits out of range and cursors it did not issue', async () => {
    const paginated = (query: unknown) =>
      query instanceof z.ZodObject && 'limit' in query.shape && 'cursor' in query.shape;
    const lists = routes.filter((r) => r.method === 'GET' && paginated(r.query));
    expect(lists.length).toBeGreaterThanOrEqual(5); // customers, staff, alerts, campaigns, … — not vacuous
    for (const route of lists) {
      const path = concretePath(route.path);
      for (const query of ['limit=0', 'limit=201', 'limit=ten', 'cursor=bm90LWEtY3Vyc29y']) {
        const response = await api.get(callerFor(route), `${path}?${query}`);
        expectProblem(response, `${route.path}?${query}`);
        expect(response.status, `${route.path}?${query}`).toBe(400);
      }
    }
  });
});
