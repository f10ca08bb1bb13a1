// cdk-nag (AWS Solutions) over the synthesized stack, as `cdk synth` runs it: zero unacknowledged
// errors and zero warnings, CDK's own CloudFormation validation clean too, and every
// acknowledgement one of the few we accept, with a reason that names the resource.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { CfnTable } from 'aws-cdk-lib/aws-dynamodb';
import { CfnQueue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { ARCHIVE_WRITE_FINDING } from '#infra/constructs/audit-archive.js';
import { fixtureSystem } from '../support/infra-fixture.js';
import { assemblyDir, resourcesOfType, synthesize, type Synthesized } from '../support/synth.js';

interface Finding {
  plugin: string;
  rule: string;
  severity: string;
  paths: string[];
}

/** Everything any validation plugin (cdk-nag, CloudFormation validation, annotations) reported. */
const findingsIn = (outdir: string): Finding[] => {
  const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as {
    pluginReports: {
      pluginName: string;
      violations: { ruleName: string; severity: string; violatingConstructs?: { constructPath: string }[] }[];
    }[];
  };
  return report.pluginReports.flatMap((plugin) =>
    plugin.violations.map((v) => ({
      plugin: plugin.pluginName,
      rule: v.ruleName,
      severity: v.severity,
      paths: (v.violatingConstructs ?? []).map((c) => c.constructPath),
    })),
  );
};

/** Synthesizes with cdk-nag; a failing synth (nag errors) still leaves its report behind. */
const synthWithNag = (options: Parameters<typeof synthesize>[0] = {}) => {
  const outdir = assemblyDir();
  let synthesized: Synthesized | undefined;
  let error: Error | undefined;
  try {
    synthesized = synthesize({ ...options, nag: true, outdir });
  } catch (e) {
    error = e as Error;
  }
  return { synthesized, error, findings: findingsIn(outdir) };
};

const ACKNOWLEDGED_RULES_METADATA_KEY = 'aws:cdk:acknowledged-rules';
/** The only rules we acknowledge instead of fixing; anything else must be fixed. */
const ACCEPTED = [
  'AwsSolutions-APIG4',
  'AwsSolutions-IAM5[Resource::*]',
  'AwsSolutions-SQS3',
  // the access-log bucket does not log into itself
  'AwsSolutions-S1',
  // the audit archive's writer puts objects named at run time, under audit/ only
  ARCHIVE_WRITE_FINDING('Ocrm'),
  // the web app's distribution: no geo restriction, WAF, CloudFront logs or own certificate (reasons given)
  'AwsSolutions-CFR1',
  'AwsSolutions-CFR2',
  'AwsSolutions-CFR3',
  'AwsSolutions-CFR4',
  // China only: CloudFront there has no origin access control (an origin access identity instead)
  'AwsSolutions-CFR7',
];

/** An AWS China region with what it requires: the bank's IdP, a domestic SMS channel, an ICP domain. */
const CHINA_CONTEXT = {
  'ocrm:region': 'cn-north-1',
  'ocrm:jwtIssuer': 'https://idp.bank.example.cn/realms/staff',
  'ocrm:jwtAudience': 'ocrm-workbench',
  'ocrm:sms': 'aliyun',
  'ocrm:webDomain': 'crm.bank.example.cn',
  'ocrm:webCertificate': 'ASCAEXAMPLEIAMCERTID',
};

const acknowledgements = (root: IConstruct) =>
  root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );

describe.each([
  // The declared system exactly as `cdk synth` checks it, CloudFormation validation included.
  { name: 'the declared system', options: { cfnValidation: true }, starMarker: 'xray:PutTraceSegments' },
  {
    name: 'the fixture system',
    options: { props: { system: fixtureSystem } },
    starMarker: 'xray:PutTraceSegments',
  },
  // `cdk synth -c ocrm:region=cn-north-1 …`: no X-Ray there, so stream consumers carry the `*` grant
  {
    name: 'the declared system in an AWS China region',
    options: { context: CHINA_CONTEXT, cfnValidation: true },
    starMarker: 'dynamodb:ListStreams',
  },
])('cdk-nag AwsSolutions: $name', ({ options, starMarker }) => {
  let result: ReturnType<typeof synthWithNag>;
  beforeAll(() => {
    result = synthWithNag(options);
  });

  test('synthesizes, with no unacknowledged error or warning from any validation', () => {
    expect(result.findings).toEqual([]);
    expect(result.error).toBeUndefined();
  });

  test('CDK annotations: no warning, no error', () => {
    const { assembly, stack } = result.synthesized!;
    const messages = assembly.getStackArtifact(stack.artifactId).messages;
    expect(messages.filter((m) => m.level !== 'info').map((m) => `${m.id}: ${String(m.entry.data)}`)).toEqual(
      [],
    );
  });

  test('acknowledgements: only accepted rules, each with a reason that names its resource', () => {
    const acks = acknowledgements(result.synthesized!.app);
    expect(acks.length).toBeGreaterThan(0);
    // plus what cdk-nag finds in CDK's own BucketDeployment function (named by the web construct)
    const accepted = [...ACCEPTED, ...result.synthesized!.stack.web.acknowledgedDeploymentRules];
    for (const ack of acks) {
      expect(accepted, `${ack.path}: ${ack.id}`).toContain(ack.id);
      expect(ack.reason.length, `${ack.path}: ${ack.reason}`).toBeGreaterThanOrEqual(80);
      // The reason is about this resource: it names the function, route or trigger it concerns.
      const subject = ack.path.split('/').find((part, i, parts) => parts[i - 1] === 'Functions');
      if (subject) expect(ack.reason).toContain(subject);
    }
    // Not one blanket stack-level acknowledgement.
    expect(acks.filter((a) => a.path.split('/').length <= 1)).toEqual([]);
  });

  test('the reasons travel with the template (cdk_nag metadata) for audit', () => {
    const { json } = result.synthesized!;
    const policies = resourcesOfType(json, 'AWS::IAM::Policy').filter(([, p]) =>
      JSON.stringify(p.Properties!.PolicyDocument).includes(starMarker),
    );
    expect(policies.length).toBeGreaterThan(0);
    for (const [, policy] of policies) {
      const rules = (policy.Metadata?.cdk_nag as { rules_to_suppress: { id: string; reason: string }[] })
        ?.rules_to_suppress;
      expect(rules?.map((r) => r.id)).toContain('AwsSolutions-IAM5[Resource::*]');
    }
  });
});

test('the harness sees violations: errors fail the synth, warnings are reported', () => {
  const outdir = assemblyDir();
  const app = new App({ outdir, builtinCloudFormationValidation: false });
  const stack = new Stack(app, 'Bad');
  new CfnQueue(stack, 'PlainQueue', {});
  const table = new CfnTable(stack, 'NoBackups', {
    keySchema: [{ attributeName: 'id', keyType: 'HASH' }],
    attributeDefinitions: [{ attributeName: 'id', attributeType: 'S' }],
    billingMode: 'PAY_PER_REQUEST',
  });
  Validations.of(table).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'irrelevant: not a queue' });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  expect(() => app.synth()).toThrow(/AwsSolutions-SQS4/);
  const findings = findingsIn(outdir);
  expect(findings).toContainEqual(expect.objectContaining({ rule: 'AwsSolutions-SQS4', severity: 'error' }));
  expect(findings).toContainEqual(
    expect.objectContaining({ rule: 'AwsSolutions-DDB3', severity: 'warning' }),
  );
});
