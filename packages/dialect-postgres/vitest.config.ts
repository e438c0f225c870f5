import { defineConfig } from 'vitest/config';

// Unit tests need no database; integration tests each work in their own schema of the test database.
const CONFORMANCE = 'test/conformance.test.ts';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/**/*.unit.test.ts'] } },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.unit.test.ts', CONFORMANCE],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      { test: { name: 'conformance', include: [CONFORMANCE], testTimeout: 30_000, hookTimeout: 30_000 } },
    ],
  },
});
