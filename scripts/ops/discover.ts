// Reads a deployed stack and its nested stacks from CloudFormation (outputs, resources, templates)
// and builds the inventory (inventory.ts) against the declaration this checkout holds.
import {
  DescribeStacksCommand,
  GetTemplateCommand,
  ListStackResourcesCommand,
  type CloudFormationClient,
  type StackResourceSummary,
} from '@aws-sdk/client-cloudformation';
import { system as declaredSystem } from '#infra/declaration/index.js';
import type { SystemDeclaration } from '#infra/declaration/types.js';
import { buildInventory, type Inventory, type StackPart } from './inventory.js';

const listResources = async (cfn: CloudFormationClient, stackName: string) => {
  const all: StackResourceSummary[] = [];
  let NextToken: string | undefined;
  do {
    const page = await cfn.send(new ListStackResourcesCommand({ StackName: stackName, NextToken }));
    all.push(...(page.StackResourceSummaries ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return all;
};

const readPart = async (cfn: CloudFormationClient, stackName: string): Promise<StackPart[]> => {
  const [resources, template] = await Promise.all([
    listResources(cfn, stackName),
    cfn.send(new GetTemplateCommand({ StackName: stackName, TemplateStage: 'Processed' })),
  ]);
  const part: StackPart = {
    stackName,
    resources: resources
      .filter((r) => r.LogicalResourceId && r.PhysicalResourceId && r.ResourceType)
      .map((r) => ({
        logicalId: r.LogicalResourceId!,
        physicalId: r.PhysicalResourceId!,
        type: r.ResourceType!,
      })),
    template: JSON.parse(template.TemplateBody ?? '{}') as StackPart['template'],
  };
  // nested stacks: their physical id is the stack's ARN
  const nested = part.resources.filter((r) => r.type === 'AWS::CloudFormation::Stack');
  const below = await Promise.all(nested.map((r) => readPart(cfn, r.physicalId)));
  return [part, ...below.flat()];
};

export const discoverStack = async (
  cfn: CloudFormationClient,
  stackName: string,
  system: SystemDeclaration = declaredSystem,
): Promise<Inventory> => {
  const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: stackName }));
  const stack = Stacks?.[0];
  if (!stack) throw new Error(`no stack ${stackName}`);
  const outputs = Object.fromEntries(
    (stack.Outputs ?? []).filter((o) => o.OutputKey).map((o) => [o.OutputKey!, o.OutputValue ?? '']),
  );
  return buildInventory(stackName, outputs, await readPart(cfn, stack.StackId ?? stackName), system);
};
