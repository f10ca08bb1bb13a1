// The ops kit's command line, parsed into one command: what `npm run ops -- <command> --stack <name>`
// asks for. Pure: no AWS, no process; main.ts hands it process.argv.
import { isMonth } from '#shared/tiering/calendar.js';

export interface Target {
  /** The deployed root stack (`Ocrm` by default in infra/app.ts). */
  stack: string;
  region?: string;
  /** A profile of the shared config/credentials files; otherwise the default provider chain. */
  profile?: string;
  /** Print JSON instead of text. */
  json: boolean;
}

export type Command =
  | { kind: 'help' }
  | { kind: 'status'; target: Target; month?: string }
  | { kind: 'dead-letters-list'; target: Target; mapping: string }
  | { kind: 'dead-letters-replay'; target: Target; mapping: string; limit: number }
  | { kind: 'month-close-run'; target: Target; month: string; totalSegments?: number }
  | { kind: 'month-close-status'; target: Target; month: string }
  | { kind: 'campaign-pause'; target: Target; campaignId: string; staffId: string; note?: string };

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const USAGE = `npm run ops -- <command> --stack <name> [--region <r>] [--profile <p>] [--json]

  status [--month YYYY-MM]              resources, iterator ages, dead-letter depths, month close, SMS spend
  dead-letters list <mapping>           the batches a stream mapping gave up on (mapping: function@table)
  dead-letters replay <mapping> [--limit N]
                                        re-drives them through the function, once each
  month-close run <YYYY-MM> [--segments N]
                                        invokes the month-close coordinator for that month
  month-close status <YYYY-MM>          the month close's passes and segments
  campaign pause <campaignId> --as <staffId> [--note <text>]
                                        pauses a campaign on that staff member's authority (audited)

Credentials: the default AWS provider chain (environment, SSO, profile, instance role).`;

const FLAGS_WITH_VALUE = new Set(['stack', 'region', 'profile', 'month', 'limit', 'segments', 'as', 'note']);
const BOOLEAN_FLAGS = new Set(['json', 'help']);

interface Split {
  words: string[];
  flags: Map<string, string>;
}

const split = (argv: string[]): Split => {
  const words: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      words.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (BOOLEAN_FLAGS.has(name)) {
      flags.set(name, 'true');
    } else if (FLAGS_WITH_VALUE.has(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`);
      flags.set(name, value);
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  return { words, flags };
};

const positiveInt = (flag: string, text: string | undefined): number | undefined => {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${flag} must be a positive whole number`);
  return n;
};

const month = (text: string | undefined, what: string): string => {
  if (!text || !isMonth(text)) throw new UsageError(`${what} must be a month, YYYY-MM`);
  return text;
};

/** A stream mapping as the local runtime names it: `function@table`, optionally `#2` for a second one. */
export const MAPPING_NAME = /^[a-z0-9-]+@[a-z0-9-]+(#\d+)?$/;

export const parseArgs = (argv: string[]): Command => {
  const { words, flags } = split(argv);
  if (flags.has('help') || words.length === 0 || words[0] === 'help') return { kind: 'help' };
  const stack = flags.get('stack');
  if (!stack) throw new UsageError('--stack <name> is required (the deployed root stack, e.g. Ocrm)');
  const target: Target = {
    stack,
    ...(flags.has('region') ? { region: flags.get('region') } : {}),
    ...(flags.has('profile') ? { profile: flags.get('profile') } : {}),
    json: flags.has('json'),
  };
  const [command, sub, arg, ...rest] = words;
  const noMore = (extra: unknown[]) => {
    if (extra.length) throw new UsageError(`unexpected ${extra.join(' ')}`);
  };
  switch (command) {
    case 'status':
      noMore([sub, arg, ...rest].filter((w) => w !== undefined));
      return {
        kind: 'status',
        target,
        ...(flags.has('month') ? { month: month(flags.get('month'), '--month') } : {}),
      };
    case 'dead-letters': {
      if (!arg || !MAPPING_NAME.test(arg)) {
        throw new UsageError('dead-letters list|replay <mapping>: the mapping is function@table');
      }
      noMore(rest);
      if (sub === 'list') return { kind: 'dead-letters-list', target, mapping: arg };
      if (sub === 'replay') {
        return {
          kind: 'dead-letters-replay',
          target,
          mapping: arg,
          limit: positiveInt('limit', flags.get('limit')) ?? 100,
        };
      }
      throw new UsageError('dead-letters list|replay <mapping>');
    }
    case 'month-close': {
      noMore(rest);
      const m = month(arg, 'month-close run|status <YYYY-MM>: the month');
      if (sub === 'run') {
        const totalSegments = positiveInt('segments', flags.get('segments'));
        return { kind: 'month-close-run', target, month: m, ...(totalSegments ? { totalSegments } : {}) };
      }
      if (sub === 'status') return { kind: 'month-close-status', target, month: m };
      throw new UsageError('month-close run|status <YYYY-MM>');
    }
    case 'campaign': {
      noMore(rest);
      if (sub !== 'pause' || !arg) throw new UsageError('campaign pause <campaignId> --as <staffId>');
      const staffId = flags.get('as');
      if (!staffId) {
        throw new UsageError(
          'campaign pause needs --as <staffId>: the staff member on whose authority the campaign is paused (audited)',
        );
      }
      return {
        kind: 'campaign-pause',
        target,
        campaignId: arg,
        staffId,
        ...(flags.has('note') ? { note: flags.get('note') } : {}),
      };
    }
    default:
      throw new UsageError(`unknown command ${command}`);
  }
};
