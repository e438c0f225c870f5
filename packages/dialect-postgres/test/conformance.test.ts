import { runConformanceSuite, runV3ConformanceSuite } from '@agno-migrate/test-infra';
import { postgresGate, target } from './support/postgres.js';

runConformanceSuite(target, postgresGate);
runV3ConformanceSuite(target, postgresGate);
