// The dashboards and the SMS spend alarm in the synthesized stack (one synth), and the ops kit's
// reading of that stack: the inventory built from the templates' construct paths finds every
// declared function and stream mapping with its dead-letter queue, as `npm run ops` will in AWS.
import { beforeAll, describe, expect, it } from 'vitest';
import { system } from '#infra/declaration/index.js';
import { SMS_METRICS, SMS_SPEND_ALARM_SHARE } from '#infra/constructs/dashboards.js';
import { resourcesOfType, synthesize, type CfnTemplate, type Synthesized } from '../support/synth.js';
import { buildInventory, mappingIds, pascal, type StackPart } from '../../scripts/ops/inventory.js';

const BUDGET_YUAN = 20_000;
let s: Synthesized;

beforeAll(() => {
  s = synthesize({
    context: { 'aws:cdk:enable-path-metadata': true, 'ocrm:smsMonthlyBudget': String(BUDGET_YUAN) },
  });
});

const capabilities = [...new Set(system.functions.map((fn) => fn.capability ?? 'platform'))];
/** Each dashboard's body as JSON, CloudFormation's references (Fn::Join parts) replaced by `REF`. */
const body = (template: CfnTemplate) =>
  resourcesOfType(template, 'AWS::CloudWatch::Dashboard').map(([, r]) => {
    const join = (r.Properties?.DashboardBody as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
    return JSON.stringify(
      JSON.parse(join[1].map((part) => (typeof part === 'string' ? part : 'REF')).join('')),
    );
  });

describe('dashboards', () => {
  it('one per capability, in its own nested stack, with errors, throttles and p99 duration of each function', () => {
    expect([...s.templates.nested.keys()].sort()).toEqual([...capabilities].sort());
    for (const capability of capabilities) {
      const dashboards = body(s.templates.nested.get(capability)!);
      expect(dashboards, capability).toHaveLength(1);
      const text = dashboards[0]!;
      for (const fn of system.functions.filter((f) => (f.capability ?? 'platform') === capability)) {
        expect(text, `${capability}: ${fn.name}`).toContain(`"label":"${fn.name}"`);
      }
      expect(text).toContain('Errors');
      expect(text).toContain('Throttles');
      expect(text).toContain('p99');
    }
    expect(body(s.templates.parent)).toEqual([]);
  });

  it('stream consumers show their iterator age; every dead-letter queue its depth', () => {
    for (const capability of capabilities) {
      const text = body(s.templates.nested.get(capability)!)[0]!;
      const fns = system.functions.filter((f) => (f.capability ?? 'platform') === capability);
      const consumers = fns.filter((f) => f.streams?.length);
      expect(text.includes('IteratorAge'), capability).toBe(consumers.length > 0);
      for (const fn of consumers) {
        for (const id of mappingIdsOf(fn.name)) {
          expect(text, `${fn.name}/${id}`).toContain(`${fn.name}/${id}DeadLetters`);
        }
      }
      const queues = resourcesOfType(s.templates.nested.get(capability)!, 'AWS::SQS::Queue').length;
      expect((text.match(/ApproximateNumberOfMessagesVisible/g) ?? []).length, capability).toBe(queues);
    }
  });

  it('the campaigns dashboard shows SMS sent, failed and spend from the dispatch’s log line', () => {
    const campaigns = s.templates.nested.get('campaigns')!;
    const text = body(campaigns)[0]!;
    for (const metric of [SMS_METRICS.sent, SMS_METRICS.failed, SMS_METRICS.spend])
      expect(text).toContain(metric);
    const filters = resourcesOfType(campaigns, 'AWS::Logs::MetricFilter').map(([, r]) => r.Properties!);
    expect(filters).toHaveLength(3);
    for (const filter of filters) expect(filter.FilterPattern).toBe('{ $.message = "campaign dispatch" }');
    expect(
      filters.map((f) => (f.MetricTransformations as { MetricValue: string }[])[0]!.MetricValue).sort(),
    ).toEqual(['$.failed', '$.monthSpentFen', '$.sent']);
  });

  it('alarms on the month’s SMS spend per channel at a share of ocrm:smsMonthlyBudget', () => {
    const alarms = resourcesOfType(s.templates.nested.get('campaigns')!, 'AWS::CloudWatch::Alarm')
      .map(([, r]) => r.Properties!)
      .filter((p) => p.MetricName === SMS_METRICS.spend);
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({
      Namespace: SMS_METRICS.namespace,
      Statistic: 'Maximum',
      Threshold: BUDGET_YUAN * 100 * SMS_SPEND_ALARM_SHARE,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
    });
    expect(alarms[0]!.AlarmActions).toHaveLength(1);
  });
});

const mappingIdsOf = (fn: string) =>
  [...mappingIds(system).keys()]
    .filter((key) => key.startsWith(`${fn}/`))
    .map((key) => key.slice(fn.length + 1));

describe('the ops kit reads the stack', () => {
  it('finds every declared function, and every stream mapping with its dead-letter queue', () => {
    // deployed, each resource's physical id is CloudFormation's; here its logical id stands in
    const part = (name: string, template: CfnTemplate): StackPart => ({
      stackName: name,
      resources: Object.entries(template.Resources).map(([id, r]) => ({
        logicalId: id,
        physicalId: id,
        type: r.Type,
      })),
      template,
    });
    const outputs = Object.fromEntries(system.tables.map((t) => [`Table${pascal(t.id)}`, `phys-${t.id}`]));
    const inventory = buildInventory(
      'Ocrm',
      outputs,
      [part('Ocrm', s.templates.parent), ...[...s.templates.nested].map(([c, t]) => part(c, t))],
      system,
    );
    expect(inventory.unplaced).toBe(0);
    expect(inventory.functions.map((f) => f.name).sort()).toEqual(system.functions.map((f) => f.name).sort());
    const declaredMappings = [...mappingIds(system).values()].map((m) => m.name).sort();
    expect(inventory.mappings.map((m) => m.name)).toEqual(declaredMappings);
    for (const mapping of inventory.mappings) {
      expect(mapping.deadLetters?.name, mapping.name).toMatch(/StreamDeadLetters$|Stream\d+DeadLetters$/);
    }
    expect(Object.keys(inventory.tables).sort()).toEqual(system.tables.map((t) => t.id).sort());
  });
});
