// What deploys is what runs locally: the routes, stream mappings and schedules read back from the
// synthesized template are exactly those the local runtime plans from the same declaration — same
// set, same settings, same function, nothing on one side the other lacks.
import { beforeAll, describe, expect, test } from 'vitest';
import { system } from '#infra/declaration/index.js';
import type { SystemDeclaration } from '#infra/declaration/types.js';
import { planLocalRuntime } from '#infra/local/plan.js';
import { FUNCTION_TAG } from '#infra/constructs/ocrm-function.js';
import { TABLE_TAG } from '#infra/stack.js';
import { fixtureSystem } from '../support/infra-fixture.js';
import { namesByLogicalId, refId, resourcesOfType, synthesize, type CfnTemplate } from '../support/synth.js';

/** Canonical order for comparing sets of plain objects. */
const sorted = <T>(items: T[]): T[] =>
  [...items].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

interface Route {
  routeKey: string;
  auth: 'jwt' | 'none';
  fn: string;
}
interface Mapping {
  fn: string;
  table: string;
  startingPosition: string;
  batchSize: number;
  maxBatchingWindowSeconds: number;
  filters?: unknown[];
  bisectOnError: boolean;
  retryAttempts: number;
  maxRecordAgeSeconds: number;
  parallelizationFactor?: number;
  reportBatchItemFailures: boolean;
  onFailure: string;
}
interface Schedule {
  name: string;
  cron: string;
  timezone: string;
  fn: string;
}

