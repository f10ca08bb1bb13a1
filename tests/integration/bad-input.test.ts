// Bad input on every declared route: a 4xx problem+json naming what failed, and no write anywhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import type { LocalRuntime } from '#infra/local/runtime.js';
import type { ApiClient } from '../support/local-runtime.js';
import { aBank } from '../support/steps/index.js';
import { callerFor, concretePath, declaredRoutes, expectProblem, tableDigest } from '../support/requests.js';

let runtime: LocalRuntime;
let api: ApiClient;

beforeAll(async () => {
  ({ runtime, api } = await aBank({ customers: 10 }));
});
afterAll(() => runtime?.stop());

const routes = declaredRoutes.filter((r) => r.auth === 'jwt');
const callerOf = (route: (typeof routes)[number]) => callerFor(runtime, route);
const snapshot = () => tableDigest(runtime);

describe('bad input changes nothing', () => {
  it('every route with a body refuses malformed JSON, a wrong shape, an empty object and unknown fields', async () => {
    const before = await snapshot();
    for (const route of routes.filter((r) => r.body)) {
      const path = concretePath(route.path);
      const label = `${route.method} ${route.path}`;
      for (const body of ['{"oops', '[]', '"text"']) {
        const response = await api.call(callerOf(route), route.method, path, body);
        expectProblem(response, `${label} ${body}`);
        expect(response.status, `${label} ${body}`).toBe(400);
        expect(response.body.errors?.length, `${label} ${body}`).toBeGreaterThan(0);
      }
      // an empty object or an unknown field may be a 400, or a 404/409 for the made-up id; never a success
      for (const body of ['{}', JSON.stringify({ surprise: true })]) {
        expectProblem(await api.call(callerOf(route), route.method, path, body), `${label} ${body}`);
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it('every route with path parameters refuses malformed ids', async () => {
    for (const route of routes.filter((r) => r.params)) {
      const path = route.path.replace(/\{[^}]+\}/g, encodeURIComponent('not an id!'));
      const response = await api.call(callerOf(route), route.method, path, route.body ? '{}' : undefined);
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
      for (const query of [
        'limit=0',
        'limit=201',
        'limit=ten',
        'cursor=bm90LWEtY3Vyc29y',
        'cursor=eyJwayI6IngifQ',
      ]) {
        const response = await api.get(callerOf(route), `${path}?${query}`);
        expectProblem(response, `${route.path}?${query}`);
        expect(response.status, `${route.path}?${query}`).toBe(400);
      }
    }
  });
});
