import { gate, runConformanceSuite, singlestoreTarget } from '@agno-migrate/test-infra';
import { describe, it } from 'vitest';
import { singlestoreDialect } from '../src/index.js';

/**
 * The shared suite on a real SingleStore: AGNO_TEST_SINGLESTORE_URL, or the dev image when Docker
 * is there. Without either, gate() prints a SKIPPING banner, and AGNO_TEST_REQUIRE=singlestore turns
 * the absence into a failure below. test-infra registers the SingleStore 2.2 fixture
 * (fixtures/singlestore-agno-2-2.ts) for the singlestore flavour.
 */
const target = singlestoreTarget({
  dialect: (options) => singlestoreDialect(options),
  // Child processes (killed and racing runs) build the dialect from the built package.
  child: { module: new URL('../dist/index.js', import.meta.url).href, factory: 'singlestoreDialect' },
});
const availability = await gate(target);

if (availability.required && availability.reason !== null) {
  describe('singlestore: conformance', () => {
    it('needs a SingleStore (AGNO_TEST_REQUIRE names singlestore)', () => {
      throw new Error(`SingleStore is required but unavailable: ${availability.reason}`);
    });
  });
} else {
  runConformanceSuite(target, { skip: availability.skip });
}
