// Debian's Chromium as the browser tests and the web bench launch it (never `npx playwright install`:
// no internet): found with `which chromium`, with the flags this machine's closed network needs.
import { execFileSync } from 'node:child_process';

const executablePath = (() => {
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  } catch {
    return '/usr/bin/chromium';
  }
})();

export const chromiumLaunchOptions = {
  executablePath,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
