// Small helpers for benchmarks: percentiles, rates, aligned output. Figures are printed, never asserted.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalRuntime } from '#infra/local/runtime.js';

export const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export const summary = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), n: sorted.length };
};

export const line = (label: string, value: string) => console.log(`  ${label.padEnd(58)} ${value}`);

export const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Runs `task(i)` for i in 0..count-1 with at most `concurrency` in flight. */
export const pool = async (count: number, concurrency: number, task: (i: number) => Promise<void>) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) await task(next++);
    }),
  );
};

/** Calls the runtime's API as a staff member (one token each); a status of 300 or more throws. */
export const apiCaller = (runtime: LocalRuntime) => {
  const tokens = new Map<string, string>();
  return async (as: string, method: string, path: string, body?: unknown) => {
    if (!tokens.has(as)) tokens.set(as, await runtime.token(as));
    const response = await fetch(`${runtime.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${tokens.get(as)}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`${method} ${path} → ${response.status} ${text}`);
    return JSON.parse(text) as Record<string, any>;
  };
};

/** POST /v1/transactions as the core banking system; anything but 200 throws. */
export const transactionPoster = async (runtime: LocalRuntime) => {
  const token = await runtime.token('core-banking');
  return (transactions: unknown[]) =>
    fetch(`${runtime.url}/v1/transactions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ transactions }),
    }).then(async (r) => {
      if (r.status !== 200) throw new Error(`POST /v1/transactions → ${r.status} ${await r.text()}`);
    });
};

/** Reads the item at `key` until it has `field` (a time), and answers that time in ms. */
export const whenWritten = async (
  runtime: LocalRuntime,
  tableName: string,
  key: Record<string, unknown>,
  field: string,
): Promise<number> => {
  for (;;) {
    const { Item } = await runtime.document.send(new GetCommand({ TableName: tableName, Key: key }));
    if (Item?.[field]) return Date.parse(Item[field] as string);
    await new Promise((r) => setTimeout(r, 2));
  }
};
