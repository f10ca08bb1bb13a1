// The one HTTP wrapper, in-process: typed input or a problem+json that names every failing field,
// roles from the contract, and no internals leaked on a 5xx.
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import type { Context } from 'aws-lambda';
import { http, staffIdOf, correlationIdOf, type HttpEvent } from '#shared/http/http.js';
import { defineRoute } from '#shared/http/contract.js';
import { Conflict } from '#shared/errors.js';
import type { Caller } from '#shared/auth/caller.js';

const rm: Caller = { staffId: 'rm-1', name: '张三', role: 'rm', orgId: 'O1', orgPath: '/HO/O1/' };
const resolveCaller = async (subject: string) => (subject === 'rm-1' ? rm : undefined);

const route = defineRoute({
  method: 'POST',
  path: '/v1/things/{thingId}',
  summary: 'test',
  auth: 'jwt',
  roles: ['rm'],
  params: z.object({ thingId: z.string().regex(/^T\d+$/) }),
  query: z.object({ dryRun: z.enum(['true', 'false']).optional() }),
  body: z.strictObject({ amountFen: z.number().int(), note: z.string().min(1) }),
});

const event = (overrides: Partial<HttpEvent> & { sub?: string } = {}): HttpEvent =>
  ({
    version: '2.0',
    routeKey: 'POST /v1/things/{thingId}',
    rawPath: '/v1/things/T1',
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    pathParameters: { thingId: 'T1' },
    requestContext: {
      requestId: 'req-1',
      http: { method: 'POST', path: '/v1/things/T1' },
      authorizer: { jwt: { claims: { sub: overrides.sub ?? 'rm-1' }, scopes: [] } },
    },
    body: JSON.stringify({ amountFen: 100, note: 'ok' }),
    isBase64Encoded: false,
    ...overrides,
  }) as HttpEvent;

const context = { functionName: 'test', awsRequestId: 'r', getRemainingTimeInMillis: () => 1000 } as Context;

const invoke = async (handler: ReturnType<typeof http>, e: HttpEvent) => {
  const result = (await handler(e, context)) as {
    statusCode: number;
    headers: Record<string, string>;
    body: string;
  };
  return { ...result, json: result.body ? JSON.parse(result.body) : undefined };
};

