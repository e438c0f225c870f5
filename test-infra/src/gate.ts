import type { TestTarget } from './target.js';

/**
 * Whether a database's tests can run. A database listed in AGNO_TEST_REQUIRE (CI sets it) must be
 * there: its absence fails the run instead of skipping it.
 */
export async function gate(target: TestTarget): Promise<{ skip: boolean; reason: string | null; required: boolean }> {
  const required = (process.env['AGNO_TEST_REQUIRE'] ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .includes(target.name);
  const reason = await target.unavailableReason();
  if (reason && !required) {
    console.warn(`\n*** SKIPPING ${target.name} tests: ${reason} (set AGNO_TEST_REQUIRE=${target.name} to make this fail) ***\n`);
  }
  return { skip: reason !== null && !required, reason, required };
}
