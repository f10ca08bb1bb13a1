// The dead-letters API functions in AWS: the list function is told every stream mapping's queue and
// consumer (OCRM_DEAD_LETTER_QUEUES) and may only peek at those queues; the replay function may also
// delete and re-send their messages, read the mappings' streams and invoke their consumers; no other
// function gets any of that.
import { beforeAll, describe, expect, test } from 'vitest';
import { system } from '#infra/declaration/index.js';
import { FUNCTION_TAG } from '#infra/constructs/ocrm-function.js';
import {
  DEAD_LETTER_ACTIONS,
  DEAD_LETTER_KEY_ACTIONS,
  REPLAY_STREAM_ACTIONS,
} from '#infra/constructs/dead-letter-access.js';
import { DEAD_LETTER_QUEUES_ENV } from '#shared/dead-letters/queues.js';
import {
  actionsOf,
  namesByLogicalId,
  refId,
  referencedIds,
  resourcesOfType,
  statementsOfRole,
  synthesize,
  type CfnTemplate,
  type Synthesized,
} from '../support/synth.js';

let s: Synthesized;
let json: CfnTemplate;
let fnIds: Map<string, string>;

/**
 * Follows a value passed from one nested stack to another through the parent (`Fn::GetAtt` of the
 * nested stack's output) back to what the output holds, so refs name the flattened template's ids.
 */
const throughOutputs = (node: unknown): unknown => {
  if (Array.isArray(node)) return node.map(throughOutputs);
  if (!node || typeof node !== 'object') return node;
  const getAtt = (node as { 'Fn::GetAtt'?: unknown })['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[1] === 'string' && getAtt[1].startsWith('Outputs.')) {
    for (const [capability, template] of s.templates.nested) {
      const nested = s.stack.capabilities.get(capability)!;
      if (s.stack.resolve(nested.nestedStackResource!.logicalId) !== getAtt[0]) continue;
      const output = template.Outputs?.[getAtt[1].slice('Outputs.'.length)];
      return throughOutputs(s.stack.resolve(output?.Value));
    }
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, throughOutputs(v)]));
};
/** Flattened nested references also reach through the parent's `Parameters` of the other nested stack. */
const resolved = (node: unknown): unknown => {
  let previous: string;
  let current = node;
  do {
    previous = JSON.stringify(current);
    current = throughOutputs(current);
  } while (JSON.stringify(current) !== previous);
  return current;
};

