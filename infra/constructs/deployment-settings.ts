// Deployment settings from CDK context (cdk.json, or `-c ocrm:<key>=value`), read once and checked
// against the partition they deploy to. The AWS China regions (partition `aws-cn`: cn-north-1
// Beijing, cn-northwest-1 Ningxia) lack what the global default relies on — Cognito user pools, SNS
// SMS, X-Ray for Lambda, CloudFront origin access control and its default domain — so there the
// stack asks for the bank's own replacements and refuses to synthesize without them.
import type { Construct } from 'constructs';

/** Every context key the stack reads, as `-c` takes it. */
export const CONTEXT_KEYS = {
  region: 'ocrm:region',
  jwtIssuer: 'ocrm:jwtIssuer',
  jwtAudience: 'ocrm:jwtAudience',
  sms: 'ocrm:sms',
  smsSenderId: 'ocrm:smsSenderId',
  smsChannelConfig: 'ocrm:smsChannelConfig',
  smsMonthlyBudget: 'ocrm:smsMonthlyBudget',
  alarmEmail: 'ocrm:alarmEmail',
  auditArchiveRetentionYears: 'ocrm:auditArchiveRetentionYears',
  lambdaRuntime: 'ocrm:lambdaRuntime',
  lambdaArchitecture: 'ocrm:lambdaArchitecture',
  webDomain: 'ocrm:webDomain',
  webCertificate: 'ocrm:webCertificate',
} as const;

export const CHINA_REGIONS = ['cn-north-1', 'cn-northwest-1'];
export const isChinaRegion = (region: string | undefined): boolean => region?.startsWith('cn-') ?? false;

/** How SMS leave the bank: SNS (not in China), or a domestic licensed channel. */
export const SMS_CHANNELS = ['sns', 'aliyun', 'tencent', 'bank-gateway'] as const;
export type SmsChannel = (typeof SMS_CHANNELS)[number];

/** Node.js runtimes the bundle is built for (esbuild target `node<major>`). */
export const LAMBDA_RUNTIMES = ['nodejs24.x', 'nodejs22.x'] as const;
export type LambdaRuntimeName = (typeof LAMBDA_RUNTIMES)[number];
export const LAMBDA_ARCHITECTURES = ['arm64', 'x86_64'] as const;
export type LambdaArchitectureName = (typeof LAMBDA_ARCHITECTURES)[number];
export const DEFAULT_LAMBDA = { runtime: 'nodejs24.x', architecture: 'arm64' } as const;

/** The month's SMS budget in yuan when `ocrm:smsMonthlyBudget` is not set. */
export const DEFAULT_SMS_MONTHLY_BUDGET_YUAN = 500_000;

/** Deployment settings from CDK context. Empty strings mean "not set". */
export interface OcrmConfig {
  /** Where the stack deploys; a `cn-` region selects the China partition. Unset: environment-agnostic. */
  region?: string;
  /** The bank IdP's issuer. With `jwtAudience`; when both are empty the stack makes a Cognito pool (not in China). */
  jwtIssuer?: string;
  jwtAudience?: string;
  /** The SMS channel. Default `sns` outside China; in China one of the others is required. */
  sms?: string;
  /** Alphanumeric SMS sender id handed to SMS-sending functions as `OCRM_SMS_SENDER_ID`. */
  smsSenderId?: string;
  /**
   * The channel's settings that are not secret (signature, template mapping, endpoint), a JSON object
   * handed to senders and callbacks as `OCRM_SMS_CHANNEL_CONFIG`; the channel's secret is merged over it.
   */
  smsChannelConfig?: string;
  /**
   * The month's SMS budget in yuan (default 500,000): the spend alarm fires at a share of it, and the
   * dispatch stops sending at it (`OCRM_SMS_MONTHLY_BUDGET_FEN`).
   */
  smsMonthlyBudget?: number;
  /** Subscribed (by email, to be confirmed) to the alarm topic. */
  alarmEmail?: string;
  /** Years each archived audit entry stays under Object Lock (compliance mode). Default 7. */
  auditArchiveRetentionYears?: number;
  /** Lambda runtime of every function; default nodejs24.x. */
  lambdaRuntime?: string;
  /** Lambda architecture of every function; default arm64. */
  lambdaArchitecture?: string;
  /** The web workbench's own domain (in China: ICP-registered, required). */
  webDomain?: string;
  /** Its certificate: an ACM certificate ARN in us-east-1, or in China the IAM server certificate id. */
  webCertificate?: string;
}

export const readConfig = (scope: Construct): OcrmConfig => {
  const value = (key: keyof typeof CONTEXT_KEYS): string | undefined => {
    const raw: unknown = scope.node.tryGetContext(CONTEXT_KEYS[key]);
    // a JSON setting may be written as an object in cdk.json, or as a string with -c
    if (raw !== null && typeof raw === 'object') return JSON.stringify(raw);
    return typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : undefined;
  };
  const config: OcrmConfig = {};
  const numbers = ['auditArchiveRetentionYears', 'smsMonthlyBudget'] as const;
  for (const key of Object.keys(CONTEXT_KEYS) as (keyof typeof CONTEXT_KEYS)[]) {
    if ((numbers as readonly string[]).includes(key)) continue;
    const found = value(key);
    if (found !== undefined) config[key as Exclude<typeof key, (typeof numbers)[number]>] = found;
  }
  for (const key of numbers) {
    const found = value(key);
    if (found) config[key] = Number(found);
  }
  return config;
};

