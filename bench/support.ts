// Small helpers for benchmarks: a pool, API callers, aligned output (pure ones in stats.ts).
// Figures are printed, never asserted.
import type { LocalRuntime } from '#infra/local/runtime.js';
import { formatLine } from './stats.js';

export { percentile, summary, fmt } from './stats.js';

/** A figure in the bench's one format: `name  value unit  ratio× raw`. */
export const report = (name: string, value: string, unit: string, ratio?: number) =>
  console.log(formatLine(name, value, unit, ratio));

/** A figure whose value already carries its unit. */
export const line = (label: string, value: string) => report(label, value, '');

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
