// The layering of OCRM, checked on every `npm run lint` (`npm run lint:layers`). ARCHITECTURE.md
// describes the layers in words; these rules are the part of it a machine can hold us to.
//
// Layers (paths from the project root):
//   domain            shared/** that is neither an adapter nor a composition root: the bank's rules,
//                     use cases, route contracts (api.ts) and ports (ports.ts). Runs anywhere, tests
//                     without AWS.
//   adapters          shared/adapters/**, and in a capability folder dynamo-*.ts, s3-*.ts, sns-*.ts, sqs-*.ts,
//                     secrets-manager-*.ts:
//                     the only code that speaks to AWS; and the two Lambda wrappers every handler
//                     stands on, shared/http/http.ts (HTTP API events) and shared/stream/ (DynamoDB
//                     stream records, unmarshalled with the SDK's util).
//   composition roots deps.ts, *-sources.ts / sources.ts, memory.ts in a capability folder, and the
//                     handlers in functions/: they wire adapters into use cases.
//   infra/            the declaration (read by CDK and the local runtime), CDK, the local runtime.
//   web/              the workbench UI (types only from shared/).
//
// No known violations are tolerated: a new one fails `npm run lint`.

/** Files in shared/ that may speak to AWS: adapters and the composition roots that wire them. */
const ADAPTER = [
  '^shared/adapters/',
  '(^|/)dynamo-[^/]+\\.ts$',
  '(^|/)s3-[^/]+\\.ts$',
  '(^|/)sns-[^/]+\\.ts$',
  '(^|/)sqs-[^/]+\\.ts$',
  '(^|/)secrets-manager-[^/]+\\.ts$',
  '^shared/http/http\\.ts$',
  '^shared/stream/',
];
const COMPOSITION_ROOT = ['(^|/)deps\\.ts$', '(^|/|-)sources\\.ts$', '(^|/)memory\\.ts$'];
const DOMAIN = '^shared/';

/** A forbidden dependency: `protects` (what breaking it would cost) is shown with every violation. */
const rule = (name, protects, from, to) => ({
  name,
  comment: `Protects: ${protects}`,
  severity: 'error',
  from,
  to,
});
const domain = { path: DOMAIN, pathNot: [...ADAPTER, ...COMPOSITION_ROOT] };

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    // The domain never speaks AWS, not even in types: it runs and is unit-tested without AWS, and a
    // change of SDK or store touches adapters only.
    rule(
      'domain-no-aws-sdk',
      'the domain runs without AWS. A domain file that needs DynamoDB gets a port (ports.ts) and an ' +
        'adapter (dynamo-*.ts) that implements it.',
      domain,
      { path: '(^|/)node_modules/@aws-sdk/' },
    ),
    // Ports stand apart from their adapters: the domain may name an adapter's type, never take a value.
    rule(
      'domain-no-adapter-values',
      'ports stand apart from their adapters. The domain may name an adapter type (`import type`), never ' +
        'take a runtime value (a factory, a key helper, a constant) from it; a key the domain reasons ' +
        'about belongs in ports.ts or a small *-keys.ts / ids.ts domain file.',
      domain,
      { path: ADAPTER, dependencyTypesNot: ['type-only'] },
    ),
    // shared/ is below infra/ and functions/.
    rule(
      'shared-no-infra-or-functions',
      'the declaration, the handlers and the ops scripts build on shared/, never the other way round, so CDK, the local ' +
        'runtime and a handler each change alone.',
      { path: '^shared/' },
      { path: '^(infra|functions|scripts)/' },
    ),
    // A handler runs the same on Lambda as locally.
    rule(
      'functions-no-local-runtime',
      'a handler runs the same on Lambda as locally. infra/local stands in for AWS and is not bundled; a ' +
        'handler reaching into it would work locally and break in AWS.',
      { path: '^functions/' },
      { path: '^infra/local/' },
    ),
    // No cycles, web/ included.
    rule(
      'no-circular',
      'every module can be read, tested and loaded after the ones it needs. A cycle (in shared/, ' +
        'functions/, infra/ or web/) makes load order matter and the layers meaningless.',
      { path: '^(shared|functions|infra|web)/' },
      { circular: true },
    ),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(cdk\\.out|web/dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
