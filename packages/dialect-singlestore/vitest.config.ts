import { defineConfig } from 'vitest/config';

// Unit tests need no database; integration tests share one server, so their files run one at a time.
const CONFORMANCE = 'test/conformance.test.ts';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        test: {
          name: 'integration',
          include: ['test/*.test.ts'],
          exclude: [CONFORMANCE],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      // After the integration files, so the server still runs one file at a time.
      {
        test: {
          name: 'conformance',
          include: [CONFORMANCE],
          sequence: { groupOrder: 1 },
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
