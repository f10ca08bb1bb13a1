// The `$default` route: a path we serve with another method → 405 (with Allow); otherwise 404.
import { MethodNotAllowed, NotFound } from '#shared/errors.js';
import { http } from '#shared/http/http.js';
import { defineRoute } from '#shared/http/contract.js';

// Deployed, the route table is defined at bundle time (infra/constructs/bundle-settings.ts) and the
// declaration, with every route's contract, stays out of this bundle; unbundled it is read from there.
const routes: { method: string; path: string }[] = process.env.OCRM_BUNDLED_ROUTES
  ? JSON.parse(process.env.OCRM_BUNDLED_ROUTES)
  : (await import('#infra/declaration/index.js')).system.functions.flatMap((fn) => fn.routes ?? []);
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