/** The settings the stack builds from: validated, defaults applied, partition decided. */
export interface DeploymentSettings {
  /** Deploying to an AWS China region (partition aws-cn). */
  china: boolean;
  /** The bank's IdP, when configured (always in China). */
  idp?: { issuer: string; audience: string };
  sms: { channel: SmsChannel; senderId?: string; config?: string; monthlyBudgetYuan: number };
  lambda: { runtime: LambdaRuntimeName; architecture: LambdaArchitectureName; tracing: boolean };
  web?: { domain: string; certificate: string };
}

/** The channel's JSON config, checked to be an object, written compactly. */
const channelConfig = (text: string | undefined): string | undefined => {
  if (text === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${CONTEXT_KEYS.smsChannelConfig} is not JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${CONTEXT_KEYS.smsChannelConfig} must be a JSON object`);
  }
  return JSON.stringify(parsed);
};

const oneOf = <T extends string>(key: string, value: string, allowed: readonly T[]): T => {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new Error(`${key} must be one of ${allowed.join(', ')} (got "${value}")`);
  }
  return value as T;
};

/**
 * Checks the configuration against the partition of `region` (the stack's, when concrete) and
 * applies the defaults. Every refusal names the context keys that fix it.
 */
export const deploymentSettings = (config: OcrmConfig, region: string | undefined): DeploymentSettings => {
  const china = isChinaRegion(region);
  const where = china ? `the China region ${region}` : '';
  if (Boolean(config.jwtIssuer) !== Boolean(config.jwtAudience)) {
    throw new Error(
      `Set both ${CONTEXT_KEYS.jwtIssuer} and ${CONTEXT_KEYS.jwtAudience}, or neither (then a Cognito user pool is made)`,
    );
  }
  if (china && !config.jwtIssuer) {
    throw new Error(
      `In ${where} there are no Cognito user pools: set ${CONTEXT_KEYS.jwtIssuer} and ${CONTEXT_KEYS.jwtAudience} ` +
        "to the bank's IdP (its OIDC issuer URL and the workbench's client id)",
    );
  }

  const channel = oneOf(CONTEXT_KEYS.sms, config.sms ?? 'sns', SMS_CHANNELS);
  if (china && channel === 'sns') {
    throw new Error(
      `In ${where} Amazon SNS sends no SMS: set ${CONTEXT_KEYS.sms} to aliyun, tencent or bank-gateway ` +
        `(its credentials in the Secrets Manager secret ocrm/sms/<channel>)`,
    );
  }

  const monthlyBudgetYuan = config.smsMonthlyBudget ?? DEFAULT_SMS_MONTHLY_BUDGET_YUAN;
  if (!Number.isFinite(monthlyBudgetYuan) || monthlyBudgetYuan <= 0) {
    throw new Error(
      `${CONTEXT_KEYS.smsMonthlyBudget} must be a positive amount of yuan, not ${String(config.smsMonthlyBudget)}`,
    );
  }

  if (Boolean(config.webDomain) !== Boolean(config.webCertificate)) {
    throw new Error(`Set both ${CONTEXT_KEYS.webDomain} and ${CONTEXT_KEYS.webCertificate}, or neither`);
  }
  if (china && !config.webDomain) {
    throw new Error(
      `In ${where} CloudFront serves nothing on its default *.cloudfront.cn domain: set ${CONTEXT_KEYS.webDomain} ` +
        `to the bank's ICP-registered domain for the workbench and ${CONTEXT_KEYS.webCertificate} to the id of its ` +
        'certificate in the IAM certificate store (CloudFront in China takes no ACM certificate)',
    );
  }

  return {
    china,
    idp:
      config.jwtIssuer && config.jwtAudience
        ? { issuer: config.jwtIssuer, audience: config.jwtAudience }
        : undefined,
    sms: {
      channel,
      senderId: config.smsSenderId,
      config: channelConfig(config.smsChannelConfig),
      monthlyBudgetYuan,
    },
    lambda: {
      runtime: oneOf(
        CONTEXT_KEYS.lambdaRuntime,
        config.lambdaRuntime ?? DEFAULT_LAMBDA.runtime,
        LAMBDA_RUNTIMES,
      ),
      architecture: oneOf(
        CONTEXT_KEYS.lambdaArchitecture,
        config.lambdaArchitecture ?? DEFAULT_LAMBDA.architecture,
        LAMBDA_ARCHITECTURES,
      ),
      // X-Ray has no Lambda integration in the China regions.
      tracing: !china,
    },
    web:
      config.webDomain && config.webCertificate
        ? { domain: config.webDomain, certificate: config.webCertificate }
        : undefined,
  };
};
