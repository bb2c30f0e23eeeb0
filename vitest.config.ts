import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` (in-process, no servers) and `e2e` (HTTP against a running system: the
 * embedded local stack that test/e2e/global-setup.ts starts, or the deployment that
 * MOVIEREC_API_URL names). `vitest run` runs both; `--project unit` or `--project e2e` one.
 */
export default defineConfig({
  test: {
    testTimeout: 60_000,
    allowOnly: false,
    // The global setup closes the embedded stack; a training run may be finishing.
    teardownTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'test/unit/**/*.test.ts',
            'test/infra/**/*.test.ts',
            'test/integration/**/*.test.ts',
            'lambdas/**/*.test.ts',
          ],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts', 'test/browser/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          // The files share one stack whose live model a test republishes: one file at a time.
          fileParallelism: false,
          // The first training run on ml-latest-small takes a minute or two; a republish as long.
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
