// The contract holds both ways: every 2xx JSON body the tests receive from the local API is checked
// against its route's declared `response` schema — the zod schema the OpenAPI document is generated
// from. That document says `additionalProperties: false` for a plain z.object, so a property the
// schema does not name is refused here too (zod's parse would silently strip it).
import { system } from '#infra/declaration/index.js';
import { routeKey, type RouteContract } from '#shared/http/contract.js';
import { planLocalRuntime } from '#infra/local/plan.js';
import { routeTable } from '#infra/local/route-table.js';

const plan = planLocalRuntime(system);
const match = routeTable(plan.routes);
const contracts = new Map<string, RouteContract>(
  system.functions.flatMap((fn) => fn.routes ?? []).map((route) => [routeKey(route), route]),
);

export interface ResponseToCheck {
  method: string;
  /** The request URL (absolute or a path) */
  url: string;
  status: number;
  contentType: string | null;
  /** The parsed JSON body */
  body: unknown;
}

/**
 * What is wrong with a 2xx JSON response against its route's declared schema: one line per failing
 * field (its path and zod's message), or none. Non-2xx, non-JSON and undeclared paths are not checked.
 */
export const responseViolations = (response: ResponseToCheck): string[] => {
  if (response.status < 200 || response.status > 299) return [];
  if (!response.contentType || !/^application\/json\b/i.test(response.contentType)) return [];
  if (response.body === undefined) return [];
  const path = new URL(response.url, 'http://local').pathname;
  let found;
  try {
    found = match(response.method.toUpperCase(), path);
  } catch {
    return [];
  }
  const contract = found && contracts.get(found.route.routeKey);
  if (!contract?.response) return [];
  const result = contract.response.safeParse(response.body);
  if (!result.success) return result.error.issues.map((issue) => `${pathOf(issue.path)}: ${issue.message}`);
  return undeclared(response.body, result.data).map((field) => `${field}: not in the schema`);
};

/** Throws (failing the test) when a 2xx body does not conform: the route, each field and why. */
export const assertConforms = (response: ResponseToCheck): void => {
  const violations = responseViolations(response);
  if (violations.length === 0) return;
  const path = new URL(response.url, 'http://local').pathname;
  const route = match(response.method.toUpperCase(), path)?.route.routeKey ?? path;
  throw new Error(
    `${route} (${response.method} ${path} → ${response.status}): the body does not conform to the route's ` +
      `declared response schema:\n${violations.map((v) => `  - ${v}`).join('\n')}`,
  );
};

const pathOf = (path: readonly PropertyKey[]): string =>
  path.length ? path.map(String).join('.') : '(body)';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The paths of properties the parse dropped: present in what was sent, absent from zod's output. */
const undeclared = (sent: unknown, parsed: unknown, path: string[] = []): string[] => {
  if (Array.isArray(sent) && Array.isArray(parsed) && sent.length === parsed.length) {
    return sent.flatMap((item, i) => undeclared(item, parsed[i], [...path, String(i)]));
  }
  if (!isRecord(sent) || !isRecord(parsed)) return [];
  return Object.keys(sent).flatMap((key) =>
    key in parsed ? undeclared(sent[key], parsed[key], [...path, key]) : [pathOf([...path, key])],
  );
};

/** `fetch` for tests that call the local API directly: the same check on every 2xx JSON answer. */
export const checkedFetch = async (input: string | URL, init?: RequestInit): Promise<Response> => {
  const response = await fetch(input, init);
  const contentType = response.headers.get('content-type');
  if (response.ok && contentType && /^application\/json\b/i.test(contentType)) {
    const text = await response.clone().text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      return response;
    }
    assertConforms({
      method: init?.method ?? 'GET',
      url: String(input),
      status: response.status,
      contentType,
      body,
    });
  }
  return response;
};
