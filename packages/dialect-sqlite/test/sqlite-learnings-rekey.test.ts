import { gate, runLearningsRekeySuite } from '@agno-migrate/test-infra';
import { target } from './target.js';

runLearningsRekeySuite(target, await gate(target));
