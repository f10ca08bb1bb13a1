// Fuzz: requests derived from every declared route's zod contract, as a role the route admits, on one
// local runtime. Never a 5xx; a 4xx is always problem+json; a refused request changes no table.
//   given  valid, near-valid (one field wrong) and hostile bodies, query values, path params, headers
//   when   each is sent to its route
//   then   the answer is < 500, a refusal names the wrong field, and the tables are as they were
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { LocalRuntime } from '#infra/local/runtime.js';
import type { RouteContract } from '#shared/http/contract.js';
import { SAFE_CORRELATION_ID } from '#shared/http/http.js';
import type { ApiClient, ApiResponse } from '../support/local-runtime.js';
import { aBank } from '../support/steps/index.js';
import {
  KNOWN_IDS,
  callerFor,
  concretePath,
  declaredRoutes,
  expectProblem,
  tableDigest,
} from '../support/requests.js';
import {
  hostileBodyTexts,
  hostileOf,
  hostileShortString,
  jsonSchemaOf,
  nearValidOf,
  nearValidTexts,
  refusedBodyTexts,
  validOf,
  validTexts,
  type JsonSchema,
} from '../support/contract-arbitraries.js';

// Bounded so that the whole file stays well under 90 s on a busy machine: runs per route and phase.
const RUNS = 4;
const ANY_RUNS = 5;
const SEED = Number(process.env.FUZZ_SEED ?? 20261207);

let runtime: LocalRuntime;
let api: ApiClient;

beforeAll(async () => {
  ({ runtime, api } = await aBank({ customers: 10 }));
});
afterAll(() => runtime?.stop());

interface FuzzRequest {
  body?: unknown;
  /** a raw body text, sent as it is */
  text?: string;
  query: Record<string, string>;
  params: Record<string, string>;
  headers?: Record<string, string>;
  /** the field a refusal must name */
  field?: string;
}

interface Schemas {
  body?: JsonSchema;
  query?: JsonSchema;
  params?: JsonSchema;
}
const schemasOf = (route: RouteContract): Schemas => ({
  body: route.body && jsonSchemaOf(route.body),
  query: route.query && jsonSchemaOf(route.query),
  params: route.params && jsonSchemaOf(route.params),
});

const knownParams = (s: Schemas) =>
  Object.fromEntries(Object.keys(s.params?.properties ?? {}).map((k) => [k, KNOWN_IDS[k] ?? 'X0000001']));
const someParams = (s: Schemas): fc.Arbitrary<Record<string, string>> =>
  s.params ? fc.oneof(fc.constant(knownParams(s)), validTexts(s.params)) : fc.constant({});
const someQuery = (s: Schemas): fc.Arbitrary<Record<string, string>> =>
  s.query ? fc.oneof(fc.constant({}), validTexts(s.query)) : fc.constant({});
const someBody = (s: Schemas): fc.Arbitrary<unknown> => (s.body ? validOf(s.body) : fc.constant(undefined));

/** Requests the route's contract must refuse: one field of a body, query or path of the wrong kind. */
const refusedRequests = (s: Schemas): fc.Arbitrary<FuzzRequest> | undefined => {
  const options: fc.Arbitrary<FuzzRequest>[] = [];
  const body = s.body && nearValidOf(s.body);
  if (body)
    options.push(
      fc
        .record({ near: body, query: someQuery(s), params: fc.constant(knownParams(s)) })
        .map(({ near, ...r }) => ({
          ...r,
          body: near.value,
          field: `body.${near.field}`,
        })),
    );
  if (s.body)
    options.push(
      fc.record({ text: fc.constantFrom(...refusedBodyTexts), query: someQuery(s), params: someParams(s) }),
    );
  const query = s.query && nearValidTexts(s.query);
  if (query)
    options.push(
      fc
        .record({ near: query, params: fc.constant(knownParams(s)), body: someBody(s) })
        .map(({ near, ...r }) => ({
          ...r,
          query: near.values,
          field: `query.${near.field}`,
        })),
    );
  const params = s.params && nearValidTexts(s.params);
  if (params)
    options.push(
      fc.record({ near: params, query: someQuery(s), body: someBody(s) }).map(({ near, ...r }) => ({
        ...r,
        params: near.values,
      })),
    );
  return options.length ? fc.oneof(...options) : undefined;
};

