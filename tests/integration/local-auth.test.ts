// Given the local runtime started with `--now` years ahead of the wall clock, the tokens it issues
// (`npm run token`, POST /_local/auth/token for the web sign-in, runtime.token) are checked on the
// wall clock — business time is not sign-in time — and /_local/* answers only a loopback Host.
import { execFile } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#infra/local/runtime.js';
import { repositoryRoot } from '#infra/local/invoke.js';
import { loadOrCreateDevKey, signDevToken } from '#infra/local/jwt.js';
import { startTestRuntime, fetch } from '../support/local-runtime.js';

const FAR_AHEAD = '2031-06-01T02:00:00.000Z';
const keyFile = join(mkdtempSync(join(tmpdir(), 'ocrm-auth-key-')), 'key.json');
let runtime: LocalRuntime;

beforeAll(async () => {
  runtime = await startTestRuntime({ now: FAR_AHEAD, keyFile });
});
afterAll(() => runtime?.stop());

const me = (token: string) =>
  fetch(`${runtime.url}/v1/me`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);

/** A raw request with the Host header we choose (fetch would set its own). */
const withHost = (host: string, path: string, method = 'GET', body?: string) =>
  new Promise<number>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: runtime.port,
        path,
        method,
        headers: { host, ...(body ? { 'content-type': 'application/json' } : {}) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });

const postToken = (body: unknown, contentType = 'application/json') =>
  fetch(`${runtime.url}/_local/auth/token`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('local tokens live on the wall clock, whatever --now says', () => {
  it('runs the business clock years ahead', () => {
    expect(runtime.clock.now().getUTCFullYear()).toBe(2031);
  });

  it('accepts a token printed by `npm run token` (wall-clock expiry, hours before the business now)', async () => {
    const { stdout } = await promisify(execFile)(join(repositoryRoot, 'node_modules', '.bin', 'tsx'), [
      join(repositoryRoot, 'infra', 'local', 'token-cli.ts'),
      'rm-bj-cy-wj-01',
      '--expires',
      '600',
      '--key',
      keyFile,
    ]);
    expect(await me(stdout.trim())).toBe(200);
  });

  it('accepts the web sign-in token from POST /_local/auth/token, valid for hours from now on the wall clock', async () => {
    const response = await postToken({ staffId: 'rm-bj-cy-wj-01' });
    expect(response.status).toBe(200);
    const { token, expiresAt } = (await response.json()) as { token: string; expiresAt: string };
    expect(await me(token)).toBe(200);
    const left = Date.parse(expiresAt) - Date.now();
    expect(left).toBeGreaterThan(3600_000);
    expect(left).toBeLessThanOrEqual(12 * 3600_000);
  });

  it('accepts a token valid one more minute on the wall clock (long expired on the business clock), refuses one expired a minute ago', async () => {
    const key = await loadOrCreateDevKey(keyFile);
    expect(await me(await signDevToken(key, 'admin', { expiresInSeconds: 60 }))).toBe(200);
    expect(await me(await runtime.token('admin', { expiresInSeconds: 60 }))).toBe(200);
    expect(await me(await signDevToken(key, 'admin', { expiresInSeconds: -60 }))).toBe(401);
  });
});

describe('POST /_local/auth/token', () => {
  it('names the failing field when the staff id is not one', async () => {
    const response = await postToken({ staffId: 'not a staff id' });
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((e) => e.path)).toEqual(['body.staffId']);
  });

  it('takes JSON only, so a cross-site form cannot post it', async () => {
    expect((await postToken('staffId=admin', 'application/x-www-form-urlencoded')).status).toBe(415);
    expect((await postToken('{not json')).status).toBe(400);
  });
});

describe('/_local/* answers only a loopback Host (DNS rebinding)', () => {
  it.each([['127.0.0.1'], ['localhost'], ['[::1]'], ['LOCALHOST']])(
    'serves %s on its own port',
    async (host) => {
      expect(await withHost(`${host}:${runtime.port}`, '/_local/status')).toBe(200);
    },
  );

  it.each([
    ['evil.example'],
    [`evil.example:PORT`],
    ['127.0.0.1.evil.example:PORT'],
    ['localhost.evil.example:PORT'],
    ['127.0.0.1:1'],
    ['localhost:PORT@evil.example'],
  ])('refuses Host %s with 403', async (host) => {
    const h = host.replace('PORT', String(runtime.port));
    expect(await withHost(h, '/_local/status')).toBe(403);
    expect(await withHost(h, '/_local/auth/token', 'POST', JSON.stringify({ staffId: 'admin' }))).toBe(403);
    expect(await withHost(h, '/_local/auth/logins')).toBe(403);
  });

  it('leaves the API itself alone (API Gateway has its own domain)', async () => {
    expect(await withHost('evil.example', '/v1/health')).toBe(200);
  });
});
