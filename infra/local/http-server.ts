// The local HTTP API: routes from the plan, the JWT authorizer, payload 2.0 events into the same
// handler code that runs on Lambda; `/_local/*` for the runtime's own tools.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Clock } from '#shared/clock.js';
import { invoke } from './invoke.js';
import type { LocalPlan } from './plan.js';
import { routeTable } from './route-table.js';
import { gatewayError, httpApiEvent, toHttpResponse, type HttpResponse } from './http-event.js';
import type { JwtVerifier } from './jwt.js';

/** The HTTP API's own payload limit; our handlers refuse more than 256 KB themselves. */
const GATEWAY_MAX_BODY = 10 * 1024 * 1024;

export type LocalTool = (
  request: IncomingMessage,
  response: ServerResponse,
  body: Buffer,
) => Promise<boolean>;

export interface HttpServerOptions {
  plan: LocalPlan;
  verify: JwtVerifier;
  clock: Clock;
  tools: LocalTool[];
  onRequest?: (line: { method: string; path: string; status: number; ms: number }) => void;
}

const readBody = (request: IncomingMessage): Promise<Buffer | 'too-large'> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= GATEWAY_MAX_BODY) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > GATEWAY_MAX_BODY ? 'too-large' : Buffer.concat(chunks)));
    request.on('error', reject);
  });

export const createHttpServer = (options: HttpServerOptions): Server => {
  const match = routeTable(options.plan.routes);

  const serveApi = async (request: IncomingMessage, body: Buffer): Promise<HttpResponse> => {
    const method = request.method ?? 'GET';
    const path = new URL(request.url ?? '/', 'http://local').pathname;
    let found;
    try {
      found = match(method, path);
    } catch {
      return gatewayError(400, 'Bad Request');
    }
    const fn = found?.route.fn ?? options.plan.catchAll;
    if (!fn) return gatewayError(404, 'Not Found');
    let claims: Record<string, string> | undefined;
    if (found?.route.auth === 'jwt') {
      // Sign-in time is the wall clock's, not the business clock's (`--now` moves only the bank's day).
      claims = await options.verify(request.headers.authorization, new Date());
      if (!claims) return gatewayError(401, 'Unauthorized', { 'www-authenticate': 'Bearer' });
    }
    const event = httpApiEvent({
      request,
      body,
      routeKey: found?.route.routeKey ?? '$default',
      pathParameters: found?.pathParameters,
      claims,
      now: options.clock.now(),
    });
    try {
      return toHttpResponse(await invoke(fn, event));
    } catch (error) {
      console.error(`[local] ${fn.name} threw:`, error);
      return gatewayError(500, 'Internal Server Error');
    }
  };

  return createServer(async (request, response) => {
    const started = performance.now();
    const body = await readBody(request);
    let result: HttpResponse | undefined;
    if (body === 'too-large') result = gatewayError(413, 'Request Entity Too Large');
    else {
      // Tools that read the body themselves (the SMS gateway) find it here: the stream is consumed.
      (request as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
      if (isLocalPath(request) && !loopbackHost(request.headers.host, request.socket.localPort)) {
        // DNS rebinding: a page on evil.example resolving to 127.0.0.1 sends its own Host.
        result = gatewayError(403, 'Forbidden');
      } else {
        for (const tool of options.tools) if (await tool(request, response, body)) return;
        result = await serveApi(request, body);
      }
    }
    response.writeHead(result.status, result.headers);
    response.end(result.body);
    options.onRequest?.({
      method: request.method ?? '',
      path: request.url ?? '',
      status: result.status,
      ms: performance.now() - started,
    });
  });
};

const isLocalPath = (request: IncomingMessage) => {
  try {
    return new URL(request.url ?? '/', 'http://local').pathname.startsWith('/_local');
  } catch {
    return true;
  }
};

/** `127.0.0.1`, `localhost` or `[::1]`, on the port this server listens on. */
export const loopbackHost = (host: string | undefined, port: number | undefined): boolean => {
  const match = /^(127\.0\.0\.1|localhost|\[::1\])(?::(\d+))?$/i.exec(host ?? '');
  if (!match) return false;
  return Number(match[2] ?? 80) === port;
};

export const sendJson = (response: ServerResponse, status: number, body: unknown): true => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body, null, 2));
  return true;
};