/** Anything: valid requests, hostile fields, hostile raw bodies and a hostile correlation id. */
const anyRequests = (s: Schemas): fc.Arbitrary<FuzzRequest> => {
  // mostly valid, so that requests get past the contract into the use cases
  const bodies: fc.WeightedArbitrary<Pick<FuzzRequest, 'body' | 'text'>>[] = [
    { weight: 4, arbitrary: someBody(s).map((body) => ({ body })) },
  ];
  if (s.body) {
    bodies.push({ weight: 2, arbitrary: hostileOf(s.body).map((body) => ({ body })) });
    bodies.push({ weight: 1, arbitrary: fc.constantFrom(...hostileBodyTexts).map((text) => ({ text })) });
  }
  const queries: fc.WeightedArbitrary<Record<string, string>>[] = [{ weight: 3, arbitrary: someQuery(s) }];
  const names = Object.keys(s.query?.properties ?? {});
  if (names.length)
    queries.push({
      weight: 1,
      arbitrary: fc
        .tuple(someQuery(s), fc.constantFrom(...names), hostileShortString)
        .map(([q, name, text]) => ({ ...q, [name]: text })),
    });
  const params: fc.WeightedArbitrary<Record<string, string>>[] = [{ weight: 3, arbitrary: someParams(s) }];
  if (s.params)
    params.push({
      weight: 1,
      arbitrary: hostileShortString.map((text) =>
        Object.fromEntries(Object.keys(s.params!.properties ?? {}).map((k) => [k, text])),
      ),
    });
  return fc
    .record({
      body: fc.oneof(...bodies),
      query: fc.oneof(...queries),
      params: fc.oneof(...params),
      correlationId: fc.option(
        fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map(String.fromCharCode), maxLength: 100 }),
      ),
    })
    .map(({ body, correlationId, ...rest }) => ({
      ...rest,
      ...body,
      ...(correlationId === null ? {} : { headers: { 'x-correlation-id': correlationId } }),
    }));
};

const send = (route: RouteContract, request: FuzzRequest): Promise<ApiResponse> => {
  const search = new URLSearchParams(request.query).toString();
  const path = concretePath(route.path, request.params) + (search ? `?${search}` : '');
  const body =
    request.text ??
    (request.body === undefined ? (route.body ? '' : undefined) : JSON.stringify(request.body));
  return api.call(
    callerFor(runtime, route),
    route.method,
    path,
    body === '' ? undefined : body,
    request.headers,
  );
};

const label = (route: RouteContract, request: FuzzRequest) =>
  `${route.method} ${route.path} ${JSON.stringify({ ...request, text: request.text?.slice(0, 80) }).slice(0, 400)}`;

const polluted = () => ({}) as Record<string, unknown>;

describe('fuzz: every route, from its contract', () => {
  it('refuses near-valid and malformed input with a problem+json that names the field, and writes nothing', async () => {
    const before = await tableDigest(runtime);
    let checked = 0;
    for (const route of declaredRoutes) {
      const requests = refusedRequests(schemasOf(route));
      if (!requests) continue;
      await fc.assert(
        fc.asyncProperty(requests, async (request) => {
          const response = await send(route, request);
          const what = label(route, request);
          expectProblem(response, what);
          if (request.field && response.status === 400)
            expect(
              (response.body.errors as { path: string }[]).map((e) => e.path),
              what,
            ).toContainEqual(
              expect.stringMatching(new RegExp(`^${request.field.replace(/\./g, '\\.')}(\\.|$)`)),
            );
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      checked++;
    }
    expect(checked).toBeGreaterThan(60); // not vacuous: nearly every route has something to get wrong
    expect(await tableDigest(runtime)).toEqual(before);
    expect(polluted().polluted).toBeUndefined();
  });

  it('answers anything, valid or hostile, with less than a 500, and every refusal as problem+json', async () => {
    for (const route of declaredRoutes) {
      await fc.assert(
        fc.asyncProperty(anyRequests(schemasOf(route)), async (request) => {
          const response = await send(route, request);
          const what = label(route, request);
          expect(response.status, `${what} → ${JSON.stringify(response.body)?.slice(0, 300)}`).toBeLessThan(
            500,
          );
          if (response.status >= 400) expectProblem(response, what);
          expect(response.headers.get('x-correlation-id') ?? 'none', what).toMatch(SAFE_CORRELATION_ID);
        }),
        { numRuns: ANY_RUNS, seed: SEED, endOnFailure: true },
      );
    }
    expect(polluted().polluted).toBeUndefined();
  });
});
