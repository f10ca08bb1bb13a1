// The local runtime's own endpoints under /_local: status, JWKS and dev tokens, schedules on demand,
// the dead-letter store (list, replay). Served on loopback only; they do not exist in AWS.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '#shared/adapters/clock.js';
import type { LocalPlan } from './plan.js';
import type { LocalSchedules } from './schedules.js';
import type { LocalStreams } from './streams/index.js';
import type { SmsGateway } from './sms-gateway.js';
import { jwks, signDevToken, LOCAL_AUDIENCE, LOCAL_ISSUER } from './jwt.js';
import { sendJson, type LocalTool } from './http-server.js';

type StoredKey = Parameters<typeof jwks>[0];

export interface ToolDeps {
  plan: LocalPlan;
  schedules: LocalSchedules;
  streams: LocalStreams;
  sms: SmsGateway;
  key: StoredKey;
  clock: Clock;
}

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
          token: await signDevToken(deps.key, decodeURIComponent(m[1]!), { now: deps.clock.now() }),
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

const status = async (deps: ToolDeps) => ({
  now: deps.clock.now().toISOString(),
  auth: { issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, jwks: '/_local/auth/.well-known/jwks.json' },
  routes: deps.plan.routes.length,
  streams: await deps.streams.status(),
  schedules: deps.schedules.names().map((name) => ({ name, next: deps.schedules.next(name)?.toISOString() })),
  sms: { outbox: deps.sms.outbox().length },
});
