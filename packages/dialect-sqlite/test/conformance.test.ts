import { gate, runConformanceSuite } from '@agno-migrate/test-infra';
import { target } from './target.js';

runConformanceSuite(target, await gate(target));
