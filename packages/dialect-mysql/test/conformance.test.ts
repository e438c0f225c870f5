import { runConformanceSuite } from '@agno-migrate/test-infra';
import { skipMysql, target } from './support/mysql-env.js';

// test-infra registers the MySQL 2.2 fixture (fixtures/mysql-agno-2-2.ts) for the mysql flavour.
runConformanceSuite(target, { skip: skipMysql });
