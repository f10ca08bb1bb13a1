// The web workbench in Debian's Chromium (never `npx playwright install`: no internet) against one
// local runtime for the whole run (global-setup.ts): desktop and a 390×844 phone.
import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions as launchOptions } from './chromium.js';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  globalSetup: './global-setup.ts',
  outputDir: '../../test-results/web',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // two cores shared with other work: axe on a full page takes seconds
  timeout: 180_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  use: {
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions,
  },
  projects: [
    {
      name: 'desktop',
      use: { ...devices['Desktop Chrome'], viewport: { width: 1366, height: 900 }, launchOptions },
    },
    {
      name: 'phone',
      use: {
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        launchOptions,
      },
    },
  ],
});
