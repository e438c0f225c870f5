import { runLearningsRekeySuite } from '@agno-migrate/test-infra';
import { postgresGate, target } from './support/postgres.js';

runLearningsRekeySuite(target, postgresGate);
