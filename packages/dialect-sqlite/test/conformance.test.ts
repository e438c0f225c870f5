import { gate, runConformanceSuite } from '@agno-migrate/test-infra';
import { target } from './target.js';

const availability = await gate(target);
runConformanceSuite(target, availability);
