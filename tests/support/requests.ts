// Calling every declared route as a role it admits, and seeing what a request changed: shared by the
// bad-input, fuzz and PII-scan suites.
import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import { system } from '#infra/declaration/index.js';
import type { RouteContract } from '#shared/http/contract.js';
import type { Role } from '#shared/auth/caller.js';
import type { LocalRuntime } from '#infra/local/runtime.js';
import { scanAll, type ApiResponse } from './local-runtime.js';

/** Every route of the declaration. */
export const declaredRoutes: RouteContract[] = system.functions.flatMap((fn) => fn.routes ?? []);

// Valid-looking ids so that only the part under test is wrong.
export const KNOWN_IDS: Record<string, string> = {
  customerId: 'C0000001',
  orgId: 'BJ-CY',
  staffId: 'rm-bj-cy-wj-01',
};
export const concretePath = (path: string, ids: Record<string, string> = {}): string =>
  path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(ids[name] ?? KNOWN_IDS[name] ?? 'X0000001'),
  );

// A caller the route lets in, so the answer is about the input and not the role: the widest-seeing
// role it admits (admin sees every customer), a demo login of that role.
const WIDEST_FIRST: Role[] = ['admin', 'integration', 'branch_manager', 'auditor', 'marketing', 'rm'];
const LOGIN_OF_ROLE: Partial<Record<Role, string>> = {
  admin: 'admin',
  branch_manager: 'bm-bj',
  rm: 'rm-bj-cy-wj-01',
  marketing: 'marketing',
  integration: 'core-banking',
};
export const callerFor = (
  runtime: Pick<LocalRuntime, 'logins'>,
  route: Pick<RouteContract, 'roles'>,
): string => {
  const role = WIDEST_FIRST.find((r) => !route.roles || route.roles.includes(r)) ?? route.roles![0]!;
  const login = LOGIN_OF_ROLE[role] ?? runtime.logins.find((l) => l.role === role)?.staffId;
  if (!login) throw new Error(`no demo login with role ${role}`);
  return login;
};

/**
 * A digest of every item of every table, once the streams have caught up. `usage` is left out:
 * every authenticated request is a day of use, refused or not (the usage tests count it).
 */
export const tableDigest = async (runtime: LocalRuntime): Promise<Record<string, string>> => {
  await runtime.drained();
  const entries = await Promise.all(
    system.tables
      .filter((t) => t.id !== 'usage')
      .map(async (t) => {
        const items = (await scanAll<Record<string, unknown>>(runtime, t.id))
          .map((item) => stable(item))
          .sort();
        return [
          t.id,
          `${items.length}:${createHash('sha256').update(items.join('\n')).digest('hex')}`,
        ] as const;
      }),
  );
  return Object.fromEntries(entries);
};

const stable = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Set)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v instanceof Set
        ? [...(v as Set<unknown>)].map(String).sort()
        : v,
  );

/** A client error as RFC 9457 problem+json. */
export const expectProblem = (response: Pick<ApiResponse, 'status' | 'headers' | 'body'>, label: string) => {
  expect(response.status, label).toBeGreaterThanOrEqual(400);
  expect(response.status, label).toBeLessThan(500);
  expect(response.headers.get('content-type'), label).toBe('application/problem+json');
  expect(response.body?.status, label).toBe(response.status);
};
