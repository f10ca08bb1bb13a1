// `npm run ops -- <command> --stack <name>`: the ops kit (docs/runbook.md says when to use which).
import { opsClients } from './clients.js';
import { runOps } from './run.js';

try {
  process.exitCode = await runOps(process.argv.slice(2), {
    clients: (command) => opsClients(command.target),
    print: (text) => console.log(text),
  });
} catch (error) {
  console.error(`ops: ${(error as Error).name}: ${(error as Error).message}`);
  process.exitCode = 1;
}
