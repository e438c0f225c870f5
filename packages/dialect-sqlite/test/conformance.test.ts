import { gate, runConformanceSuite, runV3ConformanceSuite } from '@agno-migrate/test-infra';
import { target } from './target.js';

const availability = await gate(target);
runConformanceSuite(target, availability);
runV3ConformanceSuite(target, availability);
