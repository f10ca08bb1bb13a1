// Given the local runtime with the demo bank, the platform routes behave as API.md says: liveness,
// the caller, the OpenAPI document, and problem+json for every way a request can go wrong.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, generateKeyPair, base64url } from 'jose';
import { PutCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '#infra/local/jwt.js';
import { system } from '#infra/declaration/index.js';
import type { LocalRuntime } from '#infra/local/runtime.js';
import { apiClient, startTestRuntime, type ApiClient, fetch } from '../support/local-runtime.js';

let runtime: LocalRuntime;
let api: ApiClient;

beforeAll(async () => {
  runtime = await startTestRuntime();
  api = apiClient(runtime);
});
afterAll(() => runtime?.stop());

const withToken = (token: string) =>
  fetch(`${runtime.url}/v1/me`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);

describe('platform', () => {
  it('answers liveness without a token', async () => {
    const { status, body } = await api.get(null, '/v1/health');
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
  });

  it('tells the caller who they are, from the staff record', async () => {
    const { status, body } = await api.get('rm-bj-cy-wj-01', '/v1/me');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      staffId: 'rm-bj-cy-wj-01',
      role: 'rm',
      orgId: 'BJ-CY-WJ',
      orgPath: '/HO/BJ/BJ-CY/BJ-CY-WJ/',
    });
    expect(body.permissions).toContain('customers:read');
    expect(body.permissions).not.toContain('staff:write');
  });

  it('describes every declared route in the OpenAPI document', async () => {
    const { status, body } = await api.get(null, '/v1/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    for (const route of system.functions.flatMap((f) => f.routes ?? [])) {
      expect(
        body.paths[route.path]?.[route.method.toLowerCase()],
        `${route.method} ${route.path}`,
      ).toBeDefined();
    }
    const create = body.paths['/v1/customers'].post;
    expect(create.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['name', 'orgId', 'managerId']),
    );
  });
});

describe('the SMS gateway mounted in the runtime', () => {
  it('takes a real SNS Publish at /_local/sns and shows it in the outbox', async () => {
    const client = new SNSClient({
      endpoint: `${runtime.url}/_local/sns`,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const { MessageId } = await client.send(
      new PublishCommand({ PhoneNumber: '+8613800000001', Message: '【某银行】您好，回复TD退订' }),
    );
    expect(MessageId).toBeDefined();
    const { body } = await api.get(null, '/_local/sms?phone=%2B8613800000001');
    expect(body[0]).toMatchObject({
      phone: '+8613800000001',
      text: '【某银行】您好，回复TD退订',
      messageId: MessageId,
    });
  });
});

describe('authentication, as the HTTP API JWT authorizer does it', () => {
  it('refuses a request without a token', async () => {
    expect((await api.get(null, '/v1/me')).status).toBe(401);
  });

  it('refuses an expired token', async () => {
    expect(await withToken(await runtime.token('admin', { expiresInSeconds: -60 }))).toBe(401);
  });

  it('refuses a token signed by another key', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid: 'ocrm-dev-1' })
      .setSubject('admin')
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setExpirationTime('1h')
      .sign(privateKey);
    expect(await withToken(forged)).toBe(401);
  });

  it('refuses an unsigned token (alg: none) and a token for another audience', async () => {
    const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }));
    const payload = base64url.encode(
      JSON.stringify({
        sub: 'admin',
        iss: LOCAL_ISSUER,
        aud: LOCAL_AUDIENCE,
        exp: Math.floor(Date.now() / 1000) + 3600,
      }),
    );
    expect(await withToken(`${header}.${payload}.`)).toBe(401);
    // a real signature over the same claims but for another audience
    const good = await runtime.token('admin');
    const [h, , s] = good.split('.');
    const otherAudience = base64url.encode(
      JSON.stringify({ sub: 'admin', iss: LOCAL_ISSUER, aud: 'someone-else', exp: 4102444800 }),
    );
    expect(await withToken(`${h}.${otherAudience}.${s}`)).toBe(401);
  });

  it('lets a valid token through, but a login without an active staff record may do nothing', async () => {
    expect(await withToken(await runtime.token('admin'))).toBe(200);
    expect(await withToken(await runtime.token('nobody'))).toBe(403);
    const staffTable = runtime.tableName('staff');
    const { Item } = await runtime.document.send(
      new GetCommand({ TableName: staffTable, Key: { staffId: 'rm-gz-th-ty-02' } }),
    );
    await runtime.document.send(new PutCommand({ TableName: staffTable, Item: { ...Item, active: false } }));
    expect(await withToken(await runtime.token('rm-gz-th-ty-02'))).toBe(403);
  });
});

describe('errors are problem+json, and client mistakes are 4xx', () => {
  it('an unknown route is 404', async () => {
    const { status, headers, body } = await api.get('admin', '/v1/nothing-here');
    expect(status).toBe(404);
    expect(headers.get('content-type')).toBe('application/problem+json');
    expect(body).toMatchObject({ status: 404, title: 'Not found' });
  });

  it('a known path with another method is 405 with Allow', async () => {
    const { status, headers, body } = await api.call('admin', 'DELETE', '/v1/customers/C0000001');
    expect(status).toBe(405);
    expect(headers.get('allow')).toContain('GET');
    expect(headers.get('allow')).toContain('PATCH');
    expect(body.status).toBe(405);
  });

  it('malformed JSON is 400 naming the body', async () => {
    const { status, body } = await api.post('core-banking', '/v1/transactions', '{"transactions": [');
    expect(status).toBe(400);
    expect(body.title).toBe('Malformed JSON');
    expect(body.errors[0].path).toBe('body');
  });

  it('a body over 256 KB is 413', async () => {
    const big = JSON.stringify({ transactions: [], padding: 'x'.repeat(300 * 1024) });
    const { status, body } = await api.post('core-banking', '/v1/transactions', big);
    expect(status).toBe(413);
    expect(body.status).toBe(413);
  });

  it('a schema violation lists every failing field', async () => {
    const { status, body } = await api.post('admin', '/v1/customers', {
      name: '',
      phone: '12345',
      orgId: 'BJ/1',
      extra: 1,
    });
    expect(status).toBe(400);
    const paths = body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(['body.name', 'body.phone', 'body.orgId', 'body.managerId', 'body']),
    );
  });

  it('echoes the correlation id a client sends', async () => {
    const response = await fetch(`${runtime.url}/v1/health`, { headers: { 'x-correlation-id': 'abc-123' } });
    expect(response.headers.get('x-correlation-id')).toBe('abc-123');
  });
});
