// A route's contract: method, path, who may call it, and the zod schemas of what goes in and out.
// The same object drives the handler's parsing, the infra route, and the OpenAPI document.
import type { z } from 'zod';
import type { Role } from '#shared/auth/caller.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call: a signed-in route names its roles (no default: "anyone signed in" would include the
 * `integration` login); a public route has none. Roles come from the staff record, never the token.
 */
export type RouteAccess =
  | { /** the HTTP API JWT authorizer guards the route */ auth: 'jwt'; roles: readonly Role[] }
  | { /** public */ auth: 'none'; roles?: never };

export type RouteContract<
  Body extends z.ZodType = z.ZodType,
  Query extends z.ZodType = z.ZodType,
  Params extends z.ZodType = z.ZodType,
  Response extends z.ZodType = z.ZodType,
> = RouteAccess & RouteShape<Body, Query, Params, Response>;

interface RouteShape<
  Body extends z.ZodType,
  Query extends z.ZodType,
  Params extends z.ZodType,
  Response extends z.ZodType,
> {
  method: HttpMethod;
  /** HTTP API path with `{param}` placeholders: `/v1/customers/{customerId}`. */
  path: string;
  summary: string;
  body?: Body;
  query?: Query;
  params?: Params;
  /** Response body schema for the OpenAPI document (not enforced at run time). */
  response?: Response;
  /** Success status for the OpenAPI document. */
  successStatus?: number;
}

export const routeKey = (route: Pick<RouteContract, 'method' | 'path'>): string =>
  `${route.method} ${route.path}`;

/**
 * Declares a contract with its schema types kept (so handlers get typed `body`, `query`, `params`, and
 * a test can hold a domain function's result against the `response`).
 */
export const defineRoute = <
  Body extends z.ZodType = z.ZodUnknown,
  Query extends z.ZodType = z.ZodUnknown,
  Params extends z.ZodType = z.ZodUnknown,
  Response extends z.ZodType = z.ZodType,
>(
  contract: RouteContract<Body, Query, Params, Response>,
): RouteContract<Body, Query, Params, Response> => contract;
