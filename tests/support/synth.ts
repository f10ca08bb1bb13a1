// Synthesizes the OCRM stack in-process for infra tests: the context of cdk.json, bundling skipped
// (no esbuild run; the template is the same, only the asset hash differs), optionally with cdk-nag
// and CDK's built-in CloudFormation validation (schema + rules; ~10 s, so only where asserted).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';
import { OcrmStack, type OcrmStackProps } from '#infra/stack.js';
import { repositoryRoot } from '#infra/constructs/ocrm-function.js';

export interface Synthesized {
  app: App;
  stack: OcrmStack;
  assembly: CloudAssembly;
  /** The whole deployment as one template (see {@link flatten}). */
  template: Template;
  /** The whole deployment as one raw template, for reading resources back. */
  json: CfnTemplate;
  /** Each template as CloudFormation receives it: the parent's, then each nested stack's by capability. */
  templates: { parent: CfnTemplate; nested: Map<string, CfnTemplate> };
}

export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string | string[];
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  Metadata?: Record<string, unknown>;
}
export interface CfnTemplate {
  Parameters?: Record<string, unknown>;
  Resources: Record<string, CfnResource>;
  Outputs?: Record<string, { Value: unknown }>;
}

const cdkJsonContext = (): Record<string, unknown> =>
  (
    JSON.parse(readFileSync(join(repositoryRoot, 'cdk.json'), 'utf8')) as {
      context?: Record<string, unknown>;
    }
  ).context ?? {};

export interface SynthOptions {
  /** Run cdk-nag's AwsSolutionsChecks as app.ts does. */
  nag?: boolean;
  /** Run CDK's built-in CloudFormation template validation. */
  cfnValidation?: boolean;
  context?: Record<string, unknown>;
  props?: OcrmStackProps;
  /** Cloud assembly directory; a fresh temporary one by default. */
  outdir?: string;
}

export const synthesize = (options: SynthOptions = {}): Synthesized => {
  const app = new App({
    outdir: options.outdir ?? mkdtempSync(join(tmpdir(), 'ocrm-cdk-')),
    builtinCloudFormationValidation: options.cfnValidation ?? false,
    context: {
      ...cdkJsonContext(),
      'aws:cdk:bundling-stacks': [],
      ...options.context,
    },
  });
  const stack = new OcrmStack(app, 'Ocrm', options.props);
  if (options.nag) {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { writeSuppressionsToCloudFormation: true }));
  }
  const assembly = app.synth();
  const parent = assembly.getStackArtifact(stack.artifactId).template as CfnTemplate;
  const nested = new Map(
    [...stack.capabilities].map(([capability, nestedStack]) => [
      capability,
      JSON.parse(readFileSync(join(assembly.directory, nestedStack.templateFile), 'utf8')) as CfnTemplate,
    ]),
  );
  const json = flatten(stack, parent, nested);
  return { app, stack, assembly, template: Template.fromJSON(json), json, templates: { parent, nested } };
};

/**
 * The parent template with every nested stack's resources merged in, each `Ref` to a nested stack's
 * parameter replaced by what the parent passes for it (`Ref`/`GetAtt` of the parent's resource).
 * Tests then read one template as if it were one stack: a grant's table ARN still resolves to the
 * table's logical id. Logical ids cannot clash: nested ones carry the function's name.
 */
export const flatten = (
  stack: OcrmStack,
  parent: CfnTemplate,
  nested: Map<string, CfnTemplate>,
): CfnTemplate => {
  const resources: Record<string, CfnResource> = { ...parent.Resources };
  for (const [capability, template] of nested) {
    const nestedStack = stack.capabilities.get(capability)!;
    const stackId = stack.resolve(nestedStack.nestedStackResource!.logicalId) as string;
    const passed = (parent.Resources[stackId]?.Properties?.Parameters ?? {}) as Record<string, unknown>;
    const substitute = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(substitute);
      if (node && typeof node === 'object') {
        const ref = (node as { Ref?: unknown }).Ref;
        if (typeof ref === 'string' && ref in passed) return passed[ref];
        return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, substitute(value)]));
      }
      return node;
    };
    for (const [id, resource] of Object.entries(template.Resources)) {
      if (id in resources) throw new Error(`logical id ${id} of ${capability} is also in another stack`);
      resources[id] = substitute(resource) as CfnResource;
    }
  }
  return { ...parent, Resources: resources };
};

/** A fresh directory for a cloud assembly. */
export const assemblyDir = (): string => mkdtempSync(join(tmpdir(), 'ocrm-cdk-'));

/** Resources of one type, by logical id. */
export const resourcesOfType = (json: CfnTemplate, type: string): [string, CfnResource][] =>
  Object.entries(json.Resources).filter(([, resource]) => resource.Type === type);

/** The logical id a `Ref` or `Fn::GetAtt` points at. */
export const refId = (value: unknown): string | undefined => {
  if (value && typeof value === 'object') {
    const v = value as { Ref?: unknown; 'Fn::GetAtt'?: unknown };
    if (typeof v.Ref === 'string') return v.Ref;
    if (Array.isArray(v['Fn::GetAtt']) && typeof v['Fn::GetAtt'][0] === 'string') return v['Fn::GetAtt'][0];
  }
  return undefined;
};

export const tagOf = (resource: CfnResource, key: string): string | undefined =>
  (resource.Properties?.Tags as { Key: string; Value: string }[] | undefined)?.find((tag) => tag.Key === key)
    ?.Value;

/** Logical id → the declared name carried by `tag`, for every resource of `type`. */
export const namesByLogicalId = (json: CfnTemplate, type: string, tag: string): Map<string, string> =>
  new Map(
    resourcesOfType(json, type).map(([id, resource]) => {
      const name = tagOf(resource, tag);
      if (!name) throw new Error(`${type} ${id} has no ${tag} tag`);
      return [id, name];
    }),
  );

/** Every statement of every IAM policy attached to the role, with its effect. */
export interface Statement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: unknown;
  Sid?: string;
}
export const statementsOfRole = (json: CfnTemplate, roleId: string): Statement[] =>
  // CDK moves what does not fit the role's inline policy (10 KB) into customer-managed "overflow" policies.
  [...resourcesOfType(json, 'AWS::IAM::Policy'), ...resourcesOfType(json, 'AWS::IAM::ManagedPolicy')]
    .filter(([, policy]) =>
      ((policy.Properties?.Roles ?? []) as unknown[]).some((role) => refId(role) === roleId),
    )
    .flatMap(([, policy]) => (policy.Properties?.PolicyDocument as { Statement: Statement[] }).Statement);

export const actionsOf = (statement: Statement): string[] =>
  Array.isArray(statement.Action) ? statement.Action : [statement.Action];

/** Logical ids a statement's Resource refers to (through Ref / GetAtt, also inside Fn::Join). */
export const referencedIds = (value: unknown): string[] => {
  const found = new Set<string>();
  const walk = (node: unknown) => {
    const id = refId(node);
    if (id) found.add(id);
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') Object.values(node).forEach(walk);
  };
  walk(value);
  return [...found];
};
