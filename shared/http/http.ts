// The one HTTP wrapper: API Gateway HTTP API v2 event → typed, validated input → domain → response.
// Errors of every kind leave as RFC 9457 problem+json; client mistakes never become a 5xx.
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { z } from 'zod';
import { logger } from '#shared/logging/logger.js';
import { Forbidden, MalformedJson, PayloadTooLarge, Unauthorized, ValidationFailed } from '#shared/errors.js';
import type { FieldError } from '#shared/errors.js';
import type { Caller } from '#shared/auth/caller.js';
import type { CallerResolver } from '#shared/auth/resolve-caller.js';
import { staffCallerResolver } from '#shared/auth/deps.js';
import type { RouteContract } from './contract.js';
import { problemFromError, problemResponse } from './problem.js';
import { fieldErrors } from './validation.js';
import type { RequestContext } from '#shared/request-context.js';
import { clock, ids } from '#shared/adapters/runtime.js';

export const MAX_BODY_BYTES = 256 * 1024;

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type HttpResult = APIGatewayProxyStructuredResultV2;

export interface HttpInput<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  caller: Caller;
  /** caller, correlation id, clock and ids: what a use case needs besides its stores */
  ctx: RequestContext;
  headers: Record<string, string | undefined>;
  correlationId: string;
  event: HttpEvent;
}

export interface HttpReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

let defaultResolver: CallerResolver | undefined;

export const http = <B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType>(
  contract: RouteContract<B, Q, P>,
  run: (input: HttpInput<Out<B>, Out<Q>, Out<P>>) => Promise<HttpReply>,
  options: { resolveCaller?: CallerResolver } = {},
) => {
  const handle = async (event: HttpEvent): Promise<HttpResult> => {
    const correlationId = correlationIdOf(event);
    logger.appendKeys({ correlationId, route: event.routeKey });
    try {
      const caller = contract.auth === 'jwt' ? await resolveCaller(event, options.resolveCaller) : anonymous;
      if (contract.roles && !contract.roles.includes(caller.role)) throw new Forbidden();
      const { body, query, params } = parseRequest(contract, event);
      const ctx: RequestContext = { caller, correlationId, clock, ids };
      const reply = await run({
        body,
        query,
        params,
        caller,
        ctx,
        headers: event.headers ?? {},
        correlationId,
        event,
      });
      const headers = {
        'content-type': 'application/json',
        'x-correlation-id': correlationId,
        ...reply.headers,
      };
      // A text reply (a CSV download) leaves as it is; everything else as JSON.
      const asText = typeof reply.body === 'string' && !/json/i.test(headers['content-type']);
      return {
        statusCode: reply.status,
        headers,
        body: reply.body === undefined ? '' : asText ? (reply.body as string) : JSON.stringify(reply.body),
      };
    } catch (error) {
      const { problem, headers } = problemFromError(asClientError(error), event.rawPath ?? '', correlationId);
      if (problem.status >= 500) logger.error('request failed', { error: error as Error });
      else logger.info('request refused', { status: problem.status, title: problem.title });
      return problemResponse(problem, { 'x-correlation-id': correlationId, ...headers });
    }
  };
  return middy(handle).use(injectLambdaContext(logger, { resetKeys: true }));
};

/** A client's correlation id of this shape is kept; anything else (a log or audit injection) is replaced. */
export const SAFE_CORRELATION_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export const correlationIdOf = (event: Pick<HttpEvent, 'headers' | 'requestContext'>): string => {
  const given = event.headers?.['x-correlation-id'];
  if (given !== undefined && SAFE_CORRELATION_ID.test(given)) return given;
  return event.requestContext?.requestId ?? 'local';
};

/**
 * DynamoDB refusing a start key means the cursor was not one we issued (signing makes this a belt,
 * not the guard): the client's mistake, a 400 naming the cursor, never a 500.
 */
export const asClientError = (error: unknown): unknown =>
  error instanceof Error && error.name === 'ValidationException' && /start(ing)? ?key/i.test(error.message)
    ? new ValidationFailed([{ path: 'query.cursor', message: 'is not a cursor this API issued' }])
    : error;

const anonymous: Caller = {
  staffId: 'anonymous',
  name: 'anonymous',
  role: 'rm',
  orgId: '',
  orgPath: '/none/',
};

/**
 * The staff id a token speaks for: `sub` (API.md). Cognito's `sub` is a generated UUID, so for a
 * Cognito-issued token it is the user name, which the bank sets to the staff id when it creates the user.
 */
export const staffIdOf = (claims: Record<string, string | number | boolean | string[]>): unknown =>
  /^https:\/\/cognito-idp\.[^/]+\.amazonaws\.com\//.test(String(claims.iss ?? ''))
    ? (claims['cognito:username'] ?? claims.username)
    : claims.sub;

const resolveCaller = async (event: HttpEvent, resolver?: CallerResolver): Promise<Caller> => {
  const claims = event.requestContext?.authorizer?.jwt?.claims ?? {};
  const subject = staffIdOf(claims);
  if (typeof subject !== 'string' || subject === '') throw new Unauthorized();
  const resolve = resolver ?? (defaultResolver ??= staffCallerResolver());
  const caller = await resolve(subject, claims);
  // A valid token for someone who is not (or no longer) active staff may do nothing.
  if (!caller) throw new Forbidden('No active staff record for this login.');
  return caller;
};

const parseRequest = <B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType>(
  contract: RouteContract<B, Q, P>,
  event: HttpEvent,
) => {
  const errors: FieldError[] = [];
  const parse = <S extends z.ZodType>(where: string, schema: S | undefined, value: unknown) => {
    if (!schema) return undefined as Out<S>;
    const result = schema.safeParse(value);
    if (!result.success) {
      errors.push(...fieldErrors(where, result.error));
      return undefined as Out<S>;
    }
    return result.data as Out<S>;
  };
  const body = parse('body', contract.body, contract.body ? readJsonBody(event) : undefined);
  const query = parse('query', contract.query, event.queryStringParameters ?? {});
  const params = parse('params', contract.params, event.pathParameters ?? {});
  if (errors.length > 0) throw new ValidationFailed(errors);
  return { body, query, params };
};

const readJsonBody = (event: HttpEvent): unknown => {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(text, 'utf8') > MAX_BODY_BYTES) throw new PayloadTooLarge(MAX_BODY_BYTES);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new MalformedJson(`The body is not valid JSON: ${(error as Error).message}`);
  }
};
