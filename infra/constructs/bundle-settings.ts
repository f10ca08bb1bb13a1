// How a function is bundled, in one place: the CDK construct (ocrm-function.ts) hands these to
// NodejsFunction, and the bundles bench (bench/bundles.ts) to esbuild's API, so the bench measures
// what deploys. No aws-cdk-lib here (the declaration is pure data), so the bench loads it cheaply.
import type { BuildOptions } from 'esbuild';
import { system } from '#infra/declaration/index.js';

export const BUNDLE_TARGET = 'node24';
export const BUNDLE_MAIN_FIELDS = ['module', 'main'];
// ESM output still meets CommonJS dependencies that call require(): give them one.
export const REQUIRE_BANNER =
  "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

/**
 * The settings both read. One self-contained, minified ESM file per function: the AWS SDK bundled
 * too (the pinned version we tested, not whatever the runtime ships), so nothing is external;
 * esbuild tree-shakes (its default when bundling). A source map beside it, without the sources.
 */
export const BUNDLE = {
  format: 'esm',
  platform: 'node',
  mainFields: BUNDLE_MAIN_FIELDS,
  banner: REQUIRE_BANNER,
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  external: [] as string[],
} as const;

/** Every declared route's method and path: what the catch-all needs to tell 405 from 404. */
const routeTable = () =>
  system.functions.flatMap((fn) => (fn.routes ?? []).map(({ method, path }) => ({ method, path })));

/**
 * Constants replaced at bundle time, each folding away code a deployed function does not need.
 * `OCRM_SMS_BUNDLED_CHANNEL`: the function's SMS channel (its `OCRM_SMS_CHANNEL`, `sns` when it has
 * none, as at run time), so shared/sms/deps.ts keeps only that channel's provider and the other
 * channels' SDKs fall out. `OCRM_BUNDLED_ROUTES`: the declared routes' methods and paths (JSON), so
 * the catch-all (functions/platform/not-found.ts) carries a table, not every route's contract.
 * Code that does not read one is unchanged by it.
 */
export const bundleDefines = (
  environment: Record<string, string | undefined> = {},
): Record<string, string> => ({
  'process.env.OCRM_SMS_BUNDLED_CHANNEL': JSON.stringify(environment.OCRM_SMS_CHANNEL?.trim() || 'sns'),
  'process.env.OCRM_BUNDLED_ROUTES': JSON.stringify(JSON.stringify(routeTable())),
});

/**
 * esbuild's options for a function bundled as it deploys: for `target` (the runtime's Node.js), with
 * the function's environment (its SMS channel, bundleDefines).
 */
export const esbuildOptionsOf = (
  target: string = BUNDLE_TARGET,
  environment: Record<string, string | undefined> = {},
): BuildOptions => ({
  bundle: true,
  platform: BUNDLE.platform,
  format: BUNDLE.format,
  target,
  mainFields: [...BUNDLE.mainFields],
  banner: { js: BUNDLE.banner },
  minify: BUNDLE.minify,
  sourcemap: BUNDLE.sourceMap,
  sourcesContent: BUNDLE.sourcesContent,
  external: [...BUNDLE.external],
  define: bundleDefines(environment),
});
