// The CDK app: one OCRM stack, checked against the AWS Solutions rules of cdk-nag on every synth.
// No account or region lookups, so `cdk synth` runs offline: environment-agnostic by default, pinned
// to a region (and so to its partition, e.g. `-c ocrm:region=cn-north-1` for AWS China) when
// `ocrm:region` is set (infra/constructs/deployment-settings.ts lists every context key).
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { OcrmStack } from './stack.js';

const app = new App();
new OcrmStack(app, 'Ocrm');
// Acknowledgements are also written into the template's Metadata (cdk_nag.rules_to_suppress), so
// the reasons travel with what is deployed and audit tooling can read them from CloudFormation.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { writeSuppressionsToCloudFormation: true }));
app.synth();
