// The web workbench (web/) as the bank's staff reach it: the built app in a private bucket, served
// only through CloudFront (origin access control: the bucket answers CloudFront's signed requests
// and nothing else), HTTPS only, with security headers on every response — a CSP that allows no
// inline or foreign script and no framing, HSTS, nosniff, a strict referrer policy — and every
// unknown path answered with index.html (the app routes in the browser). `config.json`, written at
// deploy time beside the app, tells it where the API and the sign-in (OIDC) are.
// In the China regions CloudFront has no origin access control (an origin access identity reads the
// bucket instead), serves nothing on its default domain (the bank's ICP-registered domain is
// required) and takes its certificate from the IAM certificate store, not ACM.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
  type CfnDistribution,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  ObjectOwnership,
  type CfnBucket,
  type IBucket,
} from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { repositoryRoot } from './ocrm-function.js';

/** The built app, when it was built; else a one-page placeholder (infra tests, a first deploy). */
export const webAppDirectory = (): string => {
  const built = join(repositoryRoot, 'web', 'dist');
  return existsSync(join(built, 'index.html')) ? built : join(repositoryRoot, 'infra', 'web-placeholder');
};

/** What the app reads from `/config.json` at start. */
export interface WebConfig {
  apiUrl: string;
  oidc: { issuer: string; clientId: string };
}

export interface WebHostingProps {
  config: WebConfig;
  /** Server access logs of the app's bucket go here. */
  accessLogs: IBucket;
  /** Defaults to {@link webAppDirectory}. */
  appDirectory?: string;
  /** Deploying to an AWS China region: origin access identity, IAM server certificate. */
  china?: boolean;
  /**
   * The bank's domain for the workbench and its certificate: an ACM certificate ARN (us-east-1), or in
   * China the IAM server certificate id. Without it, CloudFront's own domain and certificate (not in China).
   */
  domain?: { domain: string; certificate: string };
}

/**
 * The CSP: the app's own scripts only (Vite emits no inline script); styles may be inline because
 * antd writes its CSS-in-JS into <style> elements (no script can run from a style); images and fonts
 * from itself or data: URLs; requests to itself, the API and the IdP; never framed; forms and the
 * base URL to itself.
 */
