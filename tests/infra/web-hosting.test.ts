// The web workbench's hosting: a private bucket reached only through CloudFront's origin access
// control, HTTPS only, security headers on every response, SPA fallback, config.json at deploy time.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { contentSecurityPolicy } from '#infra/constructs/web-hosting.js';
import { synthesize, type CfnTemplate, type Synthesized } from '../support/synth.js';

describe('web hosting', () => {
  let s: Synthesized;
  let web: CfnTemplate;
  const ofType = (type: string) => Object.entries(web.Resources).filter(([, r]) => r.Type === type);

  beforeAll(() => {
    s = synthesize();
    const nested = s.stack.web.node.scope as unknown as { templateFile: string };
    web = JSON.parse(readFileSync(join(s.assembly.directory, nested.templateFile), 'utf8')) as CfnTemplate;
  });

  test('the app bucket is private: all public access blocked, no ACLs, TLS only', () => {
    const [id, bucket] = ofType('AWS::S3::Bucket')[0]! as [string, { Properties: Record<string, unknown> }];
    expect(bucket.Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    expect(bucket.Properties.WebsiteConfiguration).toBeUndefined();
    const policy = JSON.stringify(
      ofType('AWS::S3::BucketPolicy').find(([, p]) => JSON.stringify(p.Properties!.Bucket).includes(id))![1]
        .Properties!.PolicyDocument,
    );
    expect(policy).toContain('"aws:SecureTransport":"false"');
    // the only reader: CloudFront, for this distribution
    expect(policy).toContain('cloudfront.amazonaws.com');
    expect(policy).toContain('AWS:SourceArn');
    expect(policy).not.toContain('"Principal":"*","Action":"s3:GetObject"');
  });

  test('CloudFront reaches it through origin access control, HTTPS only, SPA fallback', () => {
    const [, oac] = ofType('AWS::CloudFront::OriginAccessControl')[0]!;
    expect(oac!.Properties).toMatchObject({
      OriginAccessControlConfig: {
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      },
    });
    const [, distribution] = ofType('AWS::CloudFront::Distribution')[0]!;
    const config = distribution!.Properties!.DistributionConfig as Record<string, any>;
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('https-only');
    expect(config.DefaultCacheBehavior.ResponseHeadersPolicyId).toBeDefined();
    expect(config.Origins[0].OriginAccessControlId).toBeDefined();
    expect(config.Origins[0].S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
    expect(config.CustomErrorResponses).toEqual(
      [403, 404].map((code) =>
        expect.objectContaining({ ErrorCode: code, ResponseCode: 200, ResponsePagePath: '/index.html' }),
      ),
    );
  });

  test('security headers: CSP without inline or foreign scripts and no framing, HSTS, nosniff, referrer', () => {
    const [, policy] = ofType('AWS::CloudFront::ResponseHeadersPolicy')[0]!;
    const headers = (policy!.Properties!.ResponseHeadersPolicyConfig as Record<string, any>)
      .SecurityHeadersConfig;
    const csp = JSON.stringify(headers.ContentSecurityPolicy.ContentSecurityPolicy);
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
    expect(headers.StrictTransportSecurity).toMatchObject({
      AccessControlMaxAgeSec: 730 * 86_400,
      IncludeSubdomains: true,
      Override: true,
    });
    expect(headers.ContentTypeOptions).toEqual({ Override: true });
    expect(headers.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(headers.ReferrerPolicy).toEqual({
      ReferrerPolicy: 'strict-origin-when-cross-origin',
      Override: true,
    });
  });

  test('config.json with the API URL and the OIDC issuer and client is deployed with the app', () => {
    const deployments = ofType('Custom::CDKBucketDeployment');
    expect(deployments).toHaveLength(1);
    const props = deployments[0]![1].Properties!;
    expect(props.Prune).toBe(true);
    const markers = JSON.stringify(props.SourceMarkers);
    // the JSON's values are the stack's: the HTTP API's URL, the Cognito issuer and client
    expect(markers).toContain('referencetoOcrmHttpApi');
    expect(markers).toContain('referencetoOcrmIdentityStaff');
    expect(markers.match(/referencetoOcrmIdentity/g)!.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(props.DistributionPaths)).toContain('/config.json');
    expect(s.json.Outputs?.WebUrl).toBeDefined();
  });

  test('the CSP names what the app talks to', () => {
    const csp = contentSecurityPolicy({
      apiUrl: 'https://api.bank.example',
      oidc: { issuer: 'https://idp.bank.example', clientId: 'c' },
    });
    expect(csp).toContain("connect-src 'self' https://api.bank.example https://idp.bank.example");
    expect(csp.split('; ').find((d) => d.startsWith('script-src'))).toBe("script-src 'self'");
  });
});
