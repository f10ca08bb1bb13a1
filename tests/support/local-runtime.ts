// Starts the local runtime in this test file's process on the run's shared DynamoDB Local, with its
// own table prefix, a temporary dev key and a small demo bank, plus a tiny HTTP client for tests.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { startLocalRuntime, type LocalRuntime, type LocalRuntimeOptions } from '#infra/local/runtime.js';
import { assertConforms, checkedFetch } from './response-contract.js';

/** `fetch` that fails the test when a 2xx JSON answer does not match its route's response schema. */
export { checkedFetch as fetch };

export const uniquePrefix = (label = 't'): string => `${label}-${randomUUID().slice(0, 8)}-`;

export const startTestRuntime = (options: LocalRuntimeOptions = {}): Promise<LocalRuntime> =>
  startLocalRuntime({
    port: 0,
    dynamoEndpoint: inject('dynamoEndpoint'),
    tablePrefix: uniquePrefix(),
    seed: 'demo',
    demoCustomers: 60,
    keyFile: join(mkdtempSync(join(tmpdir(), 'ocrm-key-')), 'key.json'),
    scheduleTimers: false,
    quiet: true,
    ...options,
  });

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * Calls the running API as `staffId` (or anonymously with `null`). A 2xx JSON answer that does not
 * match its route's declared response schema fails the test (see response-contract.ts).
 */
export const apiClient = (runtime: LocalRuntime) => {
  const tokens = new Map<string, string>();
  const tokenFor = async (staffId: string) => {
    if (!tokens.has(staffId)) tokens.set(staffId, await runtime.token(staffId));
    return tokens.get(staffId)!;
  };
  const call = async <T = any>(
    as: string | null,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> => {
    const response = await fetch(runtime.url + path, {
      method,
      headers: {
        ...(as ? { authorization: `Bearer ${await tokenFor(as)}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    assertConforms({
      method,
      url: path,
      status: response.status,
      contentType: response.headers.get('content-type'),
      body: parsed,
    });
    return { status: response.status, headers: response.headers, body: parsed as T };
  };
  return {
    get: <T = any>(as: string | null, path: string) => call<T>(as, 'GET', path),
    post: <T = any>(as: string | null, path: string, body?: unknown, headers?: Record<string, string>) =>
      call<T>(as, 'POST', path, body, headers),
    put: <T = any>(as: string | null, path: string, body?: unknown) => call<T>(as, 'PUT', path, body),
    patch: <T = any>(as: string | null, path: string, body?: unknown) => call<T>(as, 'PATCH', path, body),
    call,
  };
};
export type ApiClient = ReturnType<typeof apiClient>;

/** Every item of a declared table, page by page: what tests compare reports and scope against. */
export const scanAll = async <T>(runtime: LocalRuntime, table: string): Promise<T[]> => {
  const items: T[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await runtime.document.send(
      new ScanCommand({ TableName: runtime.tableName(table), ExclusiveStartKey: start }),
    );
    items.push(...((page.Items ?? []) as T[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
};