/** The template read back in the plan's terms: logical ids resolved to declared names through tags. */
const fromTemplate = (json: CfnTemplate) => {
  const functions = namesByLogicalId(json, 'AWS::Lambda::Function', FUNCTION_TAG);
  const tables = namesByLogicalId(json, 'AWS::DynamoDB::Table', TABLE_TAG);
  const fnOf = (ref: unknown): string => {
    const name = functions.get(refId(ref) ?? '');
    if (!name) throw new Error(`${JSON.stringify(ref)} is not a declared function`);
    return name;
  };
  const integrations = new Map(
    resourcesOfType(json, 'AWS::ApiGatewayV2::Integration').map(([id, integration]) => [
      id,
      fnOf(integration.Properties!.IntegrationUri),
    ]),
  );
  const integrationOf = (target: unknown): string => {
    // Target: { Fn::Join: ['', ['integrations/', { Ref: <integration> }]] }
    const parts = (target as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
    expect(parts[0]).toBe('integrations/');
    const fn = integrations.get(refId(parts[1]) ?? '');
    if (!fn) throw new Error(`route target ${JSON.stringify(target)} is not a Lambda integration`);
    return fn;
  };

  const allRoutes = resourcesOfType(json, 'AWS::ApiGatewayV2::Route').map(([, route]) => {
    const props = route.Properties!;
    const type = props.AuthorizationType;
    expect(['JWT', 'NONE']).toContain(type);
    return {
      routeKey: String(props.RouteKey),
      auth: type === 'JWT' ? 'jwt' : 'none',
      fn: integrationOf(props.Target),
    };
  }) as Route[];

  const mappings = resourcesOfType(json, 'AWS::Lambda::EventSourceMapping').map(([, mapping]): Mapping => {
    const p = mapping.Properties!;
    const table = tables.get(refId(p.EventSourceArn) ?? '');
    if (!table) throw new Error(`mapping source ${JSON.stringify(p.EventSourceArn)} is not a declared table`);
    expect((p.EventSourceArn as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][1]).toBe('StreamArn');
    const destination = refId(
      (p.DestinationConfig as { OnFailure?: { Destination: unknown } })?.OnFailure?.Destination,
    );
    const filters = (p.FilterCriteria as { Filters: { Pattern: string }[] } | undefined)?.Filters.map(
      (f) => JSON.parse(f.Pattern) as unknown,
    );
    return {
      fn: fnOf(p.FunctionName),
      table,
      startingPosition: String(p.StartingPosition),
      batchSize: p.BatchSize as number,
      maxBatchingWindowSeconds: p.MaximumBatchingWindowInSeconds as number,
      ...(filters ? { filters } : {}),
      bisectOnError: p.BisectBatchOnFunctionError as boolean,
      retryAttempts: p.MaximumRetryAttempts as number,
      maxRecordAgeSeconds: p.MaximumRecordAgeInSeconds as number,
      ...(p.ParallelizationFactor ? { parallelizationFactor: p.ParallelizationFactor as number } : {}),
      reportBatchItemFailures: ((p.FunctionResponseTypes as string[] | undefined) ?? []).includes(
        'ReportBatchItemFailures',
      ),
      onFailure:
        destination && json.Resources[destination]?.Type === 'AWS::SQS::Queue' ? 'dead-letter-queue' : 'none',
    };
  });

  const schedules = resourcesOfType(json, 'AWS::Scheduler::Schedule').map(([, schedule]): Schedule => {
    const p = schedule.Properties!;
    const target = p.Target as { Arn: unknown; Input: string };
    const input = JSON.parse(target.Input) as Record<string, unknown>;
    // The event the local runtime sends too: { scheduleName, scheduledTime }.
    expect(Object.keys(input).sort()).toEqual(['scheduleName', 'scheduledTime']);
    expect(input.scheduledTime).toBe('<aws.scheduler.scheduled-time>');
    return {
      name: String(input.scheduleName),
      cron: String(p.ScheduleExpression),
      timezone: String(p.ScheduleExpressionTimezone),
      fn: fnOf(target.Arn),
    };
  });

  return {
    routes: sorted(allRoutes.filter((r) => r.routeKey !== '$default')),
    catchAll: allRoutes.filter((r) => r.routeKey === '$default'),
    mappings: sorted(mappings),
    schedules: sorted(schedules),
  };
};

/** The local plan in the same terms. */
const fromPlan = (declaration: SystemDeclaration) => {
  const plan = planLocalRuntime(declaration);
  return {
    routes: sorted(plan.routes.map((r): Route => ({ routeKey: r.routeKey, auth: r.auth, fn: r.fn.name }))),
    catchAll: plan.catchAll ? [{ routeKey: '$default', auth: 'none', fn: plan.catchAll.name }] : [],
    mappings: sorted(
      plan.streamMappings.map((m): Mapping => ({
        fn: m.fn.name,
        table: m.table,
        startingPosition: m.startingPosition,
        batchSize: m.batchSize,
        maxBatchingWindowSeconds: m.maxBatchingWindowSeconds,
        ...(m.filters?.length ? { filters: m.filters } : {}),
        bisectOnError: m.bisectOnError,
        retryAttempts: m.retryAttempts,
        maxRecordAgeSeconds: m.maxRecordAgeSeconds,
        ...(m.parallelizationFactor ? { parallelizationFactor: m.parallelizationFactor } : {}),
        reportBatchItemFailures: m.reportBatchItemFailures,
        onFailure: m.onFailure,
      })),
    ),
    schedules: sorted(
      plan.schedules.map((s): Schedule => ({
        name: s.name,
        cron: s.cron,
        timezone: s.timezone,
        fn: s.fn.name,
      })),
    ),
  };
};

describe.each([
  { name: 'the declared system', declaration: system, props: undefined },
  { name: 'the fixture system', declaration: fixtureSystem, props: { system: fixtureSystem } },
])('parity with the local runtime: $name', ({ declaration, props }) => {
  let deployed: ReturnType<typeof fromTemplate>;
  let local: ReturnType<typeof fromPlan>;
  beforeAll(() => {
    deployed = fromTemplate(synthesize({ props }).json);
    local = fromPlan(declaration);
  });

  test('HTTP routes: same route keys, same auth, same function', () => {
    expect(deployed.routes).toEqual(local.routes);
  });

  test('$default: served by the same catch-all function, or absent on both sides', () => {
    expect(deployed.catchAll).toEqual(local.catchAll);
  });

  test('stream mappings: same tables, settings, filters, dead-letter handling and function', () => {
    expect(deployed.mappings).toEqual(local.mappings);
  });

  test('schedules: same names, cron, timezone and function', () => {
    expect(deployed.schedules).toEqual(local.schedules);
  });
});
