// Both partitions, synthesized offline as `cdk synth` would: the global default (environment-agnostic)
// and an AWS China region (`-c ocrm:region=cn-north-1` with the bank's IdP, a domestic SMS channel and
// an ICP domain). No template names a partition literally; in China there is no Cognito pool, no SNS
// SMS, no X-Ray, and CloudFront reads the bucket through an origin access identity.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { system } from '#infra/declaration/index.js';
import type { FunctionDeclaration, SystemDeclaration } from '#infra/declaration/types.js';
import { FUNCTION_TAG } from '#infra/constructs/ocrm-function.js';
import { contentSecurityPolicy } from '#infra/constructs/web-hosting.js';
import { SMS_CHANNEL_CONFIG_ENV, SMS_CHANNEL_ENV, SMS_SECRET_ENV } from '#infra/constructs/sms-channel.js';
import {
  actionsOf,
  namesByLogicalId,
  refId,
  resourcesOfType,
  statementsOfRole,
  synthesize,
  type CfnTemplate,
  type Synthesized,
} from '../support/synth.js';

const IDP = { issuer: 'https://idp.bank.example.cn/realms/staff', audience: 'ocrm-workbench' };
const WEB = { domain: 'crm.bank.example.cn', certificate: 'ASCAEXAMPLEIAMCERTID' };
/** The channel's settings that are not secret, as ops pass them. */
const CHANNEL_CONFIG = '{ "endpoint": "https://sms.bank.example.cn/v1", "signName": "某银行" }';
const CHINA = {
  'ocrm:region': 'cn-north-1',
  'ocrm:jwtIssuer': IDP.issuer,
  'ocrm:jwtAudience': IDP.audience,
  'ocrm:sms': 'bank-gateway',
  'ocrm:webDomain': WEB.domain,
  'ocrm:webCertificate': WEB.certificate,
};

/** The declared system plus one function that serves the channel's callbacks (receipts, replies). */
const callback = {
  name: 'fixture-sms-callback',
  capability: 'campaigns',
  entry: 'functions/sms/delivery-receipts.ts',
  memoryMb: 256,
  timeoutSeconds: 10,
  tables: {},
  receivesSmsCallbacks: true,
};
/** One the stack recognises by its route under /v1/sms/callbacks/, unmarked. */
const routedCallback: FunctionDeclaration = {
  name: 'fixture-sms-callback-route',
  capability: 'campaigns',
  entry: 'functions/sms/delivery-receipts.ts',
  memoryMb: 256,
  timeoutSeconds: 10,
  tables: {},
  routes: [
    {
      method: 'POST',
      path: '/v1/sms/callbacks/{channel}/fixture',
      summary: 'A channel pushes to the fixture',
      auth: 'none',
    },
  ],
};
/** The fixtures, and the system's own callback functions (its routes under /v1/sms/callbacks/). */
const callbacks = [
  callback.name,
  routedCallback.name,
  ...system.functions
    .filter((fn) => (fn.routes ?? []).some((route) => route.path.startsWith('/v1/sms/callbacks/')))
    .map((fn) => fn.name),
];
const withCallback: SystemDeclaration = {
  ...system,
  functions: [...system.functions, callback, routedCallback],
};
const senders = (declaration: SystemDeclaration) =>
  declaration.functions.filter((fn) => fn.sendsSms).map((fn) => fn.name);

/** Every template of the assembly as written to disk (parent, each capability, the web stack). */
const templateTexts = (s: Synthesized): Map<string, string> =>
  new Map(
    readdirSync(s.assembly.directory)
      .filter((file) => file.endsWith('.template.json'))
      .map((file) => [file, readFileSync(join(s.assembly.directory, file), 'utf8')]),
  );
const webTemplate = (s: Synthesized): CfnTemplate => {
  const nested = s.stack.web.node.scope as unknown as { templateFile: string };
  return JSON.parse(readFileSync(join(s.assembly.directory, nested.templateFile), 'utf8')) as CfnTemplate;
};

const functionsOf = (s: Synthesized) => {
  const byId = namesByLogicalId(s.json, 'AWS::Lambda::Function', FUNCTION_TAG);
  return [...byId].map(([id, name]) => {
    const props = s.json.Resources[id]!.Properties!;
    return {
      name,
      props,
      variables: (props.Environment as { Variables: Record<string, unknown> }).Variables,
      statements: statementsOfRole(s.json, refId(props.Role)!),
    };
  });
};

let global: Synthesized;
let china: Synthesized;
beforeAll(() => {
  global = synthesize({ props: { system: withCallback } });
  china = synthesize({
    props: { system: withCallback },
    context: {
      ...CHINA,
      'ocrm:lambdaRuntime': 'nodejs22.x',
      'ocrm:lambdaArchitecture': 'x86_64',
      'ocrm:smsChannelConfig': CHANNEL_CONFIG,
    },
  });
});

test.each([
  ['aws (the default: environment-agnostic)', () => global],
  ['aws-cn (cn-north-1)', () => china],
])('%s: no template names a partition literally, no `arn:aws:` anywhere', (_partition, synthesized) => {
  const texts = templateTexts(synthesized());
  expect(texts.size).toBeGreaterThanOrEqual(3);
  for (const [file, text] of texts) {
    expect(text.match(/.{0,60}arn:aws:.{0,60}/g), file).toBeNull();
  }
});

