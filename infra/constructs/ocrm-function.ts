// The house Lambda: one declared function with our defaults, so the stack stays declarative.
// Node.js 24 on arm64 (both settable per deployment: `ocrm:lambdaRuntime`, `ocrm:lambdaArchitecture`), one self-contained minified ESM bundle per function (AWS SDK included, so the
// code that ran in tests is the code that runs), source maps, active tracing (not in China, where
// X-Ray has no Lambda integration), JSON logs into a
// KMS-encrypted log group we own, and an execution role that starts empty: every permission it
// gets is granted by name in the stack (no AWS managed policies).
import { join } from 'node:path';
import { Duration, RemovalPolicy, Tags } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import type { OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { FunctionDeclaration } from '#infra/declaration/types.js';
import { BUNDLE, BUNDLE_TARGET, bundleDefines } from './bundle-settings.js';
import { DEFAULT_LAMBDA, type DeploymentSettings } from './deployment-settings.js';

/** The repository root: declared entries are relative to it, and esbuild resolves `#shared/*` from its package.json. */
export const repositoryRoot = join(import.meta.dirname, '..', '..');

/** Tag that names the declared function on its Lambda, so templates can be read back against the declaration. */
export const FUNCTION_TAG = 'ocrm:function';

/**
 * Operational logs are kept 13 months: a full year back from any day, so a year-end or annual audit
 * (and a same-month-last-year comparison) still finds them, and well past the six months the PRC
 * Cybersecurity Law (Art. 21) asks of network logs. Business evidence (who read or changed what)
 * lives in the `audit` table, not in Lambda logs, so longer log retention buys cost, not compliance.
 */
export const LOG_RETENTION = RetentionDays.THIRTEEN_MONTHS;

export interface OcrmFunctionProps {
  declaration: FunctionDeclaration;
  /** Encrypts the function's log group. */
  logKey: IKey;
  /** Extra environment computed by the stack (table names, SMS sender id); the declaration's own wins. */
  environment?: Record<string, string>;
  /** Runtime, architecture and tracing of the deployment; Node.js 24 on arm64, traced, by default. */
  lambda?: DeploymentSettings['lambda'];
}

const RUNTIMES = { 'nodejs24.x': Runtime.NODEJS_24_X, 'nodejs22.x': Runtime.NODEJS_22_X };
const ARCHITECTURES = { arm64: Architecture.ARM_64, x86_64: Architecture.X86_64 };

export class OcrmFunction extends NodejsFunction {
  readonly declaration: FunctionDeclaration;
  readonly executionRole: Role;
  readonly logs: LogGroup;

  constructor(scope: Construct, id: string, props: OcrmFunctionProps) {
    const { declaration, logKey } = props;
    const lambda = props.lambda ?? { ...DEFAULT_LAMBDA, tracing: true };
    // esbuild emits syntax for the runtime's Node.js: `nodejs22.x` → `node22`.
    const target =
      lambda.runtime === DEFAULT_LAMBDA.runtime ? BUNDLE_TARGET : `node${/\d+/.exec(lambda.runtime)![0]}`;
    const executionRole = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${declaration.name}`,
    });
    const logs = new LogGroup(scope, `${id}Logs`, {
      retention: LOG_RETENTION,
      encryptionKey: logKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const environment = {
      POWERTOOLS_SERVICE_NAME: 'ocrm',
      NODE_OPTIONS: '--enable-source-maps',
      ...props.environment,
      ...declaration.environment,
    };
    super(scope, id, {
      description: `${declaration.name} (${declaration.entry})`,
      entry: join(repositoryRoot, declaration.entry),
      handler: 'handler',
      projectRoot: repositoryRoot,
      depsLockFilePath: join(repositoryRoot, 'package-lock.json'),
      runtime: RUNTIMES[lambda.runtime],
      architecture: ARCHITECTURES[lambda.architecture],
      memorySize: declaration.memoryMb,
      timeout: Duration.seconds(declaration.timeoutSeconds),
      role: executionRole,
      logGroup: logs,
      loggingFormat: LoggingFormat.JSON,
      tracing: lambda.tracing ? Tracing.ACTIVE : Tracing.DISABLED,
      awsSdkConnectionReuse: false, // SDK v3 reuses connections itself; no AWS_NODEJS_CONNECTION_REUSE_ENABLED
      environment,
      // the same settings the bundles bench builds with (bundle-settings.ts)
      bundling: {
        format: BUNDLE.format as OutputFormat,
        target,
        mainFields: [...BUNDLE.mainFields],
        banner: BUNDLE.banner,
        minify: BUNDLE.minify,
        sourceMap: BUNDLE.sourceMap,
        sourcesContent: BUNDLE.sourcesContent,
        bundleAwsSDK: true,
        externalModules: [...BUNDLE.external],
        define: bundleDefines(environment),
        forceDockerBundling: false,
      },
    });

    this.declaration = declaration;
    this.executionRole = executionRole;
    this.logs = logs;

    // The role starts empty; writing its own log group is the one permission every function needs.
    executionRole.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'WriteOwnLogGroup',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logs.logGroupArn],
      }),
    );
    Tags.of(this).add(FUNCTION_TAG, declaration.name);
  }
}
