// The local runtime's own endpoints under /_local: status, JWKS and dev tokens, schedules on demand,
// the dead-letter store (list, replay), and the web workbench's local sign-in (a token for a staff id,
// the demo logins). Served on loopback only (the server refuses another Host); they do not exist in AWS.
// Tokens are issued on the wall clock: `--now` moves the bank's business day, not sign-in time.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '#shared/clock.js';
import type { LocalPlan } from './plan.js';
import type { LocalSchedules } from './schedules.js';
import type { LocalStreams } from './streams/index.js';
import type { SmsGateway } from './sms-gateway.js';
import { jwks, signDevToken, LOCAL_AUDIENCE, LOCAL_ISSUER } from './jwt.js';
import { sendJson, type LocalTool } from './http-server.js';
import { StaffId } from '#shared/staff/staff.js';
import type { DemoLogin } from './seed/demo-bank.js';

type StoredKey = Parameters<typeof jwks>[0];

export interface ToolDeps {
  plan: LocalPlan;
  schedules: LocalSchedules;
  streams: LocalStreams;
  sms: SmsGateway;
  key: StoredKey;
  clock: Clock;
  logins: readonly DemoLogin[];
}

const TOKEN_SECONDS = 12 * 3600;

export const localTools = (deps: ToolDeps): LocalTool => {
  const routes: [
    string,
    RegExp,
    (m: RegExpExecArray, body: Buffer, req: IncomingMessage, res: ServerResponse) => Promise<true>,
  ][] = [
    ['GET', /^\/_local\/status$/, async (_m, _b, _q, res) => sendJson(res, 200, await status(deps))],
    [
      'GET',
      /^\/_local\/auth\/\.well-known\/jwks\.json$/,
      async (_m, _b, _q, res) => sendJson(res, 200, jwks(deps.key)),
    ],
    [
      'POST',
      /^\/_local\/token\/([^/]+)$/,
      async (m, _b, _q, res) =>
        sendJson(res, 200, {
          token: await signDevToken(deps.key, decodeURIComponent(m[1]!)),
        }),
    ],
    ['POST', /^\/_local\/auth\/token$/, async (_m, body, req, res) => issueToken(deps, body, req, res)],
    [
      'GET',
      /^\/_local\/auth\/logins$/,
      async (_m, _b, _q, res) =>
        sendJson(res, 200, {
          items: deps.logins.map((l) => ({
            staffId: l.staffId,
            name: l.name,
            role: l.role,
            orgName: l.orgName,
          })),
        }),
    ],
    [
      'GET',
      /^\/_local\/schedules$/,
      async (_m, _b, _q, res) =>
        sendJson(res, 200, {
          schedules: deps.plan.schedules.map((s) => ({
            name: s.name,
            cron: s.cron,
            timezone: s.timezone,
            function: s.fn.name,
            next: deps.schedules.next(s.name)?.toISOString(),
          })),
          runs: deps.schedules.runs(),
        }),
    ],
    [
      'POST',
      /^\/_local\/schedules\/([^/]+)\/run$/,
      async (m, _b, _q, res) => {
        const run = await deps.schedules.run(decodeURIComponent(m[1]!));
        return run
          ? sendJson(res, run.ok ? 200 : 500, run)
          : sendJson(res, 404, { message: `no schedule ${m[1]}` });
      },
    ],
    [
      'GET',
      /^\/_local\/dead-letters$/,
      async (_m, _b, _q, res) => sendJson(res, 200, { items: await deps.streams.deadLetters() }),
    ],
    [
      'POST',
      /^\/_local\/dead-letters\/([^/]+)\/replay$/,
      async (m, _b, _q, res) => {
        const outcome = await deps.streams.replay(decodeURIComponent(m[1]!));
        return sendJson(res, outcome.found ? (outcome.ok ? 200 : 500) : 404, outcome);
      },
    ],
  ];
  return async (request, response, body) => {
    const path = new URL(request.url ?? '/', 'http://local').pathname;
    if (!path.startsWith('/_local/')) return false;
    for (const [method, pattern, serve] of routes) {
      const match = pattern.exec(path);
      if (match && request.method === method) return serve(match, body, request, response);
    }
    return false;
  };
};

const problem = (res: ServerResponse, status: number, detail: string, path?: string) => {
  res.writeHead(status, { 'content-type': 'application/problem+json' });
  res.end(
    JSON.stringify({
      type: 'about:blank',
      title: status === 415 ? 'Unsupported media type' : 'Validation failed',
      status,
      detail,
      ...(path ? { errors: [{ path, message: detail }] } : {}),
    }),
  );
  return true as const;
};

/**
 * POST /_local/auth/token {staffId}: the web app's local sign-in. JSON only (a cross-site form cannot
 * post it); the API decides later whether the staff member exists and what they may do.
 */
const issueToken = async (deps: ToolDeps, body: Buffer, req: IncomingMessage, res: ServerResponse) => {
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
    return problem(res, 415, 'send {"staffId": "..."} as application/json');
  let input: unknown;
  try {
    input = JSON.parse(body.toString('utf8'));
  } catch {
    return problem(res, 400, 'the body is not JSON', 'body');
  }
  const staffId = StaffId.safeParse((input as { staffId?: unknown } | null)?.staffId);
  if (!staffId.success) return problem(res, 400, staffId.error.issues[0]!.message, 'body.staffId');
  const token = await signDevToken(deps.key, staffId.data, { expiresInSeconds: TOKEN_SECONDS });
  return sendJson(res, 200, { token, expiresAt: new Date(Date.now() + TOKEN_SECONDS * 1000).toISOString() });
};

const status = async (deps: ToolDeps) => ({
  now: deps.clock.now().toISOString(),
  auth: { issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, jwks: '/_local/auth/.well-known/jwks.json' },
  routes: deps.plan.routes.length,
  streams: await deps.streams.status(),
  schedules: deps.schedules.names().map((name) => ({ name, next: deps.schedules.next(name)?.toISOString() })),
  sms: { outbox: deps.sms.outbox().length },
});
