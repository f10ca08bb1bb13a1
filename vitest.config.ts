import { defineConfig } from 'vitest/config';

// One DynamoDB Local for the whole run (globalSetup); each test file makes its own tables by prefix.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: true,
    maxWorkers: 2,
  },
});