/** A `Fn::Join` rendered as text, each Ref or GetAtt as `<logicalId>`. */
const rendered = (node: unknown): string => {
  const id = refId(node);
  if (id) return `<${id}>`;
  if (typeof node === 'string') return node;
  const join = (node as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (join) return join[1].map(rendered).join(join[0]);
  throw new Error(`cannot render ${JSON.stringify(node)}`);
};

const idOf = (name: string) => [...fnIds].find(([, n]) => n === name)![0];
const roleOf = (fnId: string) => refId(json.Resources[fnId]!.Properties!.Role)!;
const keyId = (prefix: 'KeysOps' | 'KeysData') =>
  resourcesOfType(json, 'AWS::KMS::Key').find(([id]) => id.startsWith(prefix))![0];

/** Every declared stream mapping as built: its name, consumer, queue and table. */
const mappings = () => {
  const byFunction = new Map<string, { consumer: string; queue: string; table: string }[]>();
  for (const [, esm] of resourcesOfType(json, 'AWS::Lambda::EventSourceMapping')) {
    const props = resolved(esm.Properties) as Record<string, unknown>;
    const consumer = refId(props.FunctionName)!;
    const queue = refId(
      (props.DestinationConfig as { OnFailure: { Destination: unknown } }).OnFailure.Destination,
    )!;
    const table = refId(props.EventSourceArn)!;
    byFunction.set(consumer, [...(byFunction.get(consumer) ?? []), { consumer, queue, table }]);
  }
  return byFunction;
};

beforeAll(() => {
  s = synthesize();
  json = s.json;
  fnIds = namesByLogicalId(json, 'AWS::Lambda::Function', FUNCTION_TAG);
});

describe('the dead-letters functions', () => {
  test('are told every stream mapping’s queue URL and consumer, by the local runtime’s mapping names', () => {
    const built = mappings();
    const expected: Record<string, { queue: string; function: string }> = {};
    for (const fn of system.functions) {
      const ofFn = built.get(idOf(fn.name)) ?? [];
      const perTable = new Map<string, number>();
      for (const trigger of fn.streams ?? []) {
        const n = (perTable.get(trigger.table) ?? 0) + 1;
        perTable.set(trigger.table, n);
        const mapping = ofFn.shift()!;
        expected[`${fn.name}@${trigger.table}${n > 1 ? `#${n}` : ''}`] = {
          queue: `<${mapping.queue}>`,
          function: `<${mapping.consumer}>`,
        };
      }
    }
    expect(Object.keys(expected).length).toBeGreaterThan(3);
    for (const name of ['dead-letters-list', 'dead-letters-replay']) {
      const env = (
        json.Resources[idOf(name)]!.Properties!.Environment as { Variables: Record<string, unknown> }
      ).Variables;
      expect(JSON.parse(rendered(resolved(env[DEAD_LETTER_QUEUES_ENV])))).toEqual(expected);
    }
    // the env holds URLs and names: well inside Lambda's 4 KB for all variables
    const size = JSON.stringify(expected).length + Object.keys(expected).length * 120;
    expect(size).toBeLessThan(3500);
  });

  test('get exactly the grants a list and a replay need, on exactly those queues, streams and consumers', () => {
    const built = [...mappings().values()].flat();
    const queues = [...new Set(built.map((m) => m.queue))].sort();
    const tables = [...new Set(built.map((m) => m.table))].sort();
    const consumers = [...new Set(built.map((m) => m.consumer))].sort();
    const grants = (name: string) =>
      Object.fromEntries(
        statementsOfRole(json, roleOf(idOf(name)))
          .filter((st) => st.Sid?.startsWith('DeadLetter'))
          .map((st) => [
            st.Sid!,
            {
              actions: [...actionsOf(st)].sort(),
              resources: [...new Set(referencedIds(resolved(st.Resource)))].sort(),
            },
          ]),
      );
    expect(grants('dead-letters-list')).toEqual({
      DeadLetterQueues: { actions: [...DEAD_LETTER_ACTIONS.list].sort(), resources: queues },
      DeadLetterQueuesKey: { actions: DEAD_LETTER_KEY_ACTIONS.list, resources: [keyId('KeysOps')] },
    });
    expect(grants('dead-letters-replay')).toEqual({
      DeadLetterQueues: { actions: [...DEAD_LETTER_ACTIONS.replay].sort(), resources: queues },
      DeadLetterQueuesKey: {
        actions: [...DEAD_LETTER_KEY_ACTIONS.replay].sort(),
        resources: [keyId('KeysOps')],
      },
      DeadLetterStreams: { actions: [...REPLAY_STREAM_ACTIONS].sort(), resources: tables },
      DeadLetterStreamsKey: { actions: ['kms:Decrypt'], resources: [keyId('KeysData')] },
      DeadLetterConsumers: { actions: ['lambda:InvokeFunction'], resources: consumers },
    });
    expect(DEAD_LETTER_ACTIONS.replay).toEqual(
      expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility']),
    );
  });

  test('no other function reads a dead-letter queue, invokes a consumer or is told the queues', () => {
    for (const [fnId, name] of fnIds) {
      if (name.startsWith('dead-letters-')) continue;
      const env = (json.Resources[fnId]!.Properties!.Environment as { Variables?: Record<string, unknown> })
        ?.Variables;
      expect(env?.[DEAD_LETTER_QUEUES_ENV], name).toBeUndefined();
      const actions = statementsOfRole(json, roleOf(fnId))
        .filter((st) => st.Effect === 'Allow')
        .flatMap(actionsOf);
      expect(actions, name).not.toContain('sqs:ReceiveMessage');
      expect(actions, name).not.toContain('lambda:InvokeFunction');
    }
  });
});