describe('the default partition, as before', () => {
  test('SMS go through SNS: senders and callbacks learn the channel, no secret is read', () => {
    for (const fn of functionsOf(global)) {
      const usesChannel = senders(withCallback).includes(fn.name) || callbacks.includes(fn.name);
      expect(fn.variables[SMS_CHANNEL_ENV], fn.name).toBe(usesChannel ? 'sns' : undefined);
      expect(fn.variables[SMS_SECRET_ENV], fn.name).toBeUndefined();
      expect(fn.statements.flatMap(actionsOf).some((a) => a.startsWith('secretsmanager:'))).toBe(false);
    }
  });

  test('a Cognito pool, origin access control, X-Ray', () => {
    global.template.resourceCountIs('AWS::Cognito::UserPool', 1);
    expect(resourcesOfType(webTemplate(global), 'AWS::CloudFront::OriginAccessControl')).toHaveLength(1);
    for (const fn of functionsOf(global)) expect(fn.props.TracingConfig).toEqual({ Mode: 'Active' });
  });
});

test("globally, the bank's own domain with its ACM certificate, TLS 1.2 at least", () => {
  const certificate = `arn:${'aws'}:acm:us-east-1:111122223333:certificate/0a1b2c3d`;
  const s = synthesize({
    props: { system: { tables: system.tables, functions: [] } },
    context: { 'ocrm:webDomain': 'crm.bank.example', 'ocrm:webCertificate': certificate },
  });
  const [, distribution] = resourcesOfType(webTemplate(s), 'AWS::CloudFront::Distribution')[0]!;
  const config = distribution.Properties!.DistributionConfig as Record<string, any>;
  expect(config.Aliases).toEqual(['crm.bank.example']);
  expect(config.ViewerCertificate).toMatchObject({
    AcmCertificateArn: certificate,
    MinimumProtocolVersion: 'TLSv1.2_2021',
  });
  expect(s.json.Outputs!.WebUrl!.Value).toBe('https://crm.bank.example');
});

describe('an AWS China region', () => {
  let s: Synthesized;
  let web: CfnTemplate;
  beforeAll(() => {
    s = china;
    web = webTemplate(s);
  });

  test('the stack is pinned to the region; partition and account stay pseudo parameters', () => {
    expect(s.stack.region).toBe('cn-north-1');
    expect(s.stack.settings.china).toBe(true);
    const keyPolicies = JSON.stringify(resourcesOfType(s.json, 'AWS::KMS::Key'));
    // CloudWatch Logs' regional principal ends in the partition's domain (amazonaws.com.cn)
    expect(keyPolicies).toContain('"logs.cn-north-1.",{"Ref":"AWS::URLSuffix"}');
  });

  test("no Cognito pool: the JWT authorizer trusts the bank's IdP", () => {
    s.template.resourceCountIs('AWS::Cognito::UserPool', 0);
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      JwtConfiguration: { Audience: [IDP.audience], Issuer: IDP.issuer },
    });
  });

  test('no SNS SMS: no role may publish to SNS; senders and callbacks read the channel secret only', () => {
    const users = [...senders(withCallback), ...callbacks];
    for (const fn of functionsOf(s)) {
      const actions = fn.statements.filter((st) => st.Effect === 'Allow').flatMap(actionsOf);
      expect(
        actions.filter((a) => a.startsWith('sns:')),
        fn.name,
      ).toEqual([]);
      const reads = fn.statements.filter((st) => actionsOf(st).includes('secretsmanager:GetSecretValue'));
      if (!users.includes(fn.name)) {
        expect(reads, fn.name).toEqual([]);
        expect(fn.variables[SMS_CHANNEL_ENV], fn.name).toBeUndefined();
        continue;
      }
      expect(fn.variables).toMatchObject({
        [SMS_CHANNEL_ENV]: 'bank-gateway',
        [SMS_SECRET_ENV]: 'ocrm/sms/bank-gateway',
      });
      expect(JSON.parse(fn.variables[SMS_CHANNEL_CONFIG_ENV] as string)).toEqual(JSON.parse(CHANNEL_CONFIG));
      expect(reads, fn.name).toHaveLength(1);
      const resource = JSON.stringify(reads[0]!.Resource);
      expect(resource).toContain(':secret:ocrm/sms/bank-gateway-??????');
      expect(resource).toContain('{"Ref":"AWS::Partition"}');
    }
  });

  test('no X-Ray (no Lambda integration there); runtime and architecture from context', () => {
    for (const fn of functionsOf(s)) {
      expect(fn.props.TracingConfig, fn.name).toBeUndefined();
      expect(fn.props).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['x86_64'] });
      expect(fn.statements.flatMap(actionsOf).filter((a) => a.startsWith('xray:'))).toEqual([]);
    }
  });

  test("CloudFront reads the bucket through an origin access identity, on the bank's ICP domain", () => {
    expect(resourcesOfType(web, 'AWS::CloudFront::OriginAccessControl')).toEqual([]);
    const identities = resourcesOfType(web, 'AWS::CloudFront::CloudFrontOriginAccessIdentity');
    expect(identities).toHaveLength(1);
    const [oaiId] = identities[0]!;
    const [, distribution] = resourcesOfType(web, 'AWS::CloudFront::Distribution')[0]!;
    const config = distribution.Properties!.DistributionConfig as Record<string, any>;
    expect(JSON.stringify(config.Origins[0].S3OriginConfig)).toContain(oaiId);
    expect(config.Origins[0].OriginAccessControlId).toBeUndefined();
    expect(config.Aliases).toEqual([WEB.domain]);
    expect(config.ViewerCertificate).toEqual({
      IamCertificateId: WEB.certificate,
      SslSupportMethod: 'sni-only',
      MinimumProtocolVersion: 'TLSv1.2_2021',
    });
    const policies = JSON.stringify(resourcesOfType(web, 'AWS::S3::BucketPolicy'));
    expect(policies).toContain(`"CanonicalUser":{"Fn::GetAtt":["${oaiId}","S3CanonicalUserId"]}`);
    expect(s.json.Outputs!.WebUrl!.Value).toBe(`https://${WEB.domain}`);
  });

  test('the CSP names no Cognito domain', () => {
    const [, policy] = resourcesOfType(web, 'AWS::CloudFront::ResponseHeadersPolicy')[0]!;
    expect(JSON.stringify(policy.Properties)).not.toContain('amazoncognito');
    expect(
      contentSecurityPolicy({ apiUrl: 'https://a', oidc: { issuer: 'https://i', clientId: 'c' } }),
    ).toContain('amazoncognito');
  });
});

