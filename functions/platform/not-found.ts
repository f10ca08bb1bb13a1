// The `$default` route: a path we serve with another method → 405 (with Allow); otherwise 404.
import { MethodNotAllowed, NotFound } from '#shared/errors.js';
import { http } from '#shared/http/http.js';
import { defineRoute } from '#shared/http/contract.js';
import { system } from '#infra/declaration/index.js';

const routes = system.functions.flatMap((fn) => fn.routes ?? []);
const matchers = routes.map((route) => ({
  method: route.method,
  pattern: new RegExp('^' + route.path.replace(/\{[^/]+\}/g, '[^/]+') + '$'),
}));

const catchAll = defineRoute({ method: 'GET', path: '$default', summary: 'catch-all', auth: 'none' });

export const handler = http(catchAll, async ({ event }) => {
  const path = event.rawPath;
  const allowed = matchers.filter((m) => m.pattern.test(path)).map((m) => m.method);
  if (allowed.length > 0)
    throw new MethodNotAllowed(event.requestContext.http.method, path, [...new Set(allowed)]);
  throw new NotFound(`No route for ${event.requestContext.http.method} ${path}`);
});
