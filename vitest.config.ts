import { defineConfig } from 'vitest/config';

// One DynamoDB Local for the whole run (globalSetup); each test file makes its own tables by prefix.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    pool: 'forks',
    testTimeout: 300_000,
    hookTimeout: 240_000,
    fileParallelism: true,
    maxWorkers: 2,
    // Handlers log as on Lambda; in tests only the assertions speak.
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_DEV: 'false' },
  },
});
