// The CDK app: one OCRM stack, checked against the AWS Solutions rules of cdk-nag on every synth.
// Environment-agnostic (no account or region lookups), so `cdk synth` runs offline.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { OcrmStack } from './stack.js';

const app = new App();
new OcrmStack(app, 'Ocrm');
// Acknowledgements are also written into the template's Metadata (cdk_nag.rules_to_suppress), so
// the reasons travel with what is deployed and audit tooling can read them from CloudFormation.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { writeSuppressionsToCloudFormation: true }));
app.synth();
