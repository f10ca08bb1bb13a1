// The catch-all as deployed carries the route table defined at bundle time (bundle-settings.ts), not
// the declaration: built as the construct builds it, it still tells a path served with another
// method (405, with Allow) from a path not served at all (404), for every declared route.
import { describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { esbuildOptionsOf } from '#infra/constructs/bundle-settings.js';
import { repositoryRoot } from '#infra/constructs/ocrm-function.js';
import { system } from '#infra/declaration/index.js';

type Handler = (
  event: unknown,
  context: unknown,
) => Promise<{ statusCode: number; headers?: Record<string, string> }>;

const eventOf = (method: string, path: string) => ({
  version: '2.0',
  routeKey: '$default',
  rawPath: path,
  rawQueryString: '',
  headers: {},
  isBase64Encoded: false,
  requestContext: { http: { method, path, sourceIp: '127.0.0.1' }, requestId: 'r', timeEpoch: 0 },
});
const context = {
  awsRequestId: 'r',
  functionName: 'platform-not-found',
  getRemainingTimeInMillis: () => 10_000,
};

describe('the catch-all, bundled as deployed', () => {
  it(
    'holds no route contract, and answers 405 or 404 as the declaration says',
    { timeout: 60_000 },
    async () => {
      const outfile = join(mkdtempSync(join(tmpdir(), 'ocrm-catch-all-')), 'index.mjs');
      const { metafile } = await build({
        ...esbuildOptionsOf(),
        entryPoints: [join(repositoryRoot, 'functions/platform/not-found.ts')],
        outfile,
        metafile: true,
        logLevel: 'silent',
        absWorkingDir: repositoryRoot,
      });
      expect(Object.keys(metafile.inputs).filter((file) => file.startsWith('infra/declaration/'))).toEqual(
        [],
      );
      const { handler } = (await import(pathToFileURL(outfile).href)) as { handler: Handler };

      const routes = system.functions.flatMap((fn) => fn.routes ?? []);
      let refused = 0;
      for (const route of routes) {
        const path = route.path.replace(/\{[^/]+\}/g, 'x1');
        const served = new Set<string>(
          routes
            .filter((r) => new RegExp('^' + r.path.replace(/\{[^/]+\}/g, '[^/]+') + '$').test(path))
            .map((r) => r.method),
        );
        const other = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].find((m) => !served.has(m));
        if (!other) continue;
        const answer = await handler(eventOf(other, path), context);
        expect(answer.statusCode, `${other} ${path}`).toBe(405);
        refused++;
      }
      expect(refused).toBeGreaterThan(routes.length / 2);
      expect((await handler(eventOf('GET', '/v1/nothing-here'), context)).statusCode).toBe(404);
    },
  );
});
