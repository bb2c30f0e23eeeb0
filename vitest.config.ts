import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'lambdas/**/*.test.ts'],
    testTimeout: 60_000,
    allowOnly: false,
  },
});
