// Faults injected into the DynamoDB Document client the handlers use (aws-sdk-client-mock on that one
// instance): every command passes through to a real client on DynamoDB Local, except the calls a
// test arms to fail — so what a handler did write really lands, and what it did not is really absent.
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactGetCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import {
  ProvisionedThroughputExceededException,
  ThrottlingException,
  TransactionCanceledException,
  TransactionConflictException,
} from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';

type Input = Record<string, any>;
const COMMANDS = {
  GetCommand,
  PutCommand,
  UpdateCommand,
  DeleteCommand,
  QueryCommand,
  ScanCommand,
  BatchGetCommand,
  BatchWriteCommand,
  TransactGetCommand,
  TransactWriteCommand,
};
export type CommandName = keyof typeof COMMANDS;
export const WRITES: CommandName[] = [
  'PutCommand',
  'UpdateCommand',
  'DeleteCommand',
  'BatchWriteCommand',
  'TransactWriteCommand',
];

/** What a faulty call does instead of passing through: throw, or answer (e.g. with UnprocessedItems). */
export type Fault = (input: Input, real: DynamoDBDocumentClient) => Promise<unknown>;

const $metadata = { httpStatusCode: 400 };
export const throttling: Fault = async () => {
  throw new ThrottlingException({ message: 'Rate of requests exceeds the allowed throughput.', $metadata });
};
export const provisionedThroughputExceeded: Fault = async () => {
  throw new ProvisionedThroughputExceededException({
    message: 'The level of configured provisioned throughput for the table was exceeded.',
    $metadata,
  });
};
/** A transaction cancelled with `code` at its first item. */
const cancelled =
  (code: 'TransactionConflict' | 'ConditionalCheckFailed'): Fault =>
  async (input) => {
    const items = (input.TransactItems as unknown[] | undefined) ?? [input];
    throw new TransactionCanceledException({
      message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${code}]`,
      $metadata,
      CancellationReasons: items.map((_, i) => ({ Code: i === 0 ? code : 'None' })),
    });
  };
/**
 * A race lost to another transaction on the same item: a transaction is cancelled with
 * TransactionConflict; a single-item write gets TransactionConflictException.
 */
export const transactionConflict: Fault = async (input) => {
  if (input.TransactItems) return cancelled('TransactionConflict')(input, undefined as never);
  throw new TransactionConflictException({
    message: 'Transaction is ongoing for the item',
    $metadata,
  });
};
export const conditionFailed = cancelled('ConditionalCheckFailed');

/** BatchGet/BatchWrite: the real call on the first half, the rest handed back unprocessed. */
export const unprocessedHalf: Fault = async (input, real) => {
  const [table, request] = Object.entries(input.RequestItems as Record<string, any>)[0]!;
  if (Array.isArray(request)) {
    const done = request.slice(0, Math.floor(request.length / 2));
    if (done.length) await real.send(new BatchWriteCommand({ RequestItems: { [table]: done } }));
    return { UnprocessedItems: { [table]: request.slice(done.length) }, $metadata: {} };
  }
  const keys = request.Keys as Input[];
  const half = keys.slice(0, Math.floor(keys.length / 2));
  const out = half.length
    ? await real.send(new BatchGetCommand({ RequestItems: { [table]: { ...request, Keys: half } } }))
    : { Responses: { [table]: [] } };
  return {
    Responses: out.Responses,
    UnprocessedKeys: { [table]: { ...request, Keys: keys.slice(half.length) } },
    $metadata: {},
  };
};

interface Rule {
  commands: CommandName[];
  /** Calls of these commands to let through before failing (0: fail from the first). */
  skip: number;
  /** Calls to fail, then pass again (Infinity: the fault persists). */
  times: number;
  fault: Fault;
  hits: number;
}

export const dynamoFaults = (target: DynamoDBDocumentClient, real: DynamoDBDocumentClient) => {
  const mock = mockClient(target);
  let rules: Rule[] = [];
  const calls: { command: CommandName; input: Input }[] = [];
  for (const [name, Command] of Object.entries(COMMANDS) as [CommandName, any][]) {
    mock.on(Command).callsFake(async (input: Input) => {
      calls.push({ command: name, input });
      for (const rule of rules) {
        if (!rule.commands.includes(name)) continue;
        if (rule.skip > 0) {
          rule.skip--;
          continue;
        }
        if (rule.hits < rule.times) {
          rule.hits++;
          return rule.fault(input, real);
        }
      }
      return real.send(new Command(input));
    });
  }
  return {
    /** Fails `times` calls of `commands` (after letting `skip` through) with `fault`. */
    fail(commands: CommandName | CommandName[], fault: Fault, { skip = 0, times = Infinity } = {}) {
      const rule: Rule = { commands: [commands].flat(), skip, times, fault, hits: 0 };
      rules.push(rule);
      return { hits: () => rule.hits };
    },
    clear() {
      rules = [];
      calls.length = 0;
    },
    /** The calls made since the last clear, in order. */
    calls: (commands: CommandName[] = Object.keys(COMMANDS) as CommandName[]) =>
      calls.filter((c) => commands.includes(c.command)),
    restore: () => mock.restore(),
  };
};
export type DynamoFaults = ReturnType<typeof dynamoFaults>;