describe('http()', () => {
  const echo = http(
    route,
    async ({ body, params, caller }) => ({ status: 201, body: { body, params, who: caller.staffId } }),
    {
      resolveCaller,
    },
  );

  it('hands the use case typed, validated input and the caller from the staff record', async () => {
    const { statusCode, json, headers } = await invoke(echo, event());
    expect(statusCode).toBe(201);
    expect(json).toEqual({ body: { amountFen: 100, note: 'ok' }, params: { thingId: 'T1' }, who: 'rm-1' });
    expect(headers['x-correlation-id']).toBe('req-1');
  });

  it('reports every failing field of body, query and params at once', async () => {
    const { statusCode, json, headers } = await invoke(
      echo,
      event({
        pathParameters: { thingId: 'nope' },
        queryStringParameters: { dryRun: 'maybe' },
        body: JSON.stringify({ amountFen: 1.5, extra: true }),
      }),
    );
    expect(statusCode).toBe(400);
    expect(headers['content-type']).toBe('application/problem+json');
    expect(json.errors.map((e: { path: string }) => e.path).sort()).toEqual(
      ['body', 'body.amountFen', 'body.note', 'params.thingId', 'query.dryRun'].sort(),
    );
    expect(json).toMatchObject({ status: 400, instance: '/v1/things/T1', correlationId: 'req-1' });
  });

  it('refuses malformed JSON with 400 and a body over 256 KB with 413, without running the use case', async () => {
    let ran = false;
    const spy = http(route, async () => ((ran = true), { status: 200 }), { resolveCaller });
    expect((await invoke(spy, event({ body: '{"amountFen": ' }))).statusCode).toBe(400);
    expect(
      (await invoke(spy, event({ body: JSON.stringify({ note: 'x'.repeat(257 * 1024), amountFen: 1 }) })))
        .statusCode,
    ).toBe(413);
    const base64 = Buffer.from(JSON.stringify({ amountFen: 1, note: '中文' })).toString('base64');
    expect((await invoke(spy, event({ body: base64, isBase64Encoded: true }))).statusCode).toBe(200);
    expect(ran).toBe(true);
  });

  it('answers 403 for a role the contract does not allow and for a login with no staff record', async () => {
    const adminsOnly = http({ ...route, auth: 'jwt', roles: ['admin'] }, async () => ({ status: 200 }), {
      resolveCaller,
    });
    expect((await invoke(adminsOnly, event())).statusCode).toBe(403);
    expect((await invoke(echo, event({ sub: 'ghost' }))).statusCode).toBe(403);
  });

  it('maps domain errors to their status and hides unexpected ones behind a 500 with no detail', async () => {
    const conflict = http(
      route,
      async () => {
        throw new Conflict('already there', [{ path: 'body.note', message: 'taken' }]);
      },
      { resolveCaller },
    );
    const c = await invoke(conflict, event());
    expect(c.statusCode).toBe(409);
    expect(c.json.errors).toEqual([{ path: 'body.note', message: 'taken' }]);

    const crash = http(
      route,
      async () => {
        throw new Error('secret table name ocrm-customers');
      },
      { resolveCaller },
    );
    const x = await invoke(crash, event());
    expect(x.statusCode).toBe(500);
    expect(x.body).not.toContain('secret');
  });

  it('turns DynamoDB throttling into a retryable 503, not a 500', async () => {
    const busy = http(
      route,
      async () => {
        const error = new Error('slow down');
        error.name = 'ProvisionedThroughputExceededException';
        throw error;
      },
      { resolveCaller },
    );
    const r = await invoke(busy, event());
    expect(r.statusCode).toBe(503);
    expect(r.headers['retry-after']).toBe('1');
  });

  it('answers 400 naming the cursor when DynamoDB refuses a start key, never a 500', async () => {
    const refusedKey = http(
      route,
      async () => {
        const error = new Error(
          'The provided starting key is invalid: The provided key element does not match the schema',
        );
        error.name = 'ValidationException';
        throw error;
      },
      { resolveCaller },
    );
    const r = await invoke(refusedKey, event());
    expect(r.statusCode).toBe(400);
    expect(r.json.errors).toEqual([{ path: 'query.cursor', message: 'is not a cursor this API issued' }]);
  });

  it('keeps a client correlation id of a safe shape and replaces any other with the request id', async () => {
    const ok = await invoke(echo, event({ headers: { 'x-correlation-id': 'web-1a2b:3.c_d' } }));
    expect(ok.headers['x-correlation-id']).toBe('web-1a2b:3.c_d');
    for (const hostile of ['a b', 'x\nlevel=ERROR', '<script>', 'é', 'a'.repeat(65), ''] as const) {
      const headers = { 'x-correlation-id': hostile };
      expect(
        correlationIdOf({ headers, requestContext: { requestId: 'req-9' } } as unknown as HttpEvent),
      ).toBe('req-9');
      expect((await invoke(echo, event({ headers }))).headers['x-correlation-id']).toBe('req-1');
    }
  });

  it('reads the staff id from sub, or from the user name for a Cognito token (whose sub is a UUID)', () => {
    expect(staffIdOf({ sub: 'rm-1', iss: 'https://idp.bank.example/realms/staff' })).toBe('rm-1');
    const cognito = 'https://cognito-idp.ap-east-1.amazonaws.com/ap-east-1_AbC123';
    expect(staffIdOf({ sub: '8f0c…', iss: cognito, username: 'rm-1' })).toBe('rm-1');
    expect(staffIdOf({ sub: '8f0c…', iss: cognito, 'cognito:username': 'bm-2' })).toBe('bm-2');
  });
});
