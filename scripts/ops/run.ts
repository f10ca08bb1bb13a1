// One ops command from parsing to printing, given the clients (main.ts makes them from the caller's
// credentials; tests hand in mocked or local ones).
import { parseArgs, USAGE, UsageError, type Command } from './args.js';
import { pauseCampaignAs } from './campaign.js';
import type { OpsClients } from './clients.js';
import { listDeadLetters, replayDeadLetters } from './dead-letters.js';
import { discoverStack } from './discover.js';
import { formatDeadLetters, formatMonthClose, formatPause, formatReplay, formatStatus } from './format.js';
import { monthCloseStatus, runMonthClose } from './month-close.js';
import { readStatus } from './status.js';

export interface RunOptions {
  clients: (command: Exclude<Command, { kind: 'help' }>) => OpsClients;
  now?: () => Date;
  print: (text: string) => void;
}

/** Runs the command line; the exit code: 0 done, 1 done but something failed, 2 a usage error. */
export const runOps = async (argv: string[], options: RunOptions): Promise<number> => {
  let command: Command;
  try {
    command = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    options.print(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (command.kind === 'help') {
    options.print(USAGE);
    return 0;
  }
  const now = options.now?.() ?? new Date();
  const clients = options.clients(command);
  const inventory = await discoverStack(clients.cloudFormation, command.target.stack);
  const show = (value: unknown, text: string) =>
    options.print(command.target.json ? JSON.stringify(value, null, 2) : text);
  switch (command.kind) {
    case 'status': {
      const report = await readStatus(clients, inventory, { now, month: command.month });
      show(report, formatStatus(report));
      return 0;
    }
    case 'dead-letters-list': {
      const letters = await listDeadLetters(clients, inventory, command.mapping);
      show(letters, formatDeadLetters(command.mapping, letters));
      return 0;
    }
    case 'dead-letters-replay': {
      const results = await replayDeadLetters(clients, inventory, command.mapping, command.limit);
      show(results, formatReplay(command.mapping, results));
      return results.every((r) => r.outcome === 'replayed') ? 0 : 1;
    }
    case 'month-close-run': {
      const answer = await runMonthClose(clients, inventory, command.month, command.totalSegments);
      show(answer, `month close ${command.month} issued:\n${JSON.stringify(answer, null, 2)}`);
      return 0;
    }
    case 'month-close-status': {
      const progress = await monthCloseStatus(clients, inventory, command.month);
      show(progress ?? null, formatMonthClose(command.month, progress));
      return progress ? 0 : 1;
    }
    case 'campaign-pause': {
      const answer = await pauseCampaignAs(clients, inventory, { ...command, now });
      show(answer, formatPause(command.campaignId, answer));
      return answer.status >= 200 && answer.status < 300 ? 0 : 1;
    }
  }
};
