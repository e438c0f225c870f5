import { runFailedStepSuite } from './failed-step-suite.js';
import { runFusedPlanSuite } from './fused-plan-suite.js';
import { runKilledRunsSuite } from './killed-runs-suite.js';
import { runRacingSuite } from './racing-suite.js';
import { runRunsCopySuite } from './runs-copy-suite.js';
import { runRunsRevertSuite } from './runs-revert-suite.js';
import { runUpgradeSuite } from './upgrade-suite.js';
import { runV3CatalogSuite } from './v3-catalog-suite.js';
import { runV3ConformanceSuite } from './v3-suite.js';
import { runVerifySuite } from './verify-suite.js';
import type { TestTarget } from '../target.js';

export interface SuiteOptions {
  readonly skip: boolean;
}

/**
 * The behaviour every dialect must show on a real database: an Agno 2.2 database upgraded to the
 * exact latest shapes with every row intact, reverted, re-applied, forced, partially targeted;
 * verify; Agno 3.0's catalog, runs copy and 2.9 → 3.0 step; runs killed after any statement and
 * deploys racing each other, in processes of their own. Written once: what differs between
 * databases comes from the target (`target.traits`), never from a database's name.
 */
export function runConformanceSuite(target: TestTarget, options: SuiteOptions): void {
  runVerifySuite(target, options);
  runV3CatalogSuite(target, options);
  runRunsCopySuite(target, options);
  runRunsRevertSuite(target, options);
  runKilledRunsSuite(target, options);
  runRacingSuite(target, options);
  runFailedStepSuite(target, options);
  runV3ConformanceSuite(target, options);
  runFusedPlanSuite(target, options);
  runUpgradeSuite(target, options);
}
