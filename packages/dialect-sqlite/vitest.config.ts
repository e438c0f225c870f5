import { defineConfig } from 'vitest/config';

// The exact-SQL tests are the unit tests (one of them plans a dry run over a temporary file);
// the integration tests migrate temporary database files.
const UNIT = ['test/sqlite-sql.test.ts', 'test/sqlite-runs-sql.test.ts', 'test/sqlite-v3-tables.test.ts', 'test/sqlite-v3-step.test.ts'];

const CONFORMANCE = 'test/conformance.test.ts';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: UNIT } },
      { test: { name: 'integration', include: ['test/**/*.test.ts'], exclude: [...UNIT, CONFORMANCE] } },
      { test: { name: 'conformance', include: [CONFORMANCE] } },
    ],
  },
});
