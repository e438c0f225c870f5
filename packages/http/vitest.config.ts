import { defineConfig } from 'vitest/config';

// The endpoint tests run real servers on loopback against real databases; files run one at a time.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
