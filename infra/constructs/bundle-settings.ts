// How a function is bundled: read by the CDK construct and by the benchmark that measures bundle
// size and load time, so the bench measures what deploys.

export const BUNDLE_TARGET = 'node24';
export const BUNDLE_MAIN_FIELDS = ['module', 'main'];
// ESM output still meets CommonJS dependencies that call require(): give them one.
export const REQUIRE_BANNER =
  "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";
