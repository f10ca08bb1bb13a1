// One local runtime for the Playwright run (runtime-process.ts in a child under tsx): the web app
// built if stale, its own DynamoDB Local, the demo bank, a free port. Tests find it in OCRM_WEB_URL
// (workers inherit the environment); the teardown stops it.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const root = join(import.meta.dirname, '..', '..');

export default async function setup() {
  const child = spawn(
    join(root, 'node_modules', '.bin', 'tsx'),
    [join(import.meta.dirname, 'runtime-process.ts')],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'SILENT' },
    },
  );
  const ready = await new Promise<{ url: string; dynamoEndpoint: string; tablePrefix: string }>(
    (resolve, reject) => {
      child.once('exit', (code) =>
        reject(new Error(`the local runtime exited (${code}) before it was ready`)),
      );
      createInterface({ input: child.stdout! }).on('line', (line) => {
        try {
          const ready = JSON.parse(line) as { url?: string; dynamoEndpoint: string; tablePrefix: string };
          if (ready.url) resolve({ ...ready, url: ready.url });
        } catch {
          // a log line
        }
      });
    },
  );
  process.env.OCRM_WEB_URL = ready.url;
  process.env.OCRM_WEB_DYNAMODB_ENDPOINT = ready.dynamoEndpoint;
  process.env.OCRM_WEB_TABLE_PREFIX = ready.tablePrefix;
  return async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
}
