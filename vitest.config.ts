import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/support/matchers.ts'],
    // Says at the end of the run which databases it covered (PGlite, Postgres) and how to add Postgres.
    globalSetup: ['test/support/databaseCoverage.ts'],
    // Every test runs in UTC so that nothing depends on the host's zone (see DESIGN.md).
    env: { TZ: 'UTC' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