export const contentSecurityPolicy = (config: WebConfig, options: { cognito?: boolean } = {}): string =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    // Cognito's hosted sign-in, where a pool can exist (not in China)
    `connect-src 'self' ${config.apiUrl} ${config.oidc.issuer}${options.cognito === false ? '' : ' https://*.amazoncognito.com'}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    'upgrade-insecure-requests',
  ].join('; ');

export class WebHosting extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  readonly headers: ResponseHeadersPolicy;
  /** Where staff open the workbench. */
  readonly url: string;
  /** What cdk-nag finds in CDK's own deployment function, acknowledged with reasons. */
  readonly acknowledgedDeploymentRules: string[];

  constructor(scope: Construct, id: string, props: WebHostingProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'App', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'web-app/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'OCRM web: CSP, HSTS, nosniff, no framing, strict referrer',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: contentSecurityPolicy(props.config, { cognito: !props.china }),
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          preload: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
      },
    });

    const china = props.china ?? false;
    // Outside China the bank's certificate comes from ACM; in China it is set below (IAM store).
    const acmDomain =
      props.domain && !china
        ? {
            domainNames: [props.domain.domain],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificate),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {};
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'OCRM web workbench',
      defaultRootObject: 'index.html',
      // HTTP/3 is not assumed of CloudFront in China
      httpVersion: china ? HttpVersion.HTTP2 : HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_ALL,
      ...acmDomain,
      defaultBehavior: {
        origin: china
          ? S3BucketOrigin.withOriginAccessIdentity(this.bucket)
          : S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.headers,
        compress: true,
      },
      // the app's own routes (/customers/C0000001) are not objects: S3 answers 403 through OAC
      errorResponses: [403, 404].map((httpStatus) => ({
        httpStatus,
        responseHttpStatus: 200,
        responsePagePath: '/index.html',
        ttl: Duration.seconds(0),
      })),
    });

    if (china && props.domain) {
      // The L2 takes ACM certificates only: name the IAM server certificate on the resource itself.
      const cfn = this.distribution.node.defaultChild as CfnDistribution;
      cfn.addPropertyOverride('DistributionConfig.Aliases', [props.domain.domain]);
      cfn.addPropertyOverride('DistributionConfig.ViewerCertificate', {
        IamCertificateId: props.domain.certificate,
        SslSupportMethod: 'sni-only',
        MinimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      });
    }
    this.url = `https://${props.domain?.domain ?? this.distribution.distributionDomainName}`;

    new BucketDeployment(this, 'Deploy', {
      sources: [
        Source.asset(props.appDirectory ?? webAppDirectory()),
        Source.jsonData('config.json', props.config),
      ],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/index.html', '/config.json'],
      prune: true,
      memoryLimit: 512,
    });

    const name = Stack.of(this).stackName;
    const distributionRules: [string, string][] = [
      [
        'AwsSolutions-CFR1',
        'WebHosting distribution: staff sign in from branches and customer visits across the country; the API, not the geography, decides who gets in.',
      ],
      [
        'AwsSolutions-CFR2',
        'WebHosting distribution: static files only, every API call is authorised by the HTTP API JWT authorizer; a WAF web ACL for CloudFront lives in us-east-1 and is attached by the bank’s edge team.',
      ],
      [
        'AwsSolutions-CFR3',
        'WebHosting distribution: serves the static files of the app only; who did what is recorded by the API and the audit trail, and the bucket’s server access logs are kept.',
      ],
    ];
    if (!props.domain) {
      distributionRules.push([
        'AwsSolutions-CFR4',
        `WebHosting distribution of ${name}: the CloudFront default certificate until the bank adds its own domain and certificate (then TLSv1.2_2021 is set); viewers are HTTPS only.`,
      ]);
    } else if (china) {
      distributionRules.push([
        'AwsSolutions-CFR4',
        `WebHosting distribution of ${name}: served on ${props.domain.domain} with the bank's IAM server certificate and TLSv1.2_2021, set as a property override (CloudFront in China takes no ACM certificate), which cdk-nag does not read.`,
      ]);
    }
    if (china) {
      distributionRules.push([
        'AwsSolutions-CFR7',
        `WebHosting distribution of ${name}: CloudFront in the China regions has no origin access control; an origin access identity, the only reader the app bucket's policy allows, signs CloudFront's requests instead.`,
      ]);
    }
    for (const [id, reason] of distributionRules)
      Validations.of(this.distribution).acknowledge({ id, reason });

    // CDK's BucketDeployment copies the app with a singleton Lambda it makes: its role and runtime are
    // CDK's, acknowledged here rule by rule.
    const stack = Stack.of(this);
    const copier = stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (!copier) throw new Error('BucketDeployment made no copying function');
    // the region as cdk-nag prints it: the pseudo parameter, or the region the stack is pinned to
    const stackRegion = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
    const appBucket = stack.resolve((this.bucket.node.defaultChild as CfnBucket).logicalId) as string;
    const why =
      'WebHosting deployment copier (CDK BucketDeployment custom resource, runs only during a deploy): ';
    const copierRules: [string, string][] = [
      [
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        why + 'CDK attaches the basic execution policy so it can write its own logs.',
      ],
      ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map(
        (action): [string, string] => [
          `AwsSolutions-IAM5[Action::${action}]`,
          why +
            `CDK grants ${action} to read the staged asset and replace (prune) the app's files in its bucket.`,
        ],
      ),
      [
        `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${stackRegion}/*]`,
        why + 'reads the app from the CDK bootstrap asset bucket, whose object names are content hashes.',
      ],
      [
        `AwsSolutions-IAM5[Resource::<${appBucket}.Arn>/*]`,
        why + 'writes and prunes every file of the app in the app bucket, whose names are the build’s.',
      ],
      [
        'AwsSolutions-IAM5[Resource::*]',
        why + 'cloudfront:CreateInvalidation and GetInvalidation have no resource-level permissions here.',
      ],
      [
        'AwsSolutions-L1',
        why + 'CDK pins the runtime of its own deployment function; it is not ours to upgrade.',
      ],
    ];
    for (const [id, reason] of copierRules) Validations.of(copier).acknowledge({ id, reason });
    this.acknowledgedDeploymentRules = copierRules.map(([id]) => id);
  }
}
