// Every route says what it answers (the OpenAPI document a client is generated from shows it), and
// the integration run's check of 2xx bodies against those schemas refuses what a client would refuse.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type * as z from 'zod';
import { system } from '#infra/declaration/index.js';
import { routeKey } from '#shared/http/contract.js';
import { openApiDocument } from '#shared/http/openapi.js';
import type { dataQualityReport, tierDistributionReport } from '#shared/reports/aggregates.js';
import type { getDataQualityReport, getTierDistributionReport } from '#shared/reports/api.js';
import { responseViolations } from '../support/response-contract.js';

const routes = system.functions.flatMap((fn) => fn.routes ?? []);

describe('response schemas', () => {
  it('are declared by every route', () => {
    expect(routes.filter((route) => !route.response).map(routeKey)).toEqual([]);
  });

  it('appear in the OpenAPI document for every operation', () => {
    const document = openApiDocument(routes, { title: 't', version: '1' });
    const missing = routes.filter((route) => {
      const success = (document.paths[route.path]?.[route.method.toLowerCase()] as Record<string, any>)
        ?.responses?.[String(route.successStatus ?? 200)];
      return !success?.content?.['application/json']?.schema;
    });
    expect(missing.map(routeKey)).toEqual([]);
  });

  it('hold for what the domain functions behind the routes without a parse of their own return', () => {
    // compile-time: `tsc` (the first step of `npm test`) refuses the file when a report's result stops
    // fitting its schema (the workbench and the usage report type some fields looser than they are: the
    // integration run checks them)
    type Returned<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;
    type Accepted<Route extends { response?: z.ZodType }> = z.input<NonNullable<Route['response']>>;
    expectTypeOf<Returned<typeof dataQualityReport>>().toExtend<Accepted<typeof getDataQualityReport>>();
    expectTypeOf<Returned<typeof tierDistributionReport>>().toExtend<
      Accepted<typeof getTierDistributionReport>
    >();
  });
});

describe('the integration run’s response check', () => {
  const org = {
    orgId: 'BJ',
    name: '北京分行',
    level: 'branch',
    parentId: 'HO',
    path: '/HO/BJ/',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
  const ok = (url: string, body: unknown, extra: Partial<Parameters<typeof responseViolations>[0]> = {}) =>
    responseViolations({ method: 'GET', url, status: 200, contentType: 'application/json', body, ...extra });

  it('passes a body that conforms', () => {
    expect(ok('/v1/orgs/BJ', org)).toEqual([]);
    expect(ok('http://127.0.0.1:1234/v1/orgs/BJ/children', { items: [org] })).toEqual([]);
  });

  it('names each property the schema does not declare, by its path', () => {
    expect(ok('/v1/orgs/BJ/children', { items: [{ ...org, branchId: 'BJ' }] })).toEqual([
      'items.0.branchId: not in the schema',
    ]);
  });

  it('names each field that fails, by its path, with zod’s message', () => {
    const problems = ok('/v1/orgs/BJ', { ...org, level: 'planet', name: undefined });
    expect(problems).toHaveLength(2);
    expect(problems).toContainEqual(expect.stringMatching(/^level: /));
    expect(problems).toContainEqual(expect.stringMatching(/^name: .*expected string/));
  });

  it('leaves problems, CSV downloads and unknown paths alone', () => {
    expect(ok('/v1/orgs/BJ', { wrong: true }, { status: 404 })).toEqual([]);
    expect(ok('/v1/orgs/BJ', 'a,b', { contentType: 'text/csv; charset=utf-8' })).toEqual([]);
    expect(ok('/nowhere', { wrong: true })).toEqual([]);
  });
});
