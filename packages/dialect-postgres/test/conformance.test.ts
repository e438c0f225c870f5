import { runConformanceSuite } from '@agno-migrate/test-infra';
import { postgresGate, target } from './support/postgres.js';

runConformanceSuite(target, postgresGate);