describe('refusals name the context keys that fix them', () => {
  const without = (...keys: (keyof typeof CHINA)[]) =>
    Object.fromEntries(Object.entries(CHINA).filter(([key]) => !keys.includes(key as keyof typeof CHINA)));
  const synthChina = (context: Record<string, string>) => () =>
    synthesize({ props: { system: { tables: system.tables, functions: [] } }, context });

  test.each(['cn-north-1', 'cn-northwest-1'])("%s without the bank's IdP", (region) => {
    const attempt = synthChina({ ...without('ocrm:jwtIssuer', 'ocrm:jwtAudience'), 'ocrm:region': region });
    expect(attempt).toThrow(/ocrm:jwtIssuer and ocrm:jwtAudience/);
    expect(attempt).toThrow(/no Cognito user pools/);
  });

  test('China with SMS through SNS, named or by default', () => {
    expect(synthChina({ ...CHINA, 'ocrm:sms': 'sns' })).toThrow(
      /SNS sends no SMS.*ocrm:sms.*aliyun, tencent or bank-gateway/,
    );
    expect(synthChina(without('ocrm:sms'))).toThrow(/SNS sends no SMS/);
  });

  test('China without an ICP domain and its IAM certificate', () => {
    expect(synthChina(without('ocrm:webDomain', 'ocrm:webCertificate'))).toThrow(
      /ICP-registered.*ocrm:webCertificate/,
    );
    expect(synthChina(without('ocrm:webCertificate'))).toThrow(/ocrm:webDomain and ocrm:webCertificate/);
  });

  test('unknown channel, runtime or architecture, anywhere', () => {
    expect(synthChina({ 'ocrm:sms': 'pigeon' })).toThrow(
      /ocrm:sms must be one of sns, aliyun, tencent, bank-gateway/,
    );
    expect(synthChina({ 'ocrm:lambdaRuntime': 'nodejs18.x' })).toThrow(/ocrm:lambdaRuntime/);
    expect(synthChina({ 'ocrm:lambdaArchitecture': 'riscv' })).toThrow(/ocrm:lambdaArchitecture/);
    expect(synthChina({ 'ocrm:smsChannelConfig': '{"signName":' })).toThrow(
      /ocrm:smsChannelConfig is not JSON/,
    );
    expect(synthChina({ 'ocrm:smsChannelConfig': '["x"]' })).toThrow(/must be a JSON object/);
    for (const budget of ['0', '-5', 'lots']) {
      expect(synthChina({ 'ocrm:smsMonthlyBudget': budget })).toThrow(
        /ocrm:smsMonthlyBudget must be a positive amount of yuan/,
      );
    }
  });

  test('a global region with a domestic channel is fine: no SNS grant, the secret instead', () => {
    const smsOnly = withCallback.functions.filter((fn) => fn.name === callback.name || fn.sendsSms);
    const s = synthesize({
      props: { system: { tables: system.tables, functions: smsOnly } },
      context: { 'ocrm:region': 'ap-east-1', 'ocrm:sms': 'aliyun' },
    });
    expect(s.stack.settings.china).toBe(false);
    const dispatch = functionsOf(s).find((fn) => fn.name === senders(withCallback)[0])!;
    const actions = dispatch.statements.flatMap(actionsOf);
    expect(actions).toContain('secretsmanager:GetSecretValue');
    expect(actions.filter((a) => a.startsWith('sns:'))).toEqual([]);
  });
});
