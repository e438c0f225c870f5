import { defineConfig } from 'vitest/config';

// Every test here spawns CLI processes against real servers: a loaded machine must not turn a slow
// process start into a failure.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
